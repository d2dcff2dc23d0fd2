/** Signs that a URL carries data out, each with its weight. */
export interface UrlDataSignals {
  /** Added to the construct's base score. */
  readonly boost: number;
  /** Why, for people; never the data itself. */
  readonly reasons: readonly string[];
}

// A value the model was told to fill in: {secret}, ${DATA}, [CONVERSATION], <password>, {{x}}.
const PLACEHOLDER =
  /\{\{?[^{}\s/]{1,40}\}\}?|\$\{?[A-Za-z_][A-Za-z0-9_]{1,40}\}?|\[[A-Za-z_][A-Za-z0-9_ .-]{1,40}\]|<[A-Za-z_][A-Za-z0-9_ .-]{1,40}>|%7B|%24%7B|%5B[A-Z_]/;
// In a path, lower-case placeholders are usually documentation ("pkg@[version]"); these are not.
const SHOUTED_PLACEHOLDER = /\$\{?[A-Z_][A-Z0-9_]{1,40}\}?|\[[A-Z_][A-Z0-9_ .-]{1,40}\]|\{\{|%7B|%24%7B/;
// Parameter names that announce what is being carried.
const TELLING_NAME =
  /^(?:q|d|data|payload|secret|secrets|token|key|apikey|api_key|password|passwd|pwd|pass|conv|conversation|chat|history|msg|message|messages|content|text|info|leak|exfil|email|ssn|cc|card|cookie|cookies|session|prompt|memory|context|summary|body)$/i;
const BASE64 = /^[A-Za-z0-9+/_-]{20,}={0,2}$/;
const HEX = /^[0-9a-f]{24,}$/i;

/**
 * Score how much a URL looks like it smuggles data: long or high-entropy query values and path
 * segments, base64- or hex-looking parameters, placeholders for the model to fill ({secret},
 * $DATA, [CONVERSATION]), parameter names like `data` or `token`, and host tricks (userinfo, IP
 * literal, punycode).
 *
 * @example
 * urlDataSignals(new URL('https://evil.example/log?d={conversation}'), 'https://evil.example/log?d={conversation}')
 * // boost ≈ 0.45: 'a placeholder for data to fill in', 'a parameter named for the data it carries'
 */
export function urlDataSignals(url: URL, written: string): UrlDataSignals {
  const reasons: string[] = [];
  let boost = 0;
  // What follows "?" or "#" is where data rides; a placeholder or an encoded value in the path is
  // more often documentation ("…@[version]/bundle.js") or a commit hash.
  const cut = written.search(/[?#]/);
  const writtenPath = cut < 0 ? written : written.slice(0, cut);
  const writtenQuery = cut < 0 ? '' : written.slice(cut);
  if (PLACEHOLDER.test(writtenQuery)) {
    boost += 0.35;
    reasons.push('a placeholder for data to fill in');
  } else {
    const path = writtenPath.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    if (SHOUTED_PLACEHOLDER.test(path)) {
      boost += 0.35;
      reasons.push('a placeholder for data to fill in');
    } else if (PLACEHOLDER.test(path)) {
      boost += 0.2;
      reasons.push('a placeholder in the path');
    }
  }
  const query = url.search.length > 1 ? url.search.slice(1) : '';
  const queryValues: string[] = [];
  let tellingName = false;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : safeDecode(pair.slice(0, eq));
    const value = safeDecode(eq < 0 ? pair : pair.slice(eq + 1));
    queryValues.push(value);
    if (TELLING_NAME.test(name) && value.length >= 8) tellingName = true;
  }
  if (url.hash.length > 1) queryValues.push(safeDecode(url.hash.slice(1)));

  if (queryValues.some(looksEncoded)) {
    boost += 0.25;
    reasons.push('an encoded or high-entropy value');
  } else if (url.pathname.split('/').some((segment) => looksEncoded(safeDecode(segment)))) {
    boost += 0.15;
    reasons.push('an encoded or high-entropy path segment');
  }
  const carried = query.length + url.hash.length;
  if (carried >= 300) {
    boost += 0.2;
    reasons.push('a very long query string');
  } else if (carried >= 100) {
    boost += 0.1;
    reasons.push('a long query string');
  }
  if (tellingName) {
    boost += 0.1;
    reasons.push('a parameter named for the data it carries');
  }
  return { boost, reasons };
}

/**
 * Whether a value looks like encoded data rather than a word or an id: base64 or hex of some
 * length, or any long string of high character entropy.
 *
 * @example
 * looksEncoded('c2VjcmV0IGFwaSBrZXkgaXMgMTIzNDU=') // true
 * looksEncoded('getting-started')                  // false
 */
export function looksEncoded(value: string): boolean {
  if (value.length < 20) return false;
  if (HEX.test(value)) return true;
  if (BASE64.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)) return true;
  return value.length >= 32 && shannonEntropy(value) >= 4.2;
}

/**
 * Shannon entropy in bits per character.
 *
 * @example
 * shannonEntropy('abcd') // 2
 */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function safeDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
