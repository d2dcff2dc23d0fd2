// Character tests on UTF-16 code units. Secrets are ASCII, so anything outside ASCII is simply
// "not part of a token"; lone surrogates and other odd code units fall through every test.

/**
 * `0-9`.
 *
 * @example
 * isDigit('7'.charCodeAt(0)) // true
 */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * ASCII letters.
 *
 * @example
 * isLetter('q'.charCodeAt(0)) // true
 */
export function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * ASCII letters and digits.
 *
 * @example
 * isAlnum('_'.charCodeAt(0)) // false
 */
export function isAlnum(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/**
 * `A-Za-z0-9_`: characters that glue an identifier or a token together.
 *
 * @example
 * isWord('_'.charCodeAt(0)) // true
 */
export function isWord(code: number): boolean {
  return isAlnum(code) || code === 0x5f;
}

/**
 * `A-Za-z0-9_-`: the alphabet of most API tokens (and base64url).
 *
 * @example
 * isTokenChar('-'.charCodeAt(0)) // true
 */
export function isTokenChar(code: number): boolean {
  return isWord(code) || code === 0x2d;
}

/**
 * `A-Za-z0-9+/`: standard base64 without padding.
 *
 * @example
 * isBase64Char('+'.charCodeAt(0)) // true
 */
export function isBase64Char(code: number): boolean {
  return isAlnum(code) || code === 0x2b || code === 0x2f;
}

/**
 * Hexadecimal digits, either case.
 *
 * @example
 * isHex('F'.charCodeAt(0)) // true
 */
export function isHex(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * Space, tab, CR, LF, vertical tab, form feed.
 *
 * @example
 * isSpace('\n'.charCodeAt(0)) // true
 */
export function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * Space or tab: separators that stay on one line.
 *
 * @example
 * isBlank('\n'.charCodeAt(0)) // false
 */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * `"`, `'` or a backtick.
 *
 * @example
 * isQuote('`'.charCodeAt(0)) // true
 */
export function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x60;
}

/**
 * End of the run of characters accepted by `accept` that starts at `from`, looking at no more
 * than `limit` characters (bounded work per candidate).
 *
 * @example
 * runEnd('abc-def', 0, 100, isAlnum) // 3
 */
export function runEnd(text: string, from: number, limit: number, accept: (code: number) => boolean): number {
  const stop = Math.min(text.length, from + limit);
  let i = from;
  while (i < stop && accept(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Start of the run of accepted characters that ends just before `to`, looking back no more
 * than `limit` characters.
 *
 * @example
 * runStart('abc-def', 7, 100, isAlnum) // 4
 */
export function runStart(text: string, to: number, limit: number, accept: (code: number) => boolean): number {
  const stop = Math.max(0, to - limit);
  let i = to;
  while (i > stop && accept(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * The code unit at `index`, or -1 outside the string (so boundary tests need no range check).
 *
 * @example
 * codeAt('ab', 5) // -1
 */
export function codeAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : -1;
}
