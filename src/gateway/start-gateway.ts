// A whole gateway from a config: the guard runtime, the upstream servers, pins and keys from the
// state file, client authentication, and the streamable-HTTP endpoint (or one stdio session).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { createWarden, type Warden, type WardenOptions } from '../guard/warden.js';
import { type Authenticator, createAuthenticator, createJwtVerifier } from './auth/index.js';
import { openGatewayState } from './gateway-state.js';
import type { PinStore } from './pins/index.js';
import { Gateway } from './server/gateway.js';
import { type HttpGateway, startHttpGateway } from './server/http-gateway.js';

export interface StartGatewayOptions {
  /** `host:port` overriding `gateway.listen` (default 127.0.0.1:8787). */
  listen?: string;
  /** Without configured auth, on loopback: the agent every client acts as. */
  agent?: string;
  /** Extra createWarden options (store, detectors). */
  warden?: Partial<WardenOptions>;
  /** Pin store to use instead of the state file's (tests, the demo). */
  pins?: PinStore;
  /** Told when a server cannot be reached or listed. */
  onServerError?: (server: string, error: unknown) => void;
}

export interface RunningGateway {
  warden: Warden;
  gateway: Gateway;
  http: HttpGateway;
  close(): Promise<void>;
}

/** `host:port` → parts; `[::1]:8787` works too. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      `gateway.listen: "${value}" is not host:port (e.g. 127.0.0.1:8787)`,
    );
  }
  return { host: (m[1] ?? m[2])!, port };
}

/** The authenticator a config asks for, or undefined when it configures none. */
export function authenticatorFor(
  loaded: LoadedConfig,
  apiKeys: ReturnType<typeof openGatewayState>['apiKeys'] | undefined,
): Authenticator | undefined {
  const auth = loaded.config.gateway?.auth;
  const jwt = auth?.jwt;
  if (!auth?.apiKeys && !jwt) return undefined;
  return createAuthenticator({
    agents: new Set(loaded.agents.map((a) => a.profile.name)),
    ...(auth.apiKeys && apiKeys ? { apiKeys } : {}),
    ...(jwt
      ? {
          jwt: createJwtVerifier({
            ...(jwt.secret !== undefined ? { secret: jwt.secret } : {}),
            ...(jwt.jwksUrl !== undefined ? { jwksUrl: jwt.jwksUrl } : {}),
            issuer: jwt.issuer,
            audience: jwt.audience,
            ...(jwt.agentClaim !== undefined ? { agentClaim: jwt.agentClaim } : {}),
          }),
        }
      : {}),
  });
}

/**
 * Start the gateway a config describes, listening over streamable HTTP.
 *
 * @example
 * const running = await startGateway(loadConfig({ configFile: 'warden.yaml' }));
 * console.error(`listening on ${running.http.url}`);
 * process.on('SIGTERM', () => void running.close());
 */
export async function startGateway(
  loaded: LoadedConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const { host, port } = parseListen(options.listen ?? loaded.config.gateway?.listen ?? '127.0.0.1:8787');
  const state = openGatewayState(loaded);
  const warden = await createWarden({ configFile: loaded.file, ...options.warden } as WardenOptions);
  let gateway: Gateway | undefined;
  try {
    gateway = gatewayFor(loaded, warden, options.pins ?? state.pins, options.onServerError);
    await gateway.pool.boot();
    const authenticator = authenticatorFor(loaded, state.apiKeys);
    const http = await startHttpGateway({
      gateway,
      host,
      port,
      path: loaded.config.gateway?.path ?? '/mcp',
      ...(authenticator ? { authenticator } : {}),
      ...(options.agent !== undefined ? { anonymousAgent: options.agent } : {}),
      ...(loaded.config.gateway?.allowedOrigins
        ? { allowedOrigins: loaded.config.gateway.allowedOrigins }
        : {}),
    });
    const g = gateway;
    return {
      warden,
      gateway: g,
      http,
      close: async () => {
        await http.close();
        await g.close();
        await warden.close();
        state.close();
      },
    };
  } catch (error) {
    await gateway?.close();
    await warden.close();
    state.close();
    throw error;
  }
}

/** The gateway core for a config (servers, separator, trust-on-first-use, runtime mounts). */
export function gatewayFor(
  loaded: LoadedConfig,
  warden: Warden,
  pins: PinStore,
  onServerError?: (server: string, error: unknown) => void,
): Gateway {
  const modules = join(loaded.dir, 'node_modules');
  return new Gateway({
    warden,
    servers: loaded.config.servers ?? {},
    pins,
    ...(loaded.config.gateway?.toolSeparator ? { separator: loaded.config.gateway.toolSeparator } : {}),
    ...(loaded.config.gateway?.namespace !== undefined ? { namespace: loaded.config.gateway.namespace } : {}),
    trustOnFirstUse: loaded.config.gateway?.trustOnFirstUse ?? false,
    ...(onServerError ? { onServerError } : {}),
    // Servers started as `node ./node_modules/<pkg>/...` need the packages they import: read-only.
    upstream: { baseDir: loaded.dir, runtimeRead: existsSync(modules) ? [modules] : [] },
  });
}
