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

/**
 * A regular expression matching at least every name the segment matches in bash (`[…]` is widened
 * to any one character): over-matching only means more files are checked.
 */
export function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) {
      re += escapeRegex(segment[++i]!);
    } else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const bracket = bracketExpression(segment, i);
      if (bracket) {
        re += bracket.regex;
        i = bracket.end;
      } else re += '\\[';
    } else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * A bash bracket expression starting at `open`: `[abc]`, `[a-z]`, `[!.]`, `[^.]`. Character classes
 * (`[[:alpha:]]`) and escapes inside are widened to any character, so the result never matches less
 * than bash does.
 */
function bracketExpression(segment: string, open: number): { regex: string; end: number } | undefined {
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
  const body = segment.slice(start, j);
  if (widened) return { regex: '.', end: j };
  const set = body.replace(/[\\\]^]/g, '\\$&');
  return { regex: negated ? `[^${set}]` : `[${set}]`, end: j };
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** bash only matches a leading `.` written literally (no dotglob): `*` never matches `.git`, `.*` does. */
export function startsWithLiteralDot(segment: string): boolean {
  return segment.startsWith('.') || segment.startsWith('\\.');
}

/** Whether a glob segment could match `.` or `..` (bash before 5.2 lets `.*` match both). */
export function canMatchDotDirs(segment: string): boolean {
  if (!startsWithLiteralDot(segment)) return false;
  const re = segmentRegex(segment);
  return re.test('.') || re.test('..');
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
    if (segment === '') return walk(at, index + 1);
    if (!segmentHasGlob(segment)) return walk(posix.join(at, unescapeSegment(segment)), index + 1);
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    const re = segmentRegex(segment);
    const dots = startsWithLiteralDot(segment);
    for (const name of names) {
      if (name.startsWith('.') && !dots) continue;
      if (re.test(name)) walk(posix.join(at, name), index + 1);
      if (out.length > limit) return;
    }
  }
}
