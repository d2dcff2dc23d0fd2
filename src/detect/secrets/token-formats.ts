// All prefixed token formats, and the detector that applies them at their prefixes.
import type { Detector } from './detector.js';
import { AI_FORMATS } from './formats-ai.js';
import { CLOUD_FORMATS } from './formats-cloud.js';
import { CODE_HOSTING_FORMATS } from './formats-code-hosting.js';
import { SAAS_FORMATS } from './formats-saas.js';
import { matchTokenFormat, type TokenFormat } from './token-format.js';

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  ...CODE_HOSTING_FORMATS,
  ...CLOUD_FORMATS,
  ...AI_FORMATS,
  ...SAAS_FORMATS,
];

interface Candidate {
  format: TokenFormat;
  prefix: string;
}

/**
 * Formats to try for an anchor, longest prefix first: the scanner reports the longest literal
 * at a position (`sk-ant-`), and formats with a shorter prefix of it (`sk-`) apply there too.
 */
function candidatesByAnchor(formats: readonly TokenFormat[]): Map<string, Candidate[]> {
  const all: Candidate[] = formats.flatMap((format) => format.prefixes.map((prefix) => ({ format, prefix })));
  const byAnchor = new Map<string, Candidate[]>();
  for (const { prefix: anchor } of all) {
    if (byAnchor.has(anchor)) continue;
    const list = all
      .filter((c) => anchor.startsWith(c.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)
      .filter((c, i, arr) => arr.findIndex((d) => d.format === c.format) === i);
    byAnchor.set(anchor, list);
  }
  return byAnchor;
}

const CANDIDATES = candidatesByAnchor(TOKEN_FORMATS);

/** Prefixes whose presence alone claims a value for their format (used to keep generic rules off it). */
export const DISTINCTIVE_PREFIXES: readonly string[] = [
  ...new Set(TOKEN_FORMATS.filter((f) => f.distinctive !== false).flatMap((f) => f.prefixes)),
];

/** Detector for every prefixed token format. */
export const tokenFormatDetector: Detector = {
  anchors: [...CANDIDATES.keys()],
  detect(text, at, anchor, _state, out) {
    for (const { format, prefix } of CANDIDATES.get(anchor) ?? []) {
      const hit = matchTokenFormat(text, at, format, prefix);
      if (hit) {
        out.push(hit);
        return hit.end;
      }
    }
    return at + 1;
  },
};
