// Checksums that token formats carry, so a scanner can tell an issued token from a look-alike
// without asking the provider.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE, as zlib) of the low byte of each code unit: tokens are ASCII.
 *
 * @example
 * crc32('123456789') // 0xcbf43926
 */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * `n` in base 62 (digits, upper case, lower case), left-padded with `0` to `width`.
 *
 * @example
 * base62(61, 2) // '0z'
 */
export function base62(n: number, width: number): string {
  let s = '';
  let v = Math.floor(n);
  while (v > 0) {
    s = BASE62[v % 62]! + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/**
 * The GitHub / npm token check: the last 6 characters are the base-62 CRC-32 of the random part
 * between the prefix and the checksum (`ghp_` + 30 random + 6 checksum).
 *
 * @example
 * base62ChecksumValid('ghp_' + random30 + base62(crc32(random30), 6), 4) // true
 */
export function base62ChecksumValid(token: string, prefixLength: number): boolean {
  if (token.length < prefixLength + 7) return false;
  const random = token.slice(prefixLength, -6);
  return base62(crc32(random), 6) === token.slice(-6);
}

/**
 * The Cloudflare token check: the last 8 characters are the lower-case hex CRC-32 of the 40
 * random characters after the prefix (`cfat_` + 40 + 8).
 *
 * @example
 * hexCrcChecksumValid('cfat_' + random40 + crc32(random40).toString(16).padStart(8, '0'), 5) // true
 */
export function hexCrcChecksumValid(token: string, prefixLength: number): boolean {
  if (token.length < prefixLength + 9) return false;
  const random = token.slice(prefixLength, -8);
  return crc32(random).toString(16).padStart(8, '0') === token.slice(-8).toLowerCase();
}
