// Base64 decoding for validators (a JWT header, a Basic credential, a key body). Bounded, and
// never throws: malformed input decodes to null.

/**
 * Decode standard or URL-safe base64 (padding optional) into a binary string (one char per
 * byte). Returns null when `s` has a character outside the alphabets or an impossible length.
 *
 * @example
 * decodeBase64('eyJhbGciOiJIUzI1NiJ9') // '{"alg":"HS256"}'
 */
export function decodeBase64(s: string, maxLength = 16_384): string | null {
  if (s.length === 0 || s.length > maxLength) return null;
  let body = s;
  while (body.endsWith('=')) body = body.slice(0, -1);
  if (s.length - body.length > 2 || body.length % 4 === 1) return null;
  if (!/^[A-Za-z0-9+/_-]*$/.test(body)) return null;
  return Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

/**
 * Share of printable ASCII (and tab, CR, LF) in a binary string: text decodes near 1, key material far below.
 *
 * @example
 * printableShare('abc') // 1
 */
export function printableShare(bytes: string): number {
  if (bytes.length === 0) return 0;
  let printable = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d) printable++;
  }
  return printable / bytes.length;
}

/**
 * True when `s` is base64 of a JSON object: it decodes to `{"` followed by mostly printable text.
 * Only the first `sample` characters are decoded, enough to see the structure.
 *
 * @example
 * isBase64Json('eyJ0eXAiOiJKV1QifQ') // true
 */
export function isBase64Json(s: string, sample = 120): boolean {
  let head = s.slice(0, sample - (sample % 4));
  if (head.length < 8) return false;
  head = head.replace(/=+$/, '');
  const decoded = decodeBase64(head.length % 4 === 1 ? head.slice(0, -1) : head);
  if (decoded === null || !decoded.startsWith('{"')) return false;
  return printableShare(decoded) >= 0.9 && decoded.includes('":');
}
