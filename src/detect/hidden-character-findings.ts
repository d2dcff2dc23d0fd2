import type { Match } from './finding.js';
import type { HiddenSpan } from './normalize/normalize-text.js';

// SGR 8 (conceal), cursor movement and line/screen erasure: escapes that hide or overwrite text
// in a terminal. Colours alone are ordinary in command output.
const HIDING_ANSI = /(?:\x1b\[|\x9b)(?:(?:[0-9;]*;)?8(?:;[0-9;]*)?m|[0-9;]*[ABCDEFGHJKSTfsu])|\x1b\]/;

/**
 * Turn the characters normalization removed into hidden-text matches, scored by how likely each
 * is to hide something from a human: tag characters (ASCII smuggling) and bidi controls (Trojan
 * Source) are near certain; a lone emoji variation selector or colour escape is not reported.
 *
 * @example
 * hiddenCharacterMatches(normalizeText('a\u202Eb').hidden, 'a\u202Eb') // [{ type: 'bidi-control', … }]
 */
export function hiddenCharacterMatches(hidden: readonly HiddenSpan[], original: string): Match[] {
  const out: Match[] = [];
  for (const span of hidden) {
    const length = span.end - span.start;
    let score: number;
    switch (span.type) {
      case 'unicode-tag':
        score = 0.99;
        break;
      case 'bidi-control':
        score = 0.9;
        break;
      case 'zero-width': {
        const softHyphensOnly = /^\u00ad+$/.test(original.slice(span.start, span.end));
        const insideWord =
          /[\p{L}\p{N}]/u.test(original[span.start - 1] ?? '') &&
          /[\p{L}\p{N}]/u.test(original[span.end] ?? '');
        score = softHyphensOnly ? 0.2 : insideWord ? 0.85 : 0.6;
        break;
      }
      case 'variation-selector': {
        // One VS15/VS16 after an emoji is how emoji are written; runs or supplementary selectors
        // (U+E0100..) are how bytes are smuggled.
        const supplementary = original.codePointAt(span.start)! >= 0xe0100;
        if (!supplementary && length <= 1) continue;
        score = 0.9;
        break;
      }
      case 'ansi-escape':
        if (!HIDING_ANSI.test(original.slice(span.start, span.end))) continue;
        score = 0.7;
        break;
      default:
        score = 0.5;
    }
    out.push({
      type: span.type,
      start: span.start,
      end: span.end,
      score,
      message:
        span.type === 'unicode-tag'
          ? `${length / 2} invisible Unicode tag characters (they spell hidden ASCII text)`
          : `${length} invisible ${span.type} character${length === 1 ? '' : 's'}`,
    });
  }
  return out;
}
