// What a key (variable, field, flag or header name) says about its value: `client_secret`,
// `DB_PASSWORD` and `--api-key` name secrets; `secret_length`, `token_url`, `publicKey` and
// `keyVaultToStoreSecrets` do not.

/** The kind of secret a key names. */
export type SecretKeyKind = 'password' | 'secret' | 'token' | 'key' | 'credential' | 'auth' | 'authorization';

export interface SecretKey {
  kind: SecretKeyKind;
  /** Lower-case words of the key (`AWS_SECRET_ACCESS_KEY` → aws, secret, access, key). */
  words: readonly string[];
  /** The words joined (`awssecretaccesskey`), for provider-specific key tests. */
  compact: string;
}

/**
 * Split an identifier into lower-case words at separators and camel-case boundaries.
 *
 * @example
 * keyWords('AWS_secretAccessKey') // ['aws', 'secret', 'access', 'key']
 */
export function keyWords(identifier: string): string[] {
  const words: string[] = [];
  for (const part of identifier.split(/[^A-Za-z0-9]+/)) {
    if (part.length === 0) continue;
    const spaced = part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
    for (const w of spaced.split(' ')) if (w.length > 0) words.push(w.toLowerCase());
  }
  return words;
}

// Words that turn a secret-sounding key into something public, a pointer or an example.
const NOT_SECRET =
  /public|publishable|csrf|xsrf|authenticity|placeholder|example|sample|dummy|fake|mock|regex|pattern/;

// Trailing words that still name the secret itself (`secret_key_base`, `password_value`).
const VALUE_TAILS = new Set([
  'value',
  'val',
  'str',
  'b64',
  'base64',
  'hex',
  'raw',
  'plain',
  'plaintext',
  'encoded',
  'base',
  'bytes',
  'literal',
]);

// What qualifies a bare `key` as a secret key (`api_key`, `secret_key`, `private_key`).
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'client',
  'app',
  'application',
  'master',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'account',
  'shared',
  'service',
  'license',
  'licence',
  'consumer',
  'subscription',
  'webhook',
  'hmac',
  'jwt',
  'session',
  'storage',
  'admin',
  'management',
  'ingest',
  'write',
  'deploy',
  'partner',
  'merchant',
  'developer',
  'dev',
  'prod',
  'live',
  'server',
  'integration',
  'bot',
  'rest',
  'crypto',
  'cipher',
]);

// Last words (or their endings, for run-together keys like `PGPASSWORD` or `apikey`).
const NOUNS: ReadonlyArray<readonly [string, SecretKeyKind]> = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['passphrase', 'password'],
  ['passcode', 'password'],
  ['pwd', 'password'],
  ['pswd', 'password'],
  ['secret', 'secret'],
  ['token', 'token'],
  ['apikey', 'key'],
  ['secretkey', 'key'],
  ['accesskey', 'key'],
  ['privatekey', 'key'],
  ['authkey', 'key'],
  ['masterkey', 'key'],
  ['signingkey', 'key'],
  ['encryptionkey', 'key'],
  ['accountkey', 'key'],
  ['clientkey', 'key'],
  ['appkey', 'key'],
  ['licensekey', 'key'],
  ['sessionkey', 'key'],
  ['webhookkey', 'key'],
  ['hmackey', 'key'],
  ['consumerkey', 'key'],
  ['subscriptionkey', 'key'],
  ['storagekey', 'key'],
  ['credential', 'credential'],
  ['credentials', 'credential'],
  ['creds', 'credential'],
  ['authorization', 'authorization'],
  ['auth', 'auth'],
];

/**
 * Classify a key. Null when it does not name a secret. The secret noun must end the key (a
 * `token_url` is a URL, a `secret_length` a number), allowing a value-like tail
 * (`secret_key_base`) and a numeric suffix (`token2`).
 *
 * @example
 * classifyKey('AWS_SECRET_ACCESS_KEY') // { kind: 'key', … }
 * classifyKey('access_token_url') // null
 */
export function classifyKey(identifier: string): SecretKey | null {
  // Code repeats its identifiers: remember recent answers (bounded).
  const known = CACHE.get(identifier);
  if (known !== undefined) return known;
  const result = classify(identifier);
  if (CACHE.size >= CACHE_SIZE) CACHE.clear();
  CACHE.set(identifier, result);
  return result;
}

const CACHE = new Map<string, SecretKey | null>();
const CACHE_SIZE = 4096;

function classify(identifier: string): SecretKey | null {
  const words = keyWords(identifier);
  if (words.length === 0) return null;
  const compact = words.join('');
  if (NOT_SECRET.test(compact)) return null;
  let last = words.length - 1;
  while (last > 0 && (VALUE_TAILS.has(words[last]!) || /^\d+$/.test(words[last]!))) last--;
  const noun = words[last]!.replace(/\d+$/, '');
  const prev = last > 0 ? words[last - 1]! : '';
  let kind: SecretKeyKind | null = null;
  if (noun === 'key') kind = KEY_QUALIFIERS.has(prev) ? 'key' : null;
  else if (noun === 'pass') kind = 'password';
  else {
    for (const [suffix, k] of NOUNS) {
      if (noun.endsWith(suffix)) {
        kind = k;
        break;
      }
    }
  }
  // `oauth` and `author` style near-misses: `auth` must be the word itself or its end after a qualifier.
  if (kind === 'auth' && noun !== 'auth' && !/^(?:basic|http|proxy|npm|_)?auth$/.test(noun)) kind = null;
  // Odd casing splits a noun into pieces (`PaSsWoRd`): the joined words must still end with it.
  if (!kind) {
    const joined = compact.replace(/\d+$/, '');
    for (const [suffix, k] of NOUNS) {
      if (suffix.length >= 6 && joined.endsWith(suffix)) {
        kind = k;
        break;
      }
    }
  }
  return kind ? { kind, words, compact } : null;
}
