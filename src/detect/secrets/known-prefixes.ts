// Does a value start with a provider's distinctive prefix? Then that provider's format decides
// whether it is a secret: a generic rule must not report a value the format rejected as a filler
// (`token = "ghp_xxxx…"`) or as malformed.
import { escapeRegExp } from './regex-escape.js';
import { DISTINCTIVE_PREFIXES } from './token-formats.js';

const STARTS_WITH_PREFIX = new RegExp(
  [...DISTINCTIVE_PREFIXES]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'y',
);

/**
 * True when `text` has a distinctive token prefix at `at`.
 *
 * @example
 * startsWithKnownPrefix('x = ghp_abc', 4) // true
 */
export function startsWithKnownPrefix(text: string, at: number): boolean {
  STARTS_WITH_PREFIX.lastIndex = at;
  return STARTS_WITH_PREFIX.test(text);
}
