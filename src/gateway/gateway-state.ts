// Where a deployment's gateway keeps its API keys and tool pins: one SQLite file, by default
// `warden-gateway.db` beside the config, shared by `warden gateway`, `warden keys` and `warden pins`.
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { SqliteApiKeyStore } from './auth/index.js';
import { SqlitePinStore } from './pins/index.js';

export const DEFAULT_STATE_FILE = 'warden-gateway.db';

/** The gateway state file of a loaded config. */
export function gatewayStatePath(loaded: LoadedConfig): string {
  return resolve(loaded.dir, loaded.config.gateway?.state ?? DEFAULT_STATE_FILE);
}

/**
 * Open the key and pin stores of a deployment.
 *
 * @example
 * const { apiKeys, pins, close } = openGatewayState(loadConfig({ configFile: 'warden.yaml' }));
 */
export function openGatewayState(loaded: LoadedConfig): {
  path: string;
  apiKeys: SqliteApiKeyStore;
  pins: SqlitePinStore;
  close: () => void;
} {
  const path = gatewayStatePath(loaded);
  const apiKeys = new SqliteApiKeyStore(path);
  let pins: SqlitePinStore;
  try {
    pins = new SqlitePinStore(path);
  } catch (error) {
    apiKeys.close?.();
    throw error;
  }
  return {
    path,
    apiKeys,
    pins,
    close: () => {
      pins.close();
      void apiKeys.close?.();
    },
  };
}
