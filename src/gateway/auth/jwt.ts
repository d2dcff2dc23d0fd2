// JWT bearer tokens for gateway clients whose identity comes from an IdP. The algorithm family is
// pinned by the configuration (never by the token header), so `alg: none` and RS/HS confusion
// cannot get a forged token through; issuer and audience are mandatory so a token minted for
// another service is never accepted here.
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { isLoopbackHost } from './network.js';

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;
const MIN_SECRET_BYTES = 32;
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface JwtVerifierOptions {
  /** Shared HMAC secret (HS256/384/512), at least 32 bytes. Exactly one of `secret` and `jwksUrl`. */
  secret?: string | Uint8Array;
  /** JWKS endpoint of the IdP (RS/PS/ES/EdDSA). https, or http on a loopback host. */
  jwksUrl?: string | URL;
  /** Required `iss`. */
  issuer: string | readonly string[];
  /** Required `aud` (one of). */
  audience: string | readonly string[];
  /** Claim naming the agent profile; `'sub'` uses the subject. Default `warden_agent`. */
  agentClaim?: string;
  /** Narrow the accepted algorithms; must stay within the family of the key source. */
  algorithms?: readonly string[];
  /** Seconds of clock skew tolerated on exp/nbf. Default 5. */
  clockToleranceSec?: number;
  /** Refuse tokens without `exp`. Default true. */
  requireExpiry?: boolean;
  /** Called with a short reason code (never the token) when a token is refused, for server logs. */
  onReject?: (reason: string) => void;
  /** JWKS fetch timeout in ms. Default 5000. */
  jwksTimeoutMs?: number;
}

/** Who a verified token speaks for. */
export interface JwtIdentity {
  agent: string;
  subject: string | undefined;
  issuer: string | undefined;
  expiresAt: Date | undefined;
}

export interface JwtVerifier {
  /** The identity of a valid token, or undefined; never throws for bad tokens. */
  verify(token: string): Promise<JwtIdentity | undefined>;
}

function configError(path: string, message: string): WardenError {
  return new WardenError(WardenErrorCode.ConfigInvalid, `${path}: ${message}`, {
    issues: [{ path, message, severity: 'error' }],
  });
}

function nonEmpty(value: string | readonly string[] | undefined): boolean {
  if (typeof value === 'string') return value.length > 0;
  return (
    Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0)
  );
}

/**
 * Build a JWT verifier from gateway config. Throws a `CONFIG_INVALID` WardenError (naming the
 * `gateway.auth.jwt.*` field) for unsafe configuration.
 *
 * @example
 * const jwt = createJwtVerifier({
 *   jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
 *   issuer: 'https://idp.example.com/',
 *   audience: 'warden-gateway',
 * });
 * const identity = await jwt.verify(token); // { agent, subject, issuer, expiresAt } | undefined
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const hasSecret = options.secret !== undefined;
  const hasJwks = options.jwksUrl !== undefined;
  if (hasSecret === hasJwks) {
    throw configError('gateway.auth.jwt', 'set exactly one of `secret` and `jwksUrl`');
  }
  if (!nonEmpty(options.issuer)) throw configError('gateway.auth.jwt.issuer', 'an issuer is required');
  if (!nonEmpty(options.audience)) throw configError('gateway.auth.jwt.audience', 'an audience is required');
  const agentClaim = options.agentClaim ?? 'warden_agent';
  if (typeof agentClaim !== 'string' || agentClaim.length === 0) {
    throw configError('gateway.auth.jwt.agentClaim', 'must be a claim name');
  }

  const family: readonly string[] = hasSecret ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
  const algorithms = options.algorithms ? [...options.algorithms] : [...family];
  if (algorithms.length === 0 || algorithms.some((a) => !family.includes(a))) {
    throw configError(
      'gateway.auth.jwt.algorithms',
      `with ${hasSecret ? 'a shared secret' : 'a JWKS'} only ${family.join(', ')} are allowed`,
    );
  }

  let key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  if (hasSecret) {
    const secret = options.secret!;
    const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw configError(
        'gateway.auth.jwt.secret',
        `must be at least ${MIN_SECRET_BYTES} bytes (use \${ENV_VAR} with a random value)`,
      );
    }
    key = bytes;
  } else {
    let url: URL;
    try {
      url = new URL(String(options.jwksUrl));
    } catch {
      throw configError('gateway.auth.jwt.jwksUrl', 'is not a valid URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw configError('gateway.auth.jwt.jwksUrl', 'must use https (http only on a loopback host)');
    }
    key = createRemoteJWKSet(url, { timeoutDuration: options.jwksTimeoutMs ?? 5000 });
  }

  const verifyOptions = {
    issuer: typeof options.issuer === 'string' ? options.issuer : [...options.issuer],
    audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
    algorithms,
    clockTolerance: options.clockToleranceSec ?? 5,
    requiredClaims: options.requireExpiry === false ? [] : ['exp'],
  };
  const reject = (reason: string): undefined => {
    try {
      options.onReject?.(reason);
    } catch {
      // a logging hook must not change the outcome
    }
    return undefined;
  };

  return {
    async verify(token: string): Promise<JwtIdentity | undefined> {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        return reject('malformed');
      }
      let payload: JWTPayload;
      try {
        // Two calls, not one: jose's overloads differ for a key and a key-set function.
        payload =
          key instanceof Uint8Array
            ? (await jwtVerify(token, key, verifyOptions)).payload
            : (await jwtVerify(token, key, verifyOptions)).payload;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return reject(typeof code === 'string' ? code : 'invalid');
      }
      const agent = payload[agentClaim];
      if (typeof agent !== 'string' || agent.length === 0) return reject('missing-agent-claim');
      return {
        agent,
        subject: typeof payload.sub === 'string' ? payload.sub : undefined,
        issuer: typeof payload.iss === 'string' ? payload.iss : undefined,
        expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined,
      };
    },
  };
}
