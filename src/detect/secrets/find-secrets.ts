// The secrets scanner: one pass of one anchor regex over the text; at each anchor only the
// detectors registered for it run, each bounded in the text it reads. Overlapping hits are
// settled by specificity.
import type { Match } from '../finding.js';
import { trieSource } from './anchor-regex.js';
import { assignmentDetector } from './assignment.js';
import { azureAdSecretDetector } from './azure-ad-secret.js';
import { azureSasDetector } from './azure-sas.js';
import { curlCredentialDetector } from './curl-credentials.js';
import type { Detector, Hit, ScanState } from './detector.js';
import { facebookAppTokenDetector } from './facebook-app-token.js';
import { jwtDetector } from './jwt.js';
import { privateKeyDetector } from './private-key.js';
import { telegramBotTokenDetector } from './telegram-bot-token.js';
import { tokenFormatDetector } from './token-formats.js';
import { twilioAuthTokenDetector } from './twilio-auth-token.js';
import { urlCredentialDetector } from './url-credentials.js';
import { webhookUrlDetector } from './webhook-urls.js';

const DETECTORS: readonly Detector[] = [
  tokenFormatDetector,
  azureAdSecretDetector,
  telegramBotTokenDetector,
  facebookAppTokenDetector,
  webhookUrlDetector,
  jwtDetector,
  privateKeyDetector,
  urlCredentialDetector,
  azureSasDetector,
  curlCredentialDetector,
  twilioAuthTokenDetector,
  assignmentDetector,
];

interface Entry {
  /** The anchor as registered (its case matters unless `folded`). */
  literal: string;
  folded: boolean;
  detector: Detector;
}

/**
 * Anchors by lower-cased literal. The regex matches all of them ignoring case (one trie, one
 * pass); exact anchors are then checked for case, and shorter anchors that are a prefix of the
 * matched one (`sk-` of `sk-ant-`, `key` of `key-`) get their turn when the longer finds nothing.
 */
const ENTRIES = new Map<string, Entry[]>();
for (const detector of DETECTORS) {
  const add = (literal: string, folded: boolean) => {
    const key = literal.toLowerCase();
    const list = ENTRIES.get(key) ?? [];
    list.push({ literal, folded, detector });
    ENTRIES.set(key, list);
  };
  for (const a of detector.anchors ?? []) add(a, false);
  for (const a of detector.anchorsIgnoreCase ?? []) add(a.toLowerCase(), true);
}
const CANDIDATES = new Map<string, Entry[]>();
for (const key of ENTRIES.keys()) {
  const prefixes = [...ENTRIES.keys()].filter((k) => key.startsWith(k)).sort((a, b) => b.length - a.length);
  CANDIDATES.set(
    key,
    prefixes.flatMap((k) => ENTRIES.get(k)!),
  );
}
const ANCHORS = new RegExp(trieSource([...ENTRIES.keys()]), 'gi');

function better(a: Hit, b: Hit): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.score !== b.score) return a.score > b.score;
  return a.end - a.start > b.end - b.start;
}

/** Keep one hit per overlapping group: the most specific, then the most confident, then the longest. */
function settle(hits: Hit[]): Match[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (better(h, last)) kept[kept.length - 1] = h;
      continue;
    }
    kept.push(h);
  }
  return kept.map(({ type, start, end, score, message }) =>
    message === undefined ? { type, start, end, score } : { type, start, end, score, message },
  );
}

/**
 * Find secrets in one string: provider tokens (prefix, structure and checksum), private keys,
 * JWTs, credentials in URLs, Authorization headers and curl commands, provider keys named by
 * their key, and random-looking values assigned to secret-named keys. Spans are UTF-16 offsets
 * into `text` covering just the secret value; messages never contain it. Never throws.
 *
 * @example
 * findSecrets('export GITHUB_TOKEN=ghp_…') // [{ type: 'github-pat', start: 20, end: 60, score: 0.95, message: '…' }]
 */
export function findSecrets(text: string): Match[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: Hit[] = [];
  const state: ScanState = {
    commandUntil: -1,
    valueUntil: -1,
    pemSearchFrom: Number.MAX_SAFE_INTEGER,
    pemSearchAt: -1,
  };
  const re = new RegExp(ANCHORS);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    // Detectors say where to go on; by default the next position, so anchors inside this one still count.
    let resume = at + 1;
    const before = out.length;
    for (const entry of CANDIDATES.get(m[0].toLowerCase()) ?? []) {
      if (!entry.folded && !text.startsWith(entry.literal, at)) continue;
      resume = Math.max(resume, entry.detector.detect(text, at, entry.literal, state, out));
      if (out.length > before) break;
    }
    re.lastIndex = resume;
  }
  return settle(out);
}
