import { describe, expect, it } from 'vitest';
import { base62, base62ChecksumValid, crc32, hexCrcChecksumValid } from './checksums.js';
import { findSecrets } from './find-secrets.js';
import { CHECKSUM_FAILED_SCORE } from './token-format.js';
import {
  ALNUM,
  fakeChecksummedToken,
  fakeCloudflareToken,
  randomString,
} from './test-support/fake-tokens.js';

describe('crc32 and base62', () => {
  it('matches the standard CRC-32 check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('encodes base 62 with digits, upper case, lower case, zero-padded', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 2)).toBe('10');
    expect(base62(0xffffffff, 6)).toBe('4gfFC3');
  });
});

describe('GitHub and npm token checksums (last 6 = base62 CRC-32 of the 30 random characters)', () => {
  it('accepts a token whose checksum matches and rejects one altered character', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_']) {
      const good = fakeChecksummedToken(prefix, 11);
      expect(base62ChecksumValid(good, 4), good.slice(0, 4)).toBe(true);
      const flipped = good.slice(0, 10) + (good[10] === 'a' ? 'b' : 'a') + good.slice(11);
      expect(base62ChecksumValid(flipped, 4)).toBe(false);
      expect(base62ChecksumValid(fakeChecksummedToken(prefix, 11, false), 4)).toBe(false);
    }
  });

  it('reports a valid token at full confidence and a failing one below the 0.5 threshold', () => {
    const good = findSecrets(`token ${fakeChecksummedToken('ghp_', 3)}`);
    expect(good).toEqual([expect.objectContaining({ type: 'github-pat', score: 0.95 })]);
    const bad = findSecrets(`token ${fakeChecksummedToken('ghp_', 3, false)}`);
    expect(bad).toEqual([expect.objectContaining({ type: 'github-pat', score: CHECKSUM_FAILED_SCORE })]);
    expect(bad[0]!.message).toMatch(/invalid checksum/);
    const npm = findSecrets(`//registry.npmjs.org/:_authToken=${fakeChecksummedToken('npm_', 4, false)}`);
    expect(npm).toEqual([
      expect.objectContaining({ type: 'npm-access-token', score: CHECKSUM_FAILED_SCORE }),
    ]);
  });

  it('checks the 40-character form of refresh tokens only', () => {
    const long = `ghr_${randomString(ALNUM, 76, 5)}`;
    expect(findSecrets(long)[0]).toMatchObject({ type: 'github-refresh-token', score: 0.95 });
  });
});

describe('Cloudflare token checksum (last 8 = hex CRC-32 of the 40 random characters)', () => {
  it('accepts a matching token and scores a failing one low', () => {
    const good = fakeCloudflareToken('cfut_', 9);
    expect(hexCrcChecksumValid(good, 5)).toBe(true);
    expect(findSecrets(good)[0]).toMatchObject({ type: 'cloudflare-api-token', score: 0.95 });
    const bad = fakeCloudflareToken('cfk_', 9, false);
    expect(hexCrcChecksumValid(bad, 4)).toBe(false);
    expect(findSecrets(bad)[0]).toMatchObject({ type: 'cloudflare-api-token', score: CHECKSUM_FAILED_SCORE });
  });
});
