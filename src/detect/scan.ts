import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { findExfiltration } from './exfiltration/index.js';
import type { Channel, Finding, FindingKind, Match } from './finding.js';
import { hiddenCharacterMatches } from './hidden-character-findings.js';
import { findHiddenMarkup } from './hidden-markup/index.js';
import { injectionThreshold, scoreInjection } from './injection/classifier/index.js';
import { findInjectionRules } from './injection/rules/index.js';
import { findEncodedLayers } from './normalize/decode-layers.js';
import { normalizeText } from './normalize/normalize-text.js';
import { findPii } from './pii/index.js';
import { findSecrets } from './secrets/index.js';

export const FINDING_KINDS: readonly FindingKind[] = [
  'secret',
  'pii',
  'injection',
  'exfiltration',
  'hidden-text',
  'tool-poisoning',
];

export interface ScanOptions {
  /** Where the text comes from; sets the injection threshold. Default `tool` (attacker-reachable). */
  channel?: Channel;
  /** Which kinds to look for (default: all that apply to plain text). */
  kinds?: readonly FindingKind[];
  /** Hosts links and images may point to without an exfiltration finding (the profile's network allowlist). */
  isAllowedHost?: (host: string) => boolean;
  /** Override the injection threshold (0..1; default `INJECTION_THRESHOLD`, the channel's decision point). */
  injectionThreshold?: number;
  /** How many encoding layers to unwrap (default 3). */
  maxDepth?: number;
}

export interface ScanResult {
  findings: Finding[];
  scores: { injection: number };
  /** False when the decoding budget ran out before every encoded layer was scanned. */
  complete: boolean;
}

/** Budget of decoded text per scan: decoding must not turn a small input into unbounded work. */
const MIN_DECODE_BUDGET = 64 * 1024;

interface LayerContext {
  kinds: ReadonlySet<FindingKind>;
  options: ScanOptions;
  findings: Finding[];
  injection: { classifier: number; rules: Map<string, Finding> };
  budget: { chars: number };
  maxDepth: number;
  complete: boolean;
}

/**
 * Scan one text with every detector: normalize it (NFKC, invisible characters and ANSI removed,
 * look-alikes folded), unwrap encoded layers (base64, hex, percent, HTML entities, escapes,
 * Unicode tags) and scan those too, and map every finding back to the caller's offsets. A
 * finding of kind `injection` is present exactly when the injection score reaches the channel's
 * threshold.
 *
 * @example
 * const { findings, scores } = scan(toolResult, { channel: 'tool' });
 */
export function scan(text: string, options: ScanOptions = {}): ScanResult {
  if (typeof text !== 'string') {
    throw new WardenError(WardenErrorCode.InvalidArgument, 'scan: text must be a string');
  }
  const ctx: LayerContext = {
    kinds: new Set(options.kinds ?? FINDING_KINDS),
    options,
    findings: [],
    injection: { classifier: 0, rules: new Map() },
    budget: { chars: Math.max(MIN_DECODE_BUDGET, text.length * 4) },
    maxDepth: options.maxDepth ?? 3,
    complete: true,
  };
  scanLayer(text, 0, (start, end) => ({ start, end }), [], ctx);

  const findings = ctx.findings;
  let injection = 0;
  if (ctx.kinds.has('injection')) {
    const threshold = options.injectionThreshold ?? INJECTION_THRESHOLD;
    const rules = [...ctx.injection.rules.values()];
    const classifier = relativeToChannel(ctx.injection.classifier, options.channel ?? 'tool');
    injection = combineInjection(classifier, rules);
    if (injection >= threshold) {
      for (const rule of rules) findings.push(rule);
      if (rules.length === 0 || classifier >= threshold) {
        findings.push({
          kind: 'injection',
          type: 'injection-classifier',
          start: 0,
          end: text.length,
          score: round(classifier),
          message: 'the text reads like instructions aimed at the model',
        });
      }
    }
  }
  findings.sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
  return { findings: dedupe(findings), scores: { injection: round(injection) }, complete: ctx.complete };
}

/**
 * The decision point of the combined injection score, for every channel: the classifier's
 * probability is shifted so that its per-channel threshold (tool results are judged more strictly
 * than user input) lands on 0.5, and rule scores use 0.5 as "flag".
 */
export const INJECTION_THRESHOLD = 0.5;

/** The classifier's calibrated probability, moved so that the channel's threshold sits at 0.5. */
function relativeToChannel(probability: number, channel: Channel): number {
  const logit = (p: number) =>
    Math.log(Math.min(Math.max(p, 1e-9), 1 - 1e-9) / (1 - Math.min(Math.max(p, 1e-9), 1 - 1e-9)));
  return 1 / (1 + Math.exp(-(logit(probability) - logit(injectionThreshold(channel)))));
}

/**
 * One score from the classifier and the rules: the strongest signal wins, and several
 * independent rule types reinforce each other (noisy-or), so a text that both overrides
 * instructions and asks for secrecy scores above one that does either.
 */
function combineInjection(classifier: number, rules: readonly Finding[]): number {
  const byType = new Map<string, number>();
  for (const r of rules) byType.set(r.type, Math.max(byType.get(r.type) ?? 0, r.score));
  let miss = 1;
  for (const s of byType.values()) miss *= 1 - s;
  return Math.max(classifier, 1 - miss);
}

function scanLayer(
  text: string,
  depth: number,
  mapSpan: (start: number, end: number) => { start: number; end: number },
  encodings: readonly string[],
  ctx: LayerContext,
): void {
  const n = normalizeText(text);
  const { kinds } = ctx;
  const add = (kind: FindingKind, matches: readonly Match[], viaNormalized: boolean) => {
    for (const m of matches) {
      const local = viaNormalized ? n.toOriginal(m.start, m.end) : { start: m.start, end: m.end };
      const span = mapSpan(local.start, local.end);
      const finding: Finding = {
        kind,
        type: m.type,
        start: span.start,
        end: span.end,
        score: round(m.score),
      };
      if (encodings.length > 0) finding.encodings = [...encodings];
      if (m.message !== undefined) finding.message = m.message;
      if (kind === 'injection') {
        const key = `${finding.type}:${finding.start}:${finding.end}`;
        const known = ctx.injection.rules.get(key);
        if (!known || known.score < finding.score) ctx.injection.rules.set(key, finding);
      } else ctx.findings.push(finding);
    }
  };

  if (kinds.has('hidden-text')) {
    add('hidden-text', hiddenCharacterMatches(n.hidden, text), false);
    add('hidden-text', findHiddenMarkup(n.text), true);
  }
  if (kinds.has('secret')) add('secret', findSecrets(n.text), true);
  if (kinds.has('pii')) add('pii', findPii(n.text), true);
  if (kinds.has('exfiltration')) {
    const isAllowedHost = ctx.options.isAllowedHost;
    add('exfiltration', findExfiltration(n.text, isAllowedHost ? { isAllowedHost } : {}), true);
  }
  if (kinds.has('injection')) {
    add('injection', findInjectionRules(n.text, n.folded), true);
    ctx.injection.classifier = Math.max(ctx.injection.classifier, scoreInjection(n.text));
  }

  if (depth >= ctx.maxDepth) {
    // Deeper than any legitimate wrapping: say so rather than silently stop looking.
    const deeper = findEncodedLayers(n.text, 1)[0];
    if (deeper && kinds.has('hidden-text')) {
      add(
        'hidden-text',
        [
          {
            type: 'nested-encoding',
            start: deeper.start,
            end: deeper.end,
            score: 0.8,
            message: `more than ${ctx.maxDepth} nested encodings`,
          },
        ],
        true,
      );
    }
    return;
  }
  // Text spelled in invisible Unicode tag characters, then encoded runs: scanned as layers whose
  // findings point at the whole hidden or encoded run.
  for (const span of n.hidden) {
    if (span.decoded && span.decoded.length > 0) {
      if (!spend(ctx, span.decoded.length)) {
        ctx.complete = false;
        continue;
      }
      const outer = mapSpan(span.start, span.end);
      scanLayer(span.decoded, depth + 1, () => outer, [...encodings, 'unicode-tags'], ctx);
    }
  }
  for (const layer of findEncodedLayers(n.text, Number.POSITIVE_INFINITY)) {
    if (!spend(ctx, layer.text.length)) {
      ctx.complete = false;
      break;
    }
    const local = n.toOriginal(layer.start, layer.end);
    const outer = mapSpan(local.start, local.end);
    scanLayer(layer.text, depth + 1, () => outer, [...encodings, layer.encoding], ctx);
  }
}

function spend(ctx: LayerContext, chars: number): boolean {
  if (ctx.budget.chars < chars) return false;
  ctx.budget.chars -= chars;
  return true;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.kind}:${f.type}:${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
