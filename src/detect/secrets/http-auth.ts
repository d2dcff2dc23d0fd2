// Credentials in HTTP headers: `Authorization: Basic <base64 user:pass>`, `Bearer <token>` and
// other token schemes, and API-key headers (`X-Api-Key: …`). In a header any value is the
// credential, so UUIDs and hex strings count here.
import { decodeBase64, printableShare } from './base64.js';
import { PRIORITY, type Hit } from './detector.js';
import { startsWithKnownPrefix } from './known-prefixes.js';
import { isPlaceholder } from './placeholders.js';
import { shannonEntropy } from './randomness.js';
import { looksLikeName } from './secret-values.js';

export const HTTP_AUTH_TYPES = [
  { type: 'http-basic-auth', provider: 'HTTP', title: 'HTTP Basic credentials (base64 user:password)' },
  { type: 'http-bearer-token', provider: 'HTTP', title: 'token in an Authorization header' },
  { type: 'http-api-key-header', provider: 'HTTP', title: 'API key in an HTTP header' },
] as const;

// Schemes that carry a bearer-style credential; others (Digest, AWS4-HMAC-SHA256, Negotiate)
// carry parameters or one-time proofs.
const TOKEN_SCHEMES = new Set([
  'bearer',
  'token',
  'api-token',
  'apitoken',
  'apikey',
  'api-key',
  'key',
  'sso-key',
  'jwt',
  'oauth',
  'bot',
  'ssws',
  'klaviyo-api-key',
  'access-token',
]);
const CREDENTIAL = /^[A-Za-z0-9_~@.+/=:-]+$/;

function usable(text: string, start: number, credential: string, min: number): boolean {
  if (credential.length < min || credential.length > 4096 || !CREDENTIAL.test(credential)) return false;
  if (isPlaceholder(credential) || looksLikeName(credential) || startsWithKnownPrefix(text, start))
    return false;
  return shannonEntropy(credential) >= 2.5;
}

/**
 * The credential in an Authorization header value that spans `start..end` of `text`.
 *
 * @example
 * authorizationHit('Authorization: Basic dXNlcjpodW50ZXIy', 15, 36) // { type: 'http-basic-auth', start: 21, … }
 */
export function authorizationHit(text: string, start: number, end: number): Hit | null {
  const value = text.slice(start, end);
  const m = /^([A-Za-z][A-Za-z0-9-]*)[ \t]+/.exec(value);
  const scheme = m ? m[1]!.toLowerCase() : '';
  const credStart = start + (m ? m[0].length : 0);
  const credential = text.slice(credStart, end).trim();
  if (scheme === 'basic') {
    const decoded = credential.length >= 8 ? decodeBase64(credential, 4096) : null;
    if (decoded === null || printableShare(decoded) < 0.9) return null;
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (password.length > 0 ? isPlaceholder(password) || password === user : isPlaceholder(user)) return null;
    return {
      type: 'http-basic-auth',
      start: credStart,
      end: credStart + credential.length,
      score: password.length > 0 ? 0.9 : 0.6,
      message: password.length > 0 ? 'HTTP Basic credentials' : 'HTTP Basic credentials (user name only)',
      priority: PRIORITY.auth,
    };
  }
  if (m && !TOKEN_SCHEMES.has(scheme)) return null;
  if (!usable(text, credStart, credential, 8)) return null;
  return {
    type: 'http-bearer-token',
    start: credStart,
    end: credStart + credential.length,
    score: 0.85,
    message: `token in an Authorization header${scheme ? ` (${scheme})` : ''}`,
    priority: PRIORITY.auth,
  };
}

/**
 * The value of an API-key or token header (`X-Api-Key: …`, `-H "Token: …"`) spanning
 * `start..end`.
 *
 * @example
 * apiKeyHeaderHit('X-Api-Key: 3fea6af1349166ea', 11, 27) // { type: 'http-api-key-header', … }
 */
export function apiKeyHeaderHit(text: string, start: number, end: number): Hit | null {
  const credential = text.slice(start, end).trim();
  if (!usable(text, start, credential, 8)) return null;
  return {
    type: 'http-api-key-header',
    start,
    end: start + credential.length,
    score: credential.length >= 12 ? 0.8 : 0.7,
    message: 'API key in an HTTP header',
    priority: PRIORITY.auth,
  };
}
