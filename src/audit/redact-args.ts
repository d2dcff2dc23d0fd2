import { secretLiteralKind } from '../config/secret-literals.js';

const MAX_STRING = 2048;
// `password=hunter2`, `api_key: abc` inside free text (a file being written, a command line).
const INLINE_ASSIGNMENT =
  /\b((?:[A-Za-z0-9_-]*?)(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|private[_-]?key|credential)[A-Za-z0-9_-]*)(\s*[=:]\s*["']?)[^\s"',;]+/gi;
// Any value under these keys is a secret, whatever it looks like (`password: hunter2`).
const SECRET_KEY =
  /(secret|token|passw(or)?d|pwd|api[_-]?key|private[_-]?key|credential|authorization|cookie|session[_-]?id)/i;
const MAX_DEPTH = 8;

/**
 * A copy of tool arguments fit for the audit log: values under secret-sounding keys and strings
 * that look like credentials become `[REDACTED]`, long strings are cut. The argument digest in the
 * record still binds the exact call. (The detectors bring fuller secret and PII redaction.)
 *
 * @example
 * redactArgs({ url: 'https://x', headers: { Authorization: 'Bearer abc' } })
 * // { url: 'https://x', headers: { Authorization: '[REDACTED]' } }
 */
export function redactArgs(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) || secretLiteralKind('', value)) return '[REDACTED]';
    const text = value.replace(
      INLINE_ASSIGNMENT,
      (_m, name: string, sep: string) => `${name}${sep}[REDACTED]`,
    );
    return text.length > MAX_STRING
      ? `${text.slice(0, MAX_STRING)}…[${text.length - MAX_STRING} more]`
      : text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactArgs(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactArgs(v, k, depth + 1);
  return out;
}
