/**
 * Path prefixes in network entries (`https://api.example.com/v1/`), matched segment by segment so
 * that `/v1` never matches `/v1evil`.
 *
 * WHATWG has already resolved `.`/`..` segments (including `%2e` spellings) in the URL being checked.
 * What remains dangerous is what a server decodes later: `/v1/..%2fadmin`, `/v1/..;/admin` (Tomcat),
 * `/v1/%2e%2e%5cadmin`. An allow prefix therefore refuses any URL with such a segment (strict reading),
 * and a deny prefix matches under the most lenient reading a server could apply (decode, `\` as `/`,
 * drop `;params`, collapse, apply `..`, ignore case). Deny errs towards matching, allow towards not.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;
const PERCENT_ESCAPE = /%[0-9a-fA-F]{2}/;

function decodeSegment(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** A decoded segment another component could read as a separator or a dot segment. */
function isAmbiguous(segment: string): boolean {
  return (
    segment.includes('/') ||
    segment.includes('\\') ||
    segment === '.' ||
    segment.startsWith('..') ||
    CONTROL.test(segment)
  );
}

/** Ambiguous now or after up to two more decodings by a server (`%252e%252e%252f`). */
function hidesTraversal(decoded: string): boolean {
  let layer: string | undefined = decoded;
  for (let i = 0; i < 3; i++) {
    if (isAmbiguous(layer)) return true;
    if (!PERCENT_ESCAPE.test(layer)) return false; // a literal `%` (`100%25` -> `100%`) is no encoding
    layer = decodeSegment(layer);
    if (layer === undefined) return true;
  }
  return true;
}

/**
 * Parse the path part of an entry into decoded segments; `/v1/` and `/v1` both give `['v1']`.
 * Throws an Error saying why when the prefix itself is ambiguous.
 *
 * @example
 * parsePathPrefix('/v1/repos/') // ['v1', 'repos']
 */
export function parsePathPrefix(path: string): readonly string[] {
  const url = new URL(`http://h${path}`);
  if (url.search !== '' || url.hash !== '') throw new Error('a path prefix cannot have a query or fragment');
  const raw = url.pathname.split('/').slice(1);
  if (raw.at(-1) === '') raw.pop();
  return raw.map((segment) => {
    const decoded = decodeSegment(segment);
    if (decoded === undefined || decoded === '' || isAmbiguous(decoded)) {
      throw new Error(`path segment "${segment}" is empty, malformed or a traversal`);
    }
    return decoded;
  });
}

/**
 * Strict reading for allow entries: every segment must decode cleanly and be unambiguous, and the
 * first `prefix.length` segments must equal the prefix exactly (paths are case-sensitive).
 *
 * @example
 * allowsPath(['v1'], '/v1/users')    // true
 * allowsPath(['v1'], '/v1evil')      // false
 * allowsPath(['v1'], '/v1/..%2fadmin') // false
 */
export function allowsPath(prefix: readonly string[], pathname: string): boolean {
  if (prefix.length === 0) return true;
  if (!pathname.startsWith('/')) return false;
  let index = 0;
  let start = 1;
  for (;;) {
    const end = pathname.indexOf('/', start);
    const segment = decodeSegment(end === -1 ? pathname.slice(start) : pathname.slice(start, end));
    if (segment === undefined || hidesTraversal(segment)) return false;
    if (index < prefix.length && segment !== prefix[index]) return false;
    index++;
    if (end === -1) break;
    start = end + 1;
  }
  return index >= prefix.length;
}

function lenientDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed UTF-8: decode byte-wise so `%2f` still becomes `/`.
    return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/**
 * Lenient reading for deny entries: true when any reasonable server could map `pathname` under
 * `prefix`.
 *
 * @example
 * deniesPath(['admin'], '/v1/..%2fAdmin;x=1/users') // true
 */
export function deniesPath(prefix: readonly string[], pathname: string): boolean {
  if (prefix.length === 0) return true;
  const text = lenientDecode(lenientDecode(pathname));
  const segments: string[] = [];
  for (const part of text.split(/[/\\]/)) {
    const semicolon = part.indexOf(';');
    const segment = (semicolon === -1 ? part : part.slice(0, semicolon)).toLowerCase();
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (segments[i] !== prefix[i]!.toLowerCase()) return false;
  }
  return true;
}
