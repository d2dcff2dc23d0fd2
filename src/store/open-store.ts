import { resolve } from 'node:path';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { WardenStore } from './warden-store.js';

/**
 * Open the store a config names: `sqlite:./warden-audit.db` (relative to the config file) or
 * `memory:`. Anything else is a config error, never a silent fallback to memory.
 *
 * @example
 * const store = openStore('sqlite:./warden-audit.db', '/srv/agent');
 */
export function openStore(spec: string, configDir: string): { store: WardenStore; path?: string } {
  if (spec === 'memory:' || spec === 'memory') return { store: new MemoryStore() };
  if (spec.startsWith('sqlite:')) {
    const file = spec.slice('sqlite:'.length);
    if (file === '')
      throw new WardenError(WardenErrorCode.ConfigInvalid, 'audit.store: "sqlite:" needs a file path');
    const path = file === ':memory:' ? file : resolve(configDir, file);
    return { store: new SqliteStore(path), path };
  }
  throw new WardenError(
    WardenErrorCode.ConfigInvalid,
    `audit.store: unknown store "${spec}" (use "sqlite:./warden-audit.db" or "memory:")`,
  );
}
