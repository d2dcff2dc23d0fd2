// Client authentication for the MCP gateway: API keys (scrypt-hashed, shown once), JWTs (HMAC
// secret or JWKS), and the Origin/Host/listen checks that keep a local gateway local.
export {
  API_KEY_PREFIX,
  ApiKeyCache,
  type ApiKeyHash,
  type ApiKeyRecord,
  type ApiKeySummary,
  type CreateApiKeyOptions,
  type CreatedApiKey,
  createApiKey,
  DEFAULT_SCRYPT_PARAMS,
  defaultApiKeyCache,
  parseApiKey,
  type ScryptParams,
  type VerifiedApiKey,
  type VerifyApiKeyOptions,
  verifyApiKey,
} from './api-keys.js';
export {
  type ApiKeyStore,
  type ApiKeyStoreOptions,
  MemoryApiKeyStore,
  SqliteApiKeyStore,
} from './api-key-store.js';
export { createJwtVerifier, type JwtIdentity, type JwtVerifier, type JwtVerifierOptions } from './jwt.js';
export {
  assertSafeListen,
  type AuthFailure,
  type AuthResult,
  type AuthSuccess,
  type Authenticator,
  type AuthenticatorOptions,
  checkHost,
  checkOrigin,
  createAuthenticator,
  type HeaderSource,
  readHeader,
} from './authenticate.js';
export { isLoopbackHost } from './network.js';
