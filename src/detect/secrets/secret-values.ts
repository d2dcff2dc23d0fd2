// Is the value assigned to a secret-named key itself a secret? Rejects what is not (references,
// placeholders, hashes, ids, paths, code) and asks machine-made values to look random.
import { isPlaceholder } from './placeholders.js';
import { caseSwitchRate, characterClasses, longestSequence, shannonEntropy } from './randomness.js';
import type { SecretKeyKind } from './secret-keys.js';

const UUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
// md5, sha1 (and git commit ids), sha224, sha256, sha384, sha512.
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const FILE_EXTENSION =
  /\.(?:pem|key|p12|pfx|jks|json|ya?ml|txt|cer|crt|der|env|keystore|keytab|ini|conf|cfg|properties|xml|gpg|asc|pub|enc|js|ts|py|sh)$/i;

/**
 * True when the value is evidently not a secret: a URL, an e-mail address, a path or file name,
 * a UUID, a hash or commit id, a number, a version, a dotted name or a call.
 *
 * @example
 * isEvidentlyNotSecret('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') // true (sha256)
 */
export function isEvidentlyNotSecret(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (/^[^@\s:/]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return true;
  // `path/to/key_file`, `domain/username@host`: every segment a name (base64 segments are not).
  if (value.includes('/') && value.split(/[/@]/).every((s) => s.length === 0 || looksLikeName(s)))
    return true;
  // `name=value` pairs and option lists are settings, not a secret (base64 padding aside).
  if (value.replace(/=+$/, '').includes('=')) return true;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) || FILE_EXTENSION.test(value)) return true;
  if (UUID.test(value)) return true;
  if (/^[0-9a-fA-F]+$/.test(value) && (HASH_LENGTHS.has(value.length) || value.length <= 12)) return true;
  if (/^(?:sha\d*|md5|sha-\d+)[-:=]/i.test(value)) return true;
  if (/^[\d.,:_/+-]+$/.test(value)) return true;
  if (/^v?\d+(?:\.\d+)+(?:[-+][\w.-]*)?$/.test(value)) return true;
  // Code: member access (`config.secret`, `res?.token`, `Foo::KEY`), calls, arrows, ternaries.
  if (/^[A-Za-z_$][\w$]*(?:(?:\?\.|\.|::|->)[A-Za-z_$][\w$]*)+/.test(value)) return true;
  if (/^[({[!?@#]/.test(value)) return true;
  return /[\w$\]]\(|[\w$]\[|\?\.|=>|\?\?|\|\||&&/.test(value);
}

/**
 * `QuestionToken`, `nextLastSignificantToken`, `RsaPrivateKey`: camel-case words (each with a
 * vowel, most of them three letters or longer). Random mixed case splits into short, mostly
 * unpronounceable pieces instead.
 */
function isCamelCaseWords(value: string): boolean {
  const words = value.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [];
  if (words.length === 0) return false;
  let short = 0;
  for (const w of words) {
    if (w.length < 3) short++;
    else if (!/[aeiouyAEIOUY]/.test(w) && w !== w.toUpperCase()) return false;
  }
  return short <= Math.floor(words.length / 2) && value.length / words.length >= 3;
}

// A segment of a structured name: a word, an upper-case word, a capitalized word, a number.
const NAME_SEGMENT =
  /^(?:[a-z]+[0-9]{0,4}|[A-Z]+[0-9]{0,4}|[A-Z][a-z]+[0-9]{0,4}|[0-9]+|[a-z]{1,4}[0-9]{1,4}[a-z]{0,4})$/;

/**
 * True when the value reads like a name rather than random output: a word, an identifier
 * (`SecurityIdentifier`, `K8S_CRED`, `prod-db-1`) or words joined by separators.
 *
 * @example
 * looksLikeName('QuestionToken') // true
 * looksLikeName('yqDVtkqPECriaLRi') // false
 */
export function looksLikeName(value: string): boolean {
  // Bundlers and code generators suffix names: `ArrowToken$1`, `token_2`.
  const base = value.replace(/[$_]\d{1,3}$/, '');
  if (/^[A-Za-z]+$/.test(base)) {
    if (base === base.toLowerCase() || base === base.toUpperCase()) return true;
    return isCamelCaseWords(base) || caseSwitchRate(base) < 0.2;
  }
  const segments = value.split(/[-_.:]+/).filter((s) => s.length > 0);
  return segments.length > 1 && segments.every((s) => NAME_SEGMENT.test(s));
}

/**
 * Confidence that `value`, assigned to a key of `kind`, is a secret; 0 when it is not. People
 * choose passwords (short, words with digits and symbols are fine); machines make tokens (long,
 * mixed, high entropy).
 *
 * @example
 * genericValueScore('hunter2!', 'password') // 0.7
 * genericValueScore('changeme', 'password') // 0
 */
export function genericValueScore(value: string, kind: SecretKeyKind): number {
  if (value.length < 6 || value.length > 1024 || /\s/.test(value)) return 0;
  if (isPlaceholder(value) || isEvidentlyNotSecret(value)) return 0;
  // `user:password` values: the password decides.
  const colon = value.indexOf(':');
  if (colon > 0 && isPlaceholder(value.slice(colon + 1))) return 0;
  const classes = characterClasses(value);
  const entropy = shannonEntropy(value);
  if (kind === 'password') {
    if (classes < 2 && value.length < 12) return 0;
    if (entropy < 2.3 || looksLikeName(value)) return 0;
    return classes >= 3 && value.length >= 10 ? 0.8 : 0.7;
  }
  // Machine-made secrets are long; shorter random strings are ids, nonces and badge tokens.
  if (value.length < 12 || classes < 2 || looksLikeName(value)) return 0;
  if (longestSequence(value) >= 6) return 0;
  if (entropy < (value.length < 20 ? 2.8 : 3.2)) return 0;
  return value.length >= 20 && entropy >= 3.5 ? 0.8 : 0.7;
}
