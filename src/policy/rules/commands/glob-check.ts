import { readdirSync } from 'node:fs';
import { posix } from 'node:path';

/** Most matches a glob may have before it is refused rather than checked file by file. */
export const MAX_GLOB_MATCHES = 1000;

/** Split a glob pattern (quoted metacharacters backslash-escaped) into `/`-separated segments. */
export function globSegments(pattern: string): string[] {
  return pattern.split('/');
}

/** Whether a segment has an unescaped `*`, `?` or `[`. */
export function segmentHasGlob(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Remove the escaping backslashes of a literal segment. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

type GlobToken = { star: true } | { star: false; test: (c: string) => boolean };

/**
 * Compile a glob segment into tokens that match at least every name bash matches (character classes
 * such as `[[:alpha:]]` are widened to any character): over-matching only means more files are
 * checked. Matching is linear-time, unlike a backtracking RegExp built from `*a*a*a…`.
 */
export function compileSegment(segment: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) {
      const literal = segment[++i]!;
      tokens.push({ star: false, test: (x) => x === literal });
    } else if (c === '*') {
      if (!tokens.at(-1)?.star) tokens.push({ star: true });
    } else if (c === '?') tokens.push({ star: false, test: () => true });
    else if (c === '[' && bracketExpression(segment, i)) {
      const bracket = bracketExpression(segment, i)!;
      tokens.push({ star: false, test: (x) => bracket.regex.test(x) });
      i = bracket.end;
    } else tokens.push({ star: false, test: (x) => x === c });
  }
  return tokens;
}

/** Whether a name matches compiled segment tokens (by code point, as bash matches characters). */
export function matchSegment(tokens: readonly GlobToken[], name: string): boolean {
  const chars = Array.from(name);
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < chars.length) {
    const token = tokens[t];
    if (token && !token.star && token.test(chars[n]!)) {
      t++;
      n++;
    } else if (token?.star) {
      starT = t++;
      starN = n;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.star) t++;
  return t === tokens.length;
}

/**
 * A bash bracket expression starting at `open`: `[abc]`, `[a-z]`, `[!.]`, `[^.]`, as a RegExp for
 * one character. Character classes (`[[:alpha:]]`) and escapes inside are widened to any character,
 * so it never matches less than bash does.
 */
function bracketExpression(segment: string, open: number): { regex: RegExp; end: number } | undefined {
  let j = open + 1;
  const negated = segment[j] === '!' || segment[j] === '^';
  if (negated) j++;
  const start = j;
  if (segment[j] === ']') j++;
  let widened = false;
  while (j < segment.length && segment[j] !== ']') {
    const c = segment[j]!;
    const kind = segment[j + 1];
    if (c === '[' && (kind === ':' || kind === '.' || kind === '=')) {
      // `[:alpha:]`, `[.x.]`, `[=a=]`: skip to the matching `:]`, `.]`, `=]`.
      const close = segment.indexOf(`${kind}]`, j + 2);
      if (close < 0) return undefined;
      j = close + 2;
      widened = true;
    } else {
      if (c === '\\') {
        widened = true;
        j++;
      }
      j++;
    }
  }
  if (j >= segment.length) return undefined;
  if (widened) return { regex: /^[\s\S]$/u, end: j };
  const set = segment.slice(start, j).replace(/[\\\]^[]/g, '\\$&');
  return { regex: new RegExp(negated ? `^[^${set}]$` : `^[${set}]$`, 'u'), end: j };
}

/** bash only matches a leading `.` written literally (no dotglob): `*` never matches `.git`, `.*` does. */
export function startsWithLiteralDot(segment: string): boolean {
  return segment.startsWith('.') || segment.startsWith('\\.');
}

/** Whether a glob segment could match `.` or `..` (bash before 5.2 lets `.*` match both). */
export function canMatchDotDirs(segment: string): boolean {
  if (!startsWithLiteralDot(segment)) return false;
  const tokens = compileSegment(segment);
  return matchSegment(tokens, '.') || matchSegment(tokens, '..');
}

/**
 * Expand glob segments below an existing directory the way bash would, collecting up to `limit + 1`
 * matches (the caller refuses more than `limit`). Unreadable directories match nothing.
 */
export function expandGlob(dir: string, segments: readonly string[], limit: number): string[] {
  const out: string[] = [];
  walk(dir, 0);
  return out;

  function walk(at: string, index: number): void {
    if (out.length > limit) return;
    if (index === segments.length) {
      out.push(at);
      return;
    }
    const segment = segments[index]!;
    if (segment === '') {
      walk(at, index + 1);
      return;
    }
    if (!segmentHasGlob(segment)) {
      walk(posix.join(at, unescapeSegment(segment)), index + 1);
      return;
    }
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    const tokens = compileSegment(segment);
    const dots = startsWithLiteralDot(segment);
    for (const name of names) {
      if (name.startsWith('.') && !dots) continue;
      if (matchSegment(tokens, name)) walk(posix.join(at, name), index + 1);
      if (out.length > limit) return;
    }
  }
}
