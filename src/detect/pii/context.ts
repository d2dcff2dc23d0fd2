/**
 * True when `pattern` matches the lower-cased text within `before` characters before `start` or
 * `after` characters after `end`. Keywords near a match (`ssn`, `phone`) raise its confidence.
 *
 * @example
 * hasContext('my ssn: 123-45-6789', 8, 19, /\bssn\b/) // true
 */
export function hasContext(
  text: string,
  start: number,
  end: number,
  pattern: RegExp,
  before = 40,
  after = 0,
): boolean {
  const from = Math.max(0, start - before);
  const to = Math.min(text.length, end + after);
  if (from < start && pattern.test(text.slice(from, start).toLowerCase())) return true;
  return end < to && pattern.test(text.slice(end, to).toLowerCase());
}

/** Letters, digits and `_`: a match must not be glued to one of these on either side. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x5f
    );
  }
  return WORD_CHAR.test(String.fromCharCode(code));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Clamp a confidence to 0..1 and round it to two decimals, so scores compare cleanly in tests. */
export function clampScore(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}
