import { secretLiteralKind } from '../config/secret-literals.js';

const MAX_STRING = 2048;
const MAX_DEPTH = 8;
// Any value under these keys is a secret, whatever it looks like (`password: hunter2`), and so is
// everything nested below them (`credentials: { pass: … }`).
const SECRET_KEY =
  /(secret|token|passw(or)?d|passphrase|pwd|^pass$|api[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id)/i;
// `password=hunter2`, `api_key: abc` inside free text (a file being written, a command line).
const INLINE_ASSIGNMENT =
  /\b((?:[A-Za-z0-9_-]*?)(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|private[_-]?key|credential)[A-Za-z0-9_-]*)(\s*[=:]\s*["']?)[^\s"',;]+/gi;
// A credential anywhere in free text: `Bearer …`, provider token shapes (one word at a time).
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * Free text (a reason, an error message) with credentials masked: inline `key=value` secrets,
 * bearer tokens and provider token shapes.
 *
 * @example
 * redactText('upstream said: Authorization: Bearer abc.def.ghi') // 'upstream said: Authorization: Bearer [REDACTED]'
 */
export function redactText(text: string): string {
  const masked = text
    .replace(INLINE_ASSIGNMENT, (_m, name: string, sep: string) => `${name}${sep}[REDACTED]`)
    .replace(BEARER, (_m, scheme: string) => `${scheme} [REDACTED]`);
  return masked.replace(/\S{16,}/g, (word) => (secretLiteralKind('', word) ? '[REDACTED]' : word));
}

/**
 * A copy of tool arguments fit for the audit log: values under secret-sounding keys (at any depth
 * below them, whatever their type) and strings that look like credentials become `[REDACTED]`,
 * long strings are cut. The argument digest in the record still binds the exact call. (The
 * detectors bring fuller secret and PII redaction.)
 *
 * @example
 * redactArgs({ url: 'https://x', headers: { Authorization: 'Bearer abc' } })
 * // { url: 'https://x', headers: { Authorization: '[REDACTED]' } }
 */
export function redactArgs(value: unknown, key = '', depth = 0, secret = false): unknown {
  const underSecret = secret || SECRET_KEY.test(key);
  if (value === null || value === undefined) return value;
  if (typeof value !== 'object') {
    if (underSecret) return '[REDACTED]';
    if (typeof value !== 'string') return value;
    if (secretLiteralKind('', value)) return '[REDACTED]';
    const text = redactText(value);
    return text.length > MAX_STRING
      ? `${text.slice(0, MAX_STRING)}…[${text.length - MAX_STRING} more]`
      : text;
  }
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactArgs(v, key, depth + 1, underSecret));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactArgs(v, k, depth + 1, underSecret);
  return out;
}
