import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryApiKeyStore, SqliteApiKeyStore, type ApiKeyStore } from './api-key-store.js';
import {
  ApiKeyCache,
  createApiKey,
  DEFAULT_SCRYPT_PARAMS,
  parseApiKey,
  verifyApiKey,
  type ScryptParams,
} from './api-keys.js';

// Low cost for speed; one test below exercises the production default.
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const dir = mkdtempSync(join(tmpdir(), 'warden-apikeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function replaceSecret(key: string): string {
  return key.slice(0, 'wk_'.length + 12 + 1) + randomBytes(32).toString('base64url');
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Same secret bytes, different text: the last base64url char of 32 bytes carries 2 unused bits. */
function nonCanonical(key: string): string {
  const last = B64URL.indexOf(key.at(-1)!);
  return key.slice(0, -1) + B64URL[last ^ 1];
}

const stores: [string, () => ApiKeyStore][] = [
  ['memory', () => new MemoryApiKeyStore({ cache: new ApiKeyCache() })],
  ['sqlite', () => new SqliteApiKeyStore(join(dir, `${randomBytes(6).toString('hex')}.db`))],
];

describe('createApiKey', () => {
  it('makes wk_<12 base32 id>_<43 base64url secret> and stores only a scrypt hash', async () => {
    const { id, key, record } = await createApiKey('bot', { scrypt: FAST });
    expect(key).toMatch(/^wk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.slice(3, 15)).toBe(id);
    expect(record).toMatchObject({ id, agent: 'bot', hash: { algorithm: 'scrypt', ...FAST, keyLength: 32 } });
    expect(Buffer.from(record.hash.salt, 'base64url')).toHaveLength(16);
    expect(JSON.stringify(record)).not.toContain(key.slice(16));
  });

  it('defaults to production scrypt params (N=2^15, r=8, p=1) and verifies with them', async () => {
    const { key, record } = await createApiKey('bot');
    expect(record.hash).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const store = new MemoryApiKeyStore();
    store.put(record);
    expect(await verifyApiKey(key, store, { cache: false })).toMatchObject({ agent: 'bot' });
  });

  it('rejects an empty agent and unsafe scrypt params', async () => {
    await expect(createApiKey('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createApiKey('bot', { scrypt: { N: 1000, r: 8, p: 1 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe.each(stores)('verifyApiKey with the %s store', (_name, makeStore) => {
  it('accepts the key it issued', async () => {
    const store = makeStore();
    const { id, key, record } = await createApiKey('bot', { scrypt: FAST });
    await store.put(record);
    expect(await verifyApiKey(key, store, { cache: new ApiKeyCache() })).toEqual({
      id,
      agent: 'bot',
      createdAt: record.createdAt,
    });
  });

  it('wrong secret with a valid id is refused', async () => {
    const store = makeStore();
    const { key, record } = await createApiKey('bot', { scrypt: FAST });
    await store.put(record);
    expect(await verifyApiKey(replaceSecret(key), store, { cache: new ApiKeyCache() })).toBeUndefined();
  });

  it('truncated, over-long and garbage keys are refused without throwing', async () => {
    const store = makeStore();
    const { key, record } = await createApiKey('bot', { scrypt: FAST });
    await store.put(record);
    const cache = new ApiKeyCache();
    const bad: unknown[] = [
      key.slice(0, -1),
      key.slice(0, 20),
      key + 'A',
      key + key,
      'wk_' + 'x'.repeat(100_000),
      '',
      'wk_',
      `wk_${key.slice(3, 15)}`,
      key.replace('wk_', 'WK_'),
      key.slice(0, 15) + '.' + key.slice(16),
      key.slice(0, -1) + '!',
      nonCanonical(key),
      '\u0000'.repeat(59),
      undefined,
      null,
      42,
      { toString: () => key },
    ];
    for (const candidate of bad) {
      expect(await verifyApiKey(candidate, store, { cache }), String(candidate).slice(0, 30)).toBeUndefined();
    }
  });

  it('unknown id is refused', async () => {
    const store = makeStore();
    const { key } = await createApiKey('bot', { scrypt: FAST });
    expect(await verifyApiKey(key, store, { cache: new ApiKeyCache() })).toBeUndefined();
  });

  it('revoked key is refused, even after a cached success', async () => {
    const cache = new ApiKeyCache();
    const store = _name === 'memory' ? new MemoryApiKeyStore({ cache }) : makeStore();
    const { id, key, record } = await createApiKey('bot', { scrypt: FAST });
    await store.put(record);
    expect(await verifyApiKey(key, store, { cache })).toBeDefined();
    expect(cache.size).toBe(1);
    expect(await store.revoke(id)).toBe(true);
    expect(await store.revoke(id)).toBe(false);
    expect(await verifyApiKey(key, store, { cache })).toBeUndefined();
    expect(cache.size).toBe(0);
    expect((await store.list())[0]).toMatchObject({ id, agent: 'bot', revokedAt: expect.any(String) });
  });

  it('list() and error messages never contain the key, its secret or its hash', async () => {
    const store = makeStore();
    const { key, record } = await createApiKey('bot', { scrypt: FAST });
    await store.put(record);
    const listed = JSON.stringify(await store.list());
    expect(listed).not.toContain(key);
    expect(listed).not.toContain(key.slice(16));
    expect(listed).not.toContain(record.hash.hash);
    expect(listed).not.toContain(record.hash.salt);
    expect(listed).not.toContain('hash');
    let message = '';
    try {
      await store.put(record);
    } catch (e) {
      message = `${(e as Error).message} ${String((e as Error).cause)}`;
    }
    expect(message).toMatch(/already exists|cannot store/);
    expect(message).not.toContain(key.slice(16));
    expect(message).not.toContain(record.hash.hash);
  });
});

describe('parseApiKey', () => {
  it('non-canonical base64url encoding of the same secret is refused', async () => {
    const { key } = await createApiKey('bot', { scrypt: FAST });
    const twin = nonCanonical(key);
    expect(Buffer.from(twin.slice(16), 'base64url')).toEqual(Buffer.from(key.slice(16), 'base64url'));
    expect(parseApiKey(key)).toBeDefined();
    expect(parseApiKey(twin)).toBeUndefined();
  });
});

describe('SqliteApiKeyStore', () => {
  it('persists across reopen, uses WAL, and a revoke by another connection is seen at once', async () => {
    const path = join(dir, 'shared.db');
    const a = new SqliteApiKeyStore(path);
    const b = new SqliteApiKeyStore(path);
    const cache = new ApiKeyCache();
    const { id, key, record } = await createApiKey('bot', { scrypt: FAST });
    a.put(record);
    expect(await verifyApiKey(key, b, { cache })).toMatchObject({ agent: 'bot' });
    // b's process would not know about a's revoke: the cache hit still re-reads the row.
    new SqliteApiKeyStore(path, { cache: new ApiKeyCache() }).revoke(id);
    expect(await verifyApiKey(key, b, { cache })).toBeUndefined();
    a.close();
    b.close();
    const c = new SqliteApiKeyStore(path);
    expect(c.get(id)).toMatchObject({ id, agent: 'bot', hash: record.hash });
    c.close();
  });
});
