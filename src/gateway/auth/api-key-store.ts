// Where API key records live. Only hashes are stored; listings drop even those, so nothing an
// operator prints or exports can be replayed as a key.
import Database from 'better-sqlite3';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import {
  type ApiKeyCache,
  type ApiKeyHash,
  type ApiKeyRecord,
  type ApiKeySummary,
  defaultApiKeyCache,
} from './api-keys.js';

type Awaitable<T> = T | Promise<T>;

/**
 * Persistence for API key records. Methods may be sync or async; callers always `await`.
 * Implementations must never store or log the plain key (they never receive it).
 */
export interface ApiKeyStore {
  /** Add a new record; throws if the id already exists. */
  put(record: ApiKeyRecord): Awaitable<void>;
  /** The record for `id`, revoked ones included (verification checks `revokedAt`). */
  get(id: string): Awaitable<ApiKeyRecord | undefined>;
  /** Mark a key revoked; false if it was unknown or already revoked. */
  revoke(id: string): Awaitable<boolean>;
  /** Every key, oldest first, without hashes. */
  list(): Awaitable<ApiKeySummary[]>;
  close?(): Awaitable<void>;
}

export interface ApiKeyStoreOptions {
  /** The verification cache to invalidate on revoke. Default: the process-wide one. */
  cache?: ApiKeyCache;
  now?: () => Date;
}

function summary(record: ApiKeyRecord): ApiKeySummary {
  const { hash: _hash, ...rest } = record;
  return { ...rest };
}

/**
 * In-memory store, for tests and single-process demos.
 *
 * @example
 * const store = new MemoryApiKeyStore();
 * const { key, record } = await createApiKey('support-bot');
 * store.put(record);
 */
export class MemoryApiKeyStore implements ApiKeyStore {
  private readonly records = new Map<string, ApiKeyRecord>();
  private readonly cache: ApiKeyCache;
  private readonly now: () => Date;

  constructor(options: ApiKeyStoreOptions = {}) {
    this.cache = options.cache ?? defaultApiKeyCache;
    this.now = options.now ?? (() => new Date());
  }

  put(record: ApiKeyRecord): void {
    if (this.records.has(record.id)) {
      throw new WardenError(WardenErrorCode.InvalidArgument, `api key ${record.id} already exists`);
    }
    this.records.set(record.id, structuredClone(record));
  }

  get(id: string): ApiKeyRecord | undefined {
    const record = this.records.get(id);
    return record ? structuredClone(record) : undefined;
  }

  revoke(id: string): boolean {
    this.cache.invalidate(id);
    const record = this.records.get(id);
    if (!record || record.revokedAt !== undefined) return false;
    record.revokedAt = this.now().toISOString();
    return true;
  }

  list(): ApiKeySummary[] {
    return [...this.records.values()].map(summary);
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS warden_api_keys (
  id TEXT PRIMARY KEY,
  agent TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  hash TEXT NOT NULL
);
`;

interface KeyRow {
  id: string;
  agent: string;
  created_at: string;
  revoked_at: string | null;
  hash: string;
}

/**
 * SQLite store (table `warden_api_keys`, WAL). Can share the file of the main `SqliteStore`;
 * a revoke is seen by every process using the file on its next verification.
 *
 * @example
 * const store = new SqliteApiKeyStore('./warden.db');
 * await store.put((await createApiKey('support-bot')).record);
 */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly db: Database.Database;
  private readonly ownsDb: boolean;
  private readonly cache: ApiKeyCache;
  private readonly now: () => Date;
  private readonly q;

  /** @param pathOrDb a file path (opened and closed by this store) or an open database (left open). */
  constructor(pathOrDb: string | Database.Database, options: ApiKeyStoreOptions = {}) {
    this.cache = options.cache ?? defaultApiKeyCache;
    this.now = options.now ?? (() => new Date());
    if (typeof pathOrDb === 'string') {
      try {
        this.db = new Database(pathOrDb);
      } catch (error) {
        throw new WardenError(
          WardenErrorCode.DependencyUnavailable,
          `cannot open API key store ${pathOrDb}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      this.ownsDb = true;
    } else {
      this.db = pathOrDb;
      this.ownsDb = false;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.q = {
      insert: this.db.prepare(
        'INSERT INTO warden_api_keys (id, agent, created_at, revoked_at, hash) VALUES (?, ?, ?, ?, ?)',
      ),
      get: this.db.prepare(
        'SELECT id, agent, created_at, revoked_at, hash FROM warden_api_keys WHERE id = ?',
      ),
      revoke: this.db.prepare(
        'UPDATE warden_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      ),
      list: this.db.prepare('SELECT id, agent, created_at, revoked_at FROM warden_api_keys ORDER BY rowid'),
    };
  }

  put(record: ApiKeyRecord): void {
    try {
      this.q.insert.run(
        record.id,
        record.agent,
        record.createdAt,
        record.revokedAt ?? null,
        JSON.stringify(record.hash),
      );
    } catch (error) {
      throw new WardenError(WardenErrorCode.InvalidArgument, `cannot store api key ${record.id}`, {
        cause: error,
      });
    }
  }

  get(id: string): ApiKeyRecord | undefined {
    const row = this.q.get.get(id) as KeyRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      agent: row.agent,
      createdAt: row.created_at,
      ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
      hash: JSON.parse(row.hash) as ApiKeyHash,
    };
  }

  revoke(id: string): boolean {
    this.cache.invalidate(id);
    return this.q.revoke.run(this.now().toISOString(), id).changes > 0;
  }

  list(): ApiKeySummary[] {
    return (this.q.list.all() as Omit<KeyRow, 'hash'>[]).map((row) => ({
      id: row.id,
      agent: row.agent,
      createdAt: row.created_at,
      ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    }));
  }

  close(): void {
    if (this.ownsDb && this.db.open) this.db.close();
  }
}
