// API keys for gateway clients. A key is shown once and only its scrypt hash is kept, so a leaked
// store (or backup) does not hand out working keys; the in-memory cache makes the deliberately slow
// hash run once per key per process instead of once per request.
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { ApiKeyStore } from './api-key-store.js';

/** Every Warden API key starts with this, so it can be told apart from a JWT (and found by secret scanners). */
export const API_KEY_PREFIX = 'wk_';

/** scrypt cost parameters. Stored beside each hash so they can be raised later without breaking old keys. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** Production default: N=2^15, r=8, p=1 (about 32 MiB and 50-100 ms per hash). */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

/** The stored, non-reversible form of a key's secret. */
export interface ApiKeyHash extends ScryptParams {
  algorithm: 'scrypt';
  keyLength: number;
  /** base64url, 16 random bytes. */
  salt: string;
  /** base64url scrypt output. */
  hash: string;
}

/** What a store keeps for one key. The plain key is never part of it. */
export interface ApiKeyRecord {
  id: string;
  agent: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; set once the key is revoked. */
  revokedAt?: string;
  hash: ApiKeyHash;
}

/** A record without its hash: what listings show. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'hash'>;

/** A freshly created key. `key` is the only copy of the secret: show it once, never log or store it. */
export interface CreatedApiKey {
  id: string;
  key: string;
  record: ApiKeyRecord;
}

/** A key that verified: which agent profile it acts for. */
export interface VerifiedApiKey {
  id: string;
  agent: string;
  createdAt: string;
}

export interface CreateApiKeyOptions {
  /** Override the scrypt cost (tests use a low N); defaults to {@link DEFAULT_SCRYPT_PARAMS}. */
  scrypt?: ScryptParams;
  now?: () => Date;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'; // RFC 4648 base32, lower case: never contains `_`.
const ID_LENGTH = 12;
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43; // base64url of 32 bytes, unpadded
const SALT_BYTES = 16;
const KEY_LENGTH = 32;
const KEY_PATTERN = /^wk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;
const TOTAL_LENGTH = API_KEY_PREFIX.length + ID_LENGTH + 1 + SECRET_LENGTH;
const MAX_AGENT_LENGTH = 256;

function scryptHash(
  secret: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  keyLength: number,
): Promise<Buffer> {
  // OpenSSL needs 128*r*(N+p+2) bytes; Node's default 32 MiB cap is just below that for N=2^15, r=8.
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    );
  });
}

function validParams(p: ScryptParams): boolean {
  return (
    Number.isInteger(p.N) &&
    p.N >= 2 &&
    p.N <= 2 ** 20 &&
    (p.N & (p.N - 1)) === 0 &&
    Number.isInteger(p.r) &&
    p.r >= 1 &&
    p.r <= 32 &&
    Number.isInteger(p.p) &&
    p.p >= 1 &&
    p.p <= 16
  );
}

function newId(): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/**
 * Create a new API key for an agent profile. Store `record` (e.g. `await store.put(record)`) and
 * hand `key` to the client once; Warden cannot show it again.
 *
 * @example
 * const { key, record } = await createApiKey('support-bot');
 * await store.put(record);
 * console.log(`export WARDEN_KEY=${key}  # shown once`);
 */
export async function createApiKey(agent: string, options: CreateApiKeyOptions = {}): Promise<CreatedApiKey> {
  if (typeof agent !== 'string' || agent.length === 0 || agent.length > MAX_AGENT_LENGTH) {
    throw new WardenError(WardenErrorCode.InvalidArgument, 'agent: must be a non-empty agent profile name');
  }
  const params = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  if (!validParams(params)) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      'scrypt: N must be a power of two up to 2^20, r 1..32, p 1..16',
    );
  }
  const id = newId();
  const secret = randomBytes(SECRET_BYTES);
  const salt = randomBytes(SALT_BYTES);
  const derived = await scryptHash(secret, salt, params, KEY_LENGTH);
  const record: ApiKeyRecord = {
    id,
    agent,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    hash: {
      algorithm: 'scrypt',
      N: params.N,
      r: params.r,
      p: params.p,
      keyLength: KEY_LENGTH,
      salt: salt.toString('base64url'),
      hash: derived.toString('base64url'),
    },
  };
  return { id, key: `${API_KEY_PREFIX}${id}_${secret.toString('base64url')}`, record };
}

/**
 * Split a key into id and secret bytes, or undefined when it is not exactly a well-formed key
 * (wrong length, wrong alphabet, non-canonical base64url).
 */
export function parseApiKey(key: unknown): { id: string; secret: Buffer } | undefined {
  if (typeof key !== 'string' || key.length !== TOTAL_LENGTH) return undefined;
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, id, encoded] = match as unknown as [string, string, string];
  const secret = Buffer.from(encoded, 'base64url');
  if (secret.length !== SECRET_BYTES || secret.toString('base64url') !== encoded) return undefined;
  return { id, secret };
}

interface CacheEntry {
  id: string;
  /** The stored hash the key verified against; a re-keyed or replaced record no longer matches. */
  storedHash: string;
}

/**
 * Successful verifications, keyed by SHA-256 of the full key (the key itself is never held).
 * Every hit re-reads the record, so a revoke — in this process or another sharing the store —
 * takes effect on the next request; {@link ApiKeyCache.invalidate} drops entries eagerly.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** @internal */
  get(digest: string): CacheEntry | undefined {
    return this.entries.get(digest);
  }

  /** @internal */
  set(digest: string, entry: CacheEntry): void {
    this.entries.delete(digest);
    this.entries.set(digest, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** @internal */
  delete(digest: string): void {
    this.entries.delete(digest);
  }

  /** Forget every cached verification of key `id` (call after revoking it). */
  invalidate(id: string): void {
    for (const [digest, entry] of this.entries) if (entry.id === id) this.entries.delete(digest);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The process-wide cache used when `verifyApiKey` is not given one. */
export const defaultApiKeyCache = new ApiKeyCache();

export interface VerifyApiKeyOptions {
  /** Cache to use; `false` disables caching. Default {@link defaultApiKeyCache}. */
  cache?: ApiKeyCache | false;
}

function validRecord(record: ApiKeyRecord | undefined, id: string): record is ApiKeyRecord {
  return (
    record !== undefined &&
    record.id === id &&
    record.revokedAt === undefined &&
    typeof record.agent === 'string' &&
    record.agent.length > 0 &&
    record.hash?.algorithm === 'scrypt'
  );
}

/**
 * Check a presented key against the store. Returns the agent it belongs to, or undefined for a
 * malformed, unknown, revoked or wrong key — it never throws for bad input (store failures do
 * propagate, so callers fail closed). The secret is compared with `timingSafeEqual`.
 *
 * Note: the id part is not secret; an unknown id is answered without running scrypt.
 *
 * @example
 * const verified = await verifyApiKey(bearerToken, store);
 * if (!verified) return unauthorized();
 * run(verified.agent);
 */
export async function verifyApiKey(
  key: unknown,
  store: ApiKeyStore,
  options: VerifyApiKeyOptions = {},
): Promise<VerifiedApiKey | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const cache = options.cache === undefined ? defaultApiKeyCache : options.cache;
  const digest = createHash('sha256')
    .update(key as string)
    .digest('base64url');

  const record = await store.get(parsed.id);
  if (!validRecord(record, parsed.id)) {
    if (cache) cache.invalidate(parsed.id);
    return undefined;
  }
  const summary = { id: record.id, agent: record.agent, createdAt: record.createdAt };

  if (cache) {
    const hit = cache.get(digest);
    if (hit && hit.id === record.id && hit.storedHash === record.hash.hash) return summary;
    if (hit) cache.delete(digest);
  }

  const h = record.hash;
  if (!validParams(h) || !Number.isInteger(h.keyLength) || h.keyLength < 16 || h.keyLength > 64)
    return undefined;
  const salt = Buffer.from(h.salt, 'base64url');
  const expected = Buffer.from(h.hash, 'base64url');
  if (salt.length < SALT_BYTES || expected.length !== h.keyLength) return undefined;
  let actual: Buffer;
  try {
    actual = await scryptHash(parsed.secret, salt, h, h.keyLength);
  } catch {
    return undefined;
  }
  if (!timingSafeEqual(actual, expected)) return undefined;
  if (cache) cache.set(digest, { id: record.id, storedHash: h.hash });
  return summary;
}
