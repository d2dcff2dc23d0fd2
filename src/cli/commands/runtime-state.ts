import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOrCreateKeyFile, type SigningKey, signingKeyFromPem } from '../../audit/signing-key.js';
import { loadConfig } from '../../config/load-config.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { type CliIo, usageError } from '../usage-error.js';

/** The shared state a running Warden uses: its SQLite store and signing key. */
export interface RuntimeState {
  store: SqliteStore;
  dbPath: string;
  key: SigningKey;
  approvalSecret: Buffer;
}

/** Must match createWarden: the approval HMAC secret derived from the signing key. */
export function approvalSecretFor(key: SigningKey): Buffer {
  return createHash('sha256')
    .update('warden approvals\n')
    .update(key.privateKey.export({ type: 'pkcs8', format: 'der' }))
    .digest();
}

/**
 * Open the store and key of a deployment: from `--db PATH` (key file `PATH.key` beside it) or from
 * the `audit` section of `--config FILE` (default ./warden.yaml).
 */
export function openRuntimeState(values: { db?: string; config?: string }, io: CliIo): RuntimeState {
  let dbPath: string;
  let pem: string | undefined;
  if (values.db) {
    dbPath = resolve(io.cwd, values.db);
  } else {
    const loaded = loadConfig({ configFile: resolve(io.cwd, values.config ?? 'warden.yaml'), env: io.env });
    const spec = loaded.config.audit?.store;
    if (!spec?.startsWith('sqlite:')) {
      throw usageError(
        `${values.config ?? 'warden.yaml'}: audit.store must be "sqlite:PATH" for this command (or pass --db PATH)`,
      );
    }
    dbPath = resolve(loaded.dir, spec.slice('sqlite:'.length));
    pem = loaded.config.audit?.signingKey;
  }
  if (!existsSync(dbPath)) throw usageError(`${dbPath}: no such database`);
  // Never create a key here: a fresh key would sign with something the running Warden does not use.
  if (!pem && !existsSync(`${dbPath}.key`)) {
    throw usageError(`${dbPath}.key: no key file beside the database; pass --config with audit.signingKey`);
  }
  const key = pem ? signingKeyFromPem(pem, 'audit.signingKey') : loadOrCreateKeyFile(`${dbPath}.key`);
  return { store: new SqliteStore(dbPath), dbPath, key, approvalSecret: approvalSecretFor(key) };
}
