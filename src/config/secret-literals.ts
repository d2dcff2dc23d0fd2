import { hasEnvReference } from './interpolate-env.js';

// Token shapes that are never anything but credentials. The detectors issue brings the full set;
// this list only has to catch the literal a person pastes into a config file.
const TOKEN_SHAPES: readonly [string, RegExp][] = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ['OpenAI or Anthropic key', /\bsk-(ant-)?[A-Za-z0-9_-]{20,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe key', /\b[rs]k_(live|test)_[A-Za-z0-9]{16,}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['Hugging Face token', /\bhf_[A-Za-z0-9]{30,}\b/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['URL with a password', /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

const SECRET_FIELD =
  /(secret|token|password|passwd|pwd|api[_-]?key|signing[_-]?key|private[_-]?key|credential|auth)/i;

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Why a config string looks like a pasted secret, or undefined. Values that come from `${ENV}` are
 * fine; so are short or low-entropy values under secret-sounding keys (`token: required`).
 *
 * @example
 * secretLiteralKind('signingKey', 'c0ffee...') // 'high-entropy value under "signingKey"'
 */
export function secretLiteralKind(field: string, value: string): string | undefined {
  if (hasEnvReference(value)) return undefined;
  for (const [kind, shape] of TOKEN_SHAPES) if (shape.test(value)) return kind;
  if (SECRET_FIELD.test(field) && value.length >= 12 && !/\s/.test(value) && entropy(value) >= 3) {
    return `high-entropy value under "${field}"`;
  }
  return undefined;
}
