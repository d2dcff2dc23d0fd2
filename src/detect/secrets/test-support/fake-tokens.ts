// Fake credentials for the secrets tests, generated at run time from a seed so that no fixture
// in the repository looks like a real key: secret scanners and push protection never trip on
// these sources, and the tests are reproducible.
import { base62, crc32 } from '../checksums.js';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_HEX = '0123456789abcdef';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const BASE64URL = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A deterministic pseudo-random stream (LCG).
 *
 * @example
 * const next = seededRandom(1); next() // a number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x100000000;
  };
}

/**
 * `length` characters drawn from `alphabet`, seeded; a character that would repeat three times in
 * a row is drawn again, so a fake never looks like a filler by accident.
 *
 * @example
 * randomString(LOWER_HEX, 8, 1) // 8 hex characters, the same for seed 1 every run
 */
export function randomString(alphabet: string, length: number, seed: number): string {
  const next = seededRandom(seed);
  let s = '';
  while (s.length < length) {
    const c = alphabet[Math.floor(next() * alphabet.length)]!;
    const n = s.length;
    if (n >= 2 && s[n - 1] === c && s[n - 2] === c) continue;
    s += c;
  }
  return s;
}

/**
 * A GitHub-style token (`ghp_`, `gho_`, `npm_` …): 30 random base-62 characters and their checksum.
 *
 * @example
 * fakeChecksummedToken('ghp_', 1) // 'ghp_' + 30 random + 6-character checksum
 */
export function fakeChecksummedToken(prefix: string, seed: number, validChecksum = true): string {
  const random = randomString(ALNUM, 30, seed);
  let checksum = base62(crc32(random), 6);
  if (!validChecksum) checksum = checksum.slice(0, 5) + (checksum.endsWith('A') ? 'B' : 'A');
  return prefix + random + checksum;
}

/**
 * A Cloudflare API token: prefix, 40 random characters and the hex CRC-32 of them.
 *
 * @example
 * fakeCloudflareToken('cfat_', 1) // 'cfat_' + 40 random + 8 hex
 */
export function fakeCloudflareToken(prefix: string, seed: number, validChecksum = true): string {
  const random = randomString(ALNUM, 40, seed);
  let checksum = crc32(random).toString(16).padStart(8, '0');
  if (!validChecksum) checksum = checksum.slice(0, 7) + (checksum.endsWith('0') ? '1' : '0');
  return prefix + random + checksum;
}

/**
 * An AWS access key id shape for no account.
 *
 * @example
 * fakeAwsKeyId(1) // 'AKIA' + 16 base-32 characters
 */
export function fakeAwsKeyId(seed: number, prefix = 'AKIA'): string {
  return prefix + randomString(BASE32, 16, seed);
}

export const base64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');
export const base64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/**
 * Random bytes (seeded), for key material and signatures.
 *
 * @example
 * randomBytes(4, 1).length // 4
 */
export function randomBytes(length: number, seed: number): Buffer {
  const next = seededRandom(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

/**
 * A signed-looking JWT with a JSON header and payload and a random signature.
 *
 * @example
 * fakeJwt(1) // 'eyJ….eyJ….<signature>'
 */
export function fakeJwt(seed: number, alg = 'HS256'): string {
  const header = base64url(JSON.stringify({ alg, typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: `user-${seed}`, iat: 1700000000 + seed }));
  const signature = alg === 'none' ? '' : base64url(randomBytes(32, seed));
  return `${header}.${payload}.${signature}`;
}

/**
 * A PEM block of random (binary) key material.
 *
 * @example
 * fakePem('RSA PRIVATE KEY', 1) // '-----BEGIN RSA PRIVATE KEY-----\n…'
 */
export function fakePem(label: string, seed: number, bytes = 600, newline = '\n'): string {
  const body = base64(randomBytes(bytes, seed)).replace(/.{64}/g, `$&${newline}`);
  return `-----BEGIN ${label}-----${newline}${body}${newline}-----END ${label}-----`;
}

/**
 * A UUID-shaped string (seeded).
 *
 * @example
 * fakeUuid(1) // 'xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx' with hex digits
 */
export function fakeUuid(seed: number): string {
  const h = randomString(LOWER_HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/**
 * Random digits (first one non-zero).
 *
 * @example
 * randomDigits(5, 1) // five digits, not starting with 0
 */
export function randomDigits(length: number, seed: number): string {
  return String(1 + (seed % 9)) + randomString('0123456789', length - 1, seed);
}
