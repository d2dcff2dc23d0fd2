// The gateway's front door: turns an `Authorization: Bearer` header into an agent profile, or a
// 401 that tells a client what to fix without telling an attacker which part of a guess was right.
// Also the checks that keep a local gateway from being driven by a web page (DNS rebinding) or
// exposed on a network without authentication.
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { ApiKeyStore } from './api-key-store.js';
import { API_KEY_PREFIX, type ApiKeyCache, verifyApiKey } from './api-keys.js';
import type { JwtVerifier } from './jwt.js';
import { isLoopbackHost } from './network.js';

/** Fetch `Headers`, or Node's `IncomingHttpHeaders`-like record. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AuthSuccess {
  ok: true;
  /** The agent profile the caller acts as (always one of the configured agents). */
  agent: string;
  /** Who is calling, for audit: `api-key:<id>` or `jwt:<subject or agent>`. */
  principal: string;
  method: 'api-key' | 'jwt';
  /** JWT expiry, where known: a session should not outlive its token. */
  expiresAt?: Date;
}

export interface AuthFailure {
  ok: false;
  status: 401;
  /** Value for the `WWW-Authenticate` response header (RFC 6750). */
  wwwAuthenticate: string;
  /** Safe to send to the client; identical for every kind of bad token. */
  message: string;
  /** Why, for server-side logs and audit only (never contains the credential). */
  reason: 'missing' | 'malformed' | 'invalid-api-key' | 'invalid-jwt' | 'agent-not-configured';
}

export type AuthResult = AuthSuccess | AuthFailure;

export interface Authenticator {
  authenticate(headers: HeaderSource): Promise<AuthResult>;
}

export interface AuthenticatorOptions {
  apiKeys?: ApiKeyStore;
  jwt?: JwtVerifier;
  /** Agent profile names defined in the config; any other agent is refused. */
  agents: ReadonlySet<string>;
  /** Default `warden`. */
  realm?: string;
  /** Verification cache for API keys (default: process-wide; `false` to disable). */
  apiKeyCache?: ApiKeyCache | false;
}

const MAX_TOKEN_LENGTH = 16 * 1024;
// RFC 6750 §2.1 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MISSING_MESSAGE = 'Authentication required: send Authorization: Bearer <api key or token>';
const INVALID_MESSAGE = 'The access token is invalid, expired or revoked';

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '').replace(/[^\x20-\x7e]/g, '')}"`;
}

/** Read one header case-insensitively; undefined if absent, `null` if sent more than once. */
export function readHeader(headers: HeaderSource, name: string): string | undefined | null {
  const lower = name.toLowerCase();
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return (headers as Headers).get(lower) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let found: string | readonly string[] | undefined;
  let count = 0;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue;
    const value = record[key];
    if (value === undefined) continue;
    found = value;
    count++;
  }
  if (count > 1) return null;
  if (Array.isArray(found))
    return found.length === 1 ? (found[0] as string) : found.length === 0 ? undefined : null;
  return found as string | undefined;
}

/**
 * Build the gateway's authenticator. At least one of `apiKeys` and `jwt` is required.
 * Tokens starting with `wk_` are API keys; everything else is tried as a JWT.
 *
 * @example
 * const auth = createAuthenticator({ apiKeys: store, agents: new Set(['support-bot']) });
 * const result = await auth.authenticate(req.headers);
 * if (!result.ok) {
 *   res.writeHead(result.status, { 'WWW-Authenticate': result.wwwAuthenticate }).end(result.message);
 *   return;
 * }
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { apiKeys, jwt, agents } = options;
  if (!apiKeys && !jwt) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      'gateway.auth: configure API keys or a JWT verifier',
      {
        issues: [{ path: 'gateway.auth', message: 'no authentication method configured', severity: 'error' }],
      },
    );
  }
  const realm = `realm=${quote(options.realm ?? 'warden')}`;
  const cache = options.apiKeyCache;

  // RFC 6750 §3.1: no error code when the request carried no bearer credentials at all.
  const missing = (): AuthFailure => ({
    ok: false,
    status: 401,
    wwwAuthenticate: `Bearer ${realm}`,
    message: MISSING_MESSAGE,
    reason: 'missing',
  });
  const invalid = (reason: AuthFailure['reason']): AuthFailure => ({
    ok: false,
    status: 401,
    wwwAuthenticate: `Bearer ${realm}, error="invalid_token", error_description=${quote(INVALID_MESSAGE)}`,
    message: INVALID_MESSAGE,
    reason,
  });

  return {
    async authenticate(headers: HeaderSource): Promise<AuthResult> {
      const header = readHeader(headers, 'authorization');
      if (header === null) return invalid('malformed');
      if (header === undefined || header.trim() === '') return missing();
      const match = /^(\S+)[ ]+(\S+)[ ]*$/.exec(header.trim());
      const scheme = match?.[1] ?? header.trim().split(' ')[0] ?? '';
      if (scheme.toLowerCase() !== 'bearer') return missing();
      const token = match?.[2];
      if (!token || token.length > MAX_TOKEN_LENGTH || !B64TOKEN.test(token)) return invalid('malformed');

      if (token.startsWith(API_KEY_PREFIX)) {
        if (!apiKeys) return invalid('invalid-api-key');
        const verified = await verifyApiKey(token, apiKeys, cache === undefined ? {} : { cache });
        if (!verified) return invalid('invalid-api-key');
        if (!agents.has(verified.agent)) return invalid('agent-not-configured');
        return { ok: true, agent: verified.agent, principal: `api-key:${verified.id}`, method: 'api-key' };
      }

      if (!jwt) return invalid('invalid-jwt');
      const identity = await jwt.verify(token);
      if (!identity) return invalid('invalid-jwt');
      if (!agents.has(identity.agent)) return invalid('agent-not-configured');
      return {
        ok: true,
        agent: identity.agent,
        principal: `jwt:${identity.subject ?? identity.agent}`,
        method: 'jwt',
        ...(identity.expiresAt ? { expiresAt: identity.expiresAt } : {}),
      };
    },
  };
}

function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * DNS-rebinding / cross-site protection for the HTTP gateway. The rule:
 * - no `Origin` header: allowed — non-browser MCP clients do not send one, and browsers always do
 *   on cross-origin requests and on every POST;
 * - `Origin` sent more than once, `null`, or not an http(s) origin: refused;
 * - an `Origin` equal (scheme, host, port) to an entry of `allowedOrigins`: allowed;
 * - when the gateway listens on a loopback address (`listenHost`), an origin whose host is
 *   loopback (`localhost`, 127.0.0.0/8, `[::1]`) is allowed, any port;
 * - anything else (e.g. `http://evil.example`, even if that name resolves to 127.0.0.1): refused.
 * Browsers omit `Origin` on same-origin GETs, which after DNS rebinding look same-origin, so pair
 * this with {@link checkHost}.
 *
 * @example
 * if (!checkOrigin(req.headers.origin, config.allowedOrigins, '127.0.0.1')) res.writeHead(403).end();
 */
export function checkOrigin(
  originHeader: string | readonly string[] | undefined | null,
  allowedOrigins: readonly string[],
  listenHost?: string,
): boolean {
  if (originHeader === undefined || originHeader === null) return true;
  let value: string;
  if (typeof originHeader === 'string') value = originHeader;
  else if (originHeader.length === 0) return true;
  else if (originHeader.length === 1) value = originHeader[0] as string;
  else return false;
  const origin = normalizeOrigin(value.trim());
  if (!origin) return false;
  if (allowedOrigins.some((allowed) => normalizeOrigin(allowed) === origin)) return true;
  return listenHost !== undefined && isLoopbackHost(listenHost) && isLoopbackHost(new URL(origin).hostname);
}

/**
 * `Host` header check, the other half of DNS-rebinding protection: when listening on loopback,
 * only a loopback `Host` (any port) or one in `allowedHosts` is accepted. On other addresses,
 * when `allowedHosts` is non-empty, `Host` must be in it; otherwise any host passes (authentication
 * protects the gateway there).
 *
 * @example
 * if (!checkHost(req.headers.host, '127.0.0.1')) res.writeHead(403).end();
 */
export function checkHost(
  hostHeader: string | undefined,
  listenHost: string,
  allowedHosts: readonly string[] = [],
): boolean {
  const loopback = isLoopbackHost(listenHost);
  if (!loopback && allowedHosts.length === 0) return true;
  if (hostHeader === undefined || hostHeader === '' || /[\s/@\\?#]/.test(hostHeader)) return false;
  let hostname: string;
  let host: string;
  try {
    const url = new URL(`http://${hostHeader}`);
    hostname = url.hostname;
    host = url.host;
  } catch {
    return false;
  }
  const wanted = allowedHosts.map((h) => h.toLowerCase());
  if (wanted.includes(host) || wanted.includes(hostname)) return true;
  return loopback && isLoopbackHost(hostname);
}

/**
 * Refuse to start a gateway that listens beyond loopback without authentication: anyone on the
 * network could then drive every agent's tools.
 *
 * @throws WardenError `CONFIG_INVALID` naming `gateway.listen`.
 * @example
 * assertSafeListen(config.gateway.listen.host, Boolean(config.gateway.auth));
 */
export function assertSafeListen(host: string, authConfigured: boolean): void {
  if (authConfigured || isLoopbackHost(host)) return;
  const shown = host === '' ? '(all interfaces)' : host;
  const message = `refusing to listen on ${shown} without authentication; configure gateway.auth (API keys or JWT) or listen on 127.0.0.1`;
  throw new WardenError(WardenErrorCode.ConfigInvalid, `gateway.listen: ${message}`, {
    issues: [{ path: 'gateway.listen', message, severity: 'error', code: 'gateway.unauthenticated-listen' }],
  });
}
