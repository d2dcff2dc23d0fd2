// Separate file: node:crypto is mocked to observe which comparison and how many hashes run.
import type * as NodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const spies = vi.hoisted(() => ({ timingSafeEqual: vi.fn(), scrypt: vi.fn() }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  spies.timingSafeEqual.mockImplementation(real.timingSafeEqual);
  spies.scrypt.mockImplementation(real.scrypt);
  return { ...real, timingSafeEqual: spies.timingSafeEqual, scrypt: spies.scrypt };
});

const { MemoryApiKeyStore } = await import('./api-key-store.js');
const { ApiKeyCache, createApiKey, verifyApiKey } = await import('./api-keys.js');

describe('api key comparison', () => {
  it('timing-safe compare path used for a right and a wrong secret', async () => {
    const store = new MemoryApiKeyStore();
    const { key, record } = await createApiKey('bot', { scrypt: { N: 1024, r: 8, p: 1 } });
    store.put(record);
    spies.timingSafeEqual.mockClear();
    expect(await verifyApiKey(key, store, { cache: false })).toBeDefined();
    const wrong = key.slice(0, 16) + (key[16] === 'A' ? 'B' : 'A') + key.slice(17);
    expect(await verifyApiKey(wrong, store, { cache: false })).toBeUndefined();
    expect(spies.timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('scrypt runs once per key per process thanks to the cache', async () => {
    const store = new MemoryApiKeyStore();
    const cache = new ApiKeyCache();
    const { key, record } = await createApiKey('bot', { scrypt: { N: 1024, r: 8, p: 1 } });
    store.put(record);
    spies.scrypt.mockClear();
    for (let i = 0; i < 5; i++) expect(await verifyApiKey(key, store, { cache })).toBeDefined();
    expect(spies.scrypt).toHaveBeenCalledTimes(1);
  });
});
