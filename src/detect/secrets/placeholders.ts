// Values that stand in for a secret instead of being one: masks (`xxxx`, `****`), template and
// environment references (`${TOKEN}`, `process.env.X`), and the words documentation uses.
import { dominantShare, longestRepeat, longestSequence, shannonEntropy } from './randomness.js';

const MASK = /x{4}|X{4}|\*{3}|#{3}|\.{3}|…|•|_{4}/;

/**
 * True when the random part of a prefixed token is a mask or filler rather than random output:
 * `xxxx`, `****`, one character repeated, one character dominating, or too little entropy.
 * `binary` bodies (base64 of structured data, where `AAAAAA` is a run of zero bytes) skip the
 * repetition tests.
 *
 * @example
 * isFillerToken('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') // true
 */
export function isFillerToken(body: string, binary = false): boolean {
  if (MASK.test(body)) return true;
  if (binary) return false;
  if (longestRepeat(body) >= 6) return true;
  if (body.length >= 10 && dominantShare(body) > 0.4) return true;
  return body.length >= 16 && shannonEntropy(body) < 2.5;
}

const TEMPLATE =
  /\$\{|\$\(|\{\{|\}\}|\{%|<%|#\{|%\(|process\.env|import\.meta\.env|os\.environ|getenv\s*\(|\bENV\s*[[.]|System\.getenv|GetEnvironmentVariable|\bsecrets\.[A-Za-z_]|\bvars\.[A-Za-z_]/;

/**
 * True when `value` refers to a secret stored elsewhere: a shell, template or environment
 * reference (`$PASSWORD`, `${TOKEN}`, `$(cat key)`, `{{ .Values.pw }}`, `%PASSWORD%`,
 * `process.env.API_KEY`, YAML tags and anchors).
 *
 * @example
 * isReference('${DB_PASSWORD}') // true
 */
export function isReference(value: string): boolean {
  if (TEMPLATE.test(value)) return true;
  const first = value.charCodeAt(0);
  // `$VAR`, `$1`; YAML tags (`!vault`), anchors (`&x`) and aliases (`*x`).
  if (first === 0x24 && /^\$[A-Za-z_0-9{(]/.test(value)) return true;
  if ((first === 0x21 || first === 0x26 || first === 0x2a) && /^[!&*][A-Za-z]/.test(value)) return true;
  return /^%[A-Za-z_][\w.]*%$|^@[A-Za-z_]\w*@$|^:[A-Za-z_]\w*$/.test(value);
}

const PLACEHOLDER_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'key',
  'changeme',
  'changeit',
  'test',
  'testing',
  'tester',
  'example',
  'sample',
  'dummy',
  'fake',
  'mock',
  'placeholder',
  'redacted',
  'hidden',
  'masked',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'empty',
  'required',
  'optional',
  'string',
  'str',
  'text',
  'value',
  'default',
  'admin',
  'administrator',
  'root',
  'user',
  'username',
  'login',
  'guest',
  'demo',
  'foo',
  'bar',
  'baz',
  'foobar',
  'qux',
  'todo',
  'fixme',
  'tbd',
  'unknown',
  'anonymous',
  'qwerty',
  'letmein',
  'welcome',
  'abc123',
  'topsecret',
  'supersecret',
  'credentials',
  'credential',
  'auth',
  'bearer',
  'basic',
  'hello',
  'world',
  'helloworld',
  'sesame',
  'opensesame',
  'private',
  'public',
  'master',
  'api_token',
  'apitoken',
  'access_token',
  'auth_token',
  'secret_key',
  'private_key',
  'client_secret',
]);

const PLACEHOLDER_PARTS =
  /password|passwd|your[_\- ]?|my_?pass|replace|change[_-]?me|example|placeholder|redacted|insert[_-]|enter[_-]|dummy|_here\b|here_|goes_here|lorem|ipsum/;

/**
 * True when `value` is a placeholder a person would write in documentation or a template:
 * a reference (see `isReference`), a bracketed name (`<token>`, `[PASSWORD]`, `{pass}`), a mask,
 * a word like `changeme` or `password`, or too repetitive to be chosen (`1111`, `abab`).
 *
 * @example
 * isPlaceholder('<your-api-key>') // true
 * isPlaceholder('r3alP4ssw0rd') // false
 */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (isReference(value)) return true;
  if (/^<[^<>]*>$|^\[[^[\]]*\]$|^\([^()]*\)$/.test(value)) return true;
  // `{password}`, `{db user}`, `{0}`: a named or numbered slot; `{Zq5kV…}` is a braced value.
  if (/^\{(?:[A-Za-z_ .-]*|\d{0,2})\}$/.test(value)) return true;
  if (/^\{[^{}]*\}$/.test(value) && isPlaceholder(value.slice(1, -1))) return true;
  if (MASK.test(value) || /^[xX*#.?_-]+$/.test(value)) return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || PLACEHOLDER_WORDS.has(lower.replace(/[\d_.!-]+$/, ''))) return true;
  if (PLACEHOLDER_PARTS.test(lower)) return true;
  if (new Set(lower).size <= 2) return true;
  if (value.length >= 6 && dominantShare(lower) > 0.6) return true;
  return longestSequence(value) >= Math.min(6, value.length);
}
