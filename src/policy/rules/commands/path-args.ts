import { posix } from 'node:path';
import { checkPath, type FileAccess, type FileScope, type PathCheck } from '../file-scope.js';
import { nodePathFs, type PathFs } from '../resolve-path.js';
import {
  canMatchDotDirs,
  expandGlob,
  globSegments,
  MAX_GLOB_MATCHES,
  segmentHasGlob,
  unescapeSegment,
} from './glob-check.js';
import { isPathLike } from './option-parser.js';
import { quote } from './reasons.js';
import { globPattern, hasGlob, type ShellWord } from './shell-word.js';

export interface PathContext {
  scope: FileScope;
  fs?: PathFs;
}

export type Problem = { rule: string; message: string };

// Streams every program may use, whatever the scopes say.
const STDIO_READ = new Set(['/dev/null', '/dev/stdin', '/dev/fd/0']);
const STDIO_WRITE = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/fd/1', '/dev/fd/2']);
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const FILE_URL = /^file:/i;
// Spelling refusals that only matter for a word that is really a path: a bare word such as a grep
// pattern `a\|b` or a printf format is fine as long as it does not name a symlink in the directory.
const SPELLING_ONLY = new Set([
  'paths.backslash',
  'paths.control-character',
  'paths.replacement-character',
  'paths.too-long',
  'paths.bad-encoding',
  'paths.empty',
  'paths.glob-character',
  'paths.drive-letter',
  'paths.escaped-separator',
  'paths.dot-segment',
]);
// In a path, these name a file only after the program substitutes or expands them (`out_%d.png`,
// a quoted `'src/**/*.ts'` handed to the tool): the directory before them is what can be checked.
const PROGRAM_PATTERN = /[%*?]/;
// Go's package pattern: `./...` means the packages below `.`; only the directory part is a path.
const GO_PACKAGE_PATTERN = /^(.*?)\/\.\.\.$/;

/** Whether a word is a standard stream the program may always use (`/dev/null`, `-`). */
export function isStdio(value: string, access: FileAccess): boolean {
  return value === '-' || (access === 'read' ? STDIO_READ : STDIO_WRITE).has(value);
}

/**
 * Check a word the program may open as a file against the scopes, from every directory relative
 * paths could start in. `strict`: the word is a path by its role; otherwise a bare word (no `/`, no
 * leading `.` or `~`) is only refused for what it resolves to, not for how it is spelled.
 */
export function checkPathWord(
  word: ShellWord,
  access: FileAccess,
  strict: boolean,
  bases: readonly string[],
  ctx: PathContext,
): Problem[] {
  const v = word.value;
  if (v === '' || isStdio(v, access)) return [];
  if (FILE_URL.test(v)) return [{ rule: 'file-url', message: `file: URL ${quote(v)} reads local files` }];
  if (URL_LIKE.test(v)) return [];
  if (hasGlob(word)) return checkGlob(word, access, bases, ctx);
  const pathLike = strict || isPathLike(v);
  let target = GO_PACKAGE_PATTERN.exec(v)?.[1] || v;
  if (pathLike && PROGRAM_PATTERN.test(target)) {
    const dir = patternDirectory(target);
    if (dir === undefined)
      return [{ rule: 'glob', message: `pattern ${quote(v)} climbs out with ".." after a wildcard` }];
    target = dir;
  }
  const problems: Problem[] = [];
  for (const base of v.startsWith('/') ? bases.slice(0, 1) : bases) {
    const r = checkPath(ctx.scope, target, access, { cwd: base, ...(ctx.fs ? { fs: ctx.fs } : {}) });
    if (r.ok) continue;
    if (
      !pathLike &&
      (SPELLING_ONLY.has(r.rule) || (r.rule === 'paths.encoded-traversal' && !decodesToPath(v)))
    ) {
      const p = bareWordSymlink(v, base, ctx);
      if (p) problems.push(p);
      continue;
    }
    problems.push(pathProblem(r, v));
  }
  return problems;
}

// `%10c`, `JobName%100`: format strings, not encodings. A bare word only matters to a program that
// percent-decodes it if the decoding makes a path out of it.
function decodesToPath(value: string): boolean {
  let layer = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(layer);
    } catch {
      return false;
    }
    if (next.includes('/') || next.includes('\\') || next.includes('..')) return true;
    if (next === layer) return false;
    layer = next;
  }
  return true;
}

/** The directory part before the first segment with a wildcard; undefined if `..` follows it. */
function patternDirectory(path: string): string | undefined {
  const segments = path.split('/');
  const first = segments.findIndex((s) => PROGRAM_PATTERN.test(s));
  if (segments.slice(first).includes('..')) return undefined;
  return segments.slice(0, first).join('/') || (path.startsWith('/') ? '/' : '.');
}

/** Resolve a word from each base; the canonical paths of the checks that passed. */
export function resolvedPaths(
  word: ShellWord,
  access: FileAccess,
  bases: readonly string[],
  ctx: PathContext,
): string[] {
  const out: string[] = [];
  for (const base of bases) {
    const r = checkPath(ctx.scope, word.value, access, { cwd: base, ...(ctx.fs ? { fs: ctx.fs } : {}) });
    if (r.ok) out.push(r.path);
  }
  return out;
}

function pathProblem(r: Exclude<PathCheck, { ok: true }>, value: string): Problem {
  return { rule: r.rule, message: `${quote(value)}: ${r.message}` };
}

// A bare word the path rules would not accept as a name can still be a symlink planted in the
// directory; that, and only that, matters when the program opens it.
function bareWordSymlink(value: string, base: string, ctx: PathContext): Problem | undefined {
  if (value.includes('/')) return undefined;
  try {
    const isLink = (ctx.fs ?? nodePathFs).isSymlink(`${base}/${value}`);
    return isLink ? { rule: 'paths.symlink', message: `${quote(value)} is a symbolic link` } : undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return undefined;
    return {
      rule: 'paths.unresolvable',
      message: `${quote(value)} could not be checked (${code ?? 'error'})`,
    };
  }
}

/**
 * A glob is checked twice: its fixed directory part like any path, then every file it matches right
 * now (a matched name may be a symlink out of the workspace). A segment that could match `..` is
 * refused outright.
 */
function checkGlob(
  word: ShellWord,
  access: FileAccess,
  bases: readonly string[],
  ctx: PathContext,
): Problem[] {
  const segments = globSegments(globPattern(word));
  const first = segments.findIndex(segmentHasGlob);
  for (const s of segments.slice(first)) {
    if (segmentHasGlob(s) && canMatchDotDirs(s)) {
      return [{ rule: 'glob', message: `glob ${quote(word.raw)} can match ".." (the parent directory)` }];
    }
  }
  const absolute = word.value.startsWith('/');
  const prefix = segments.slice(0, first).map(unescapeSegment).join('/') || (absolute ? '/' : '.');
  const problems: Problem[] = [];
  for (const base of absolute ? bases.slice(0, 1) : bases) {
    const opts = { cwd: base, ...(ctx.fs ? { fs: ctx.fs } : {}) };
    const dir = checkPath(ctx.scope, prefix, 'read', opts);
    if (!dir.ok) {
      problems.push(pathProblem(dir, prefix));
      continue;
    }
    const matches = expandGlob(dir.path, segments.slice(first), MAX_GLOB_MATCHES);
    if (matches.length > MAX_GLOB_MATCHES) {
      problems.push({
        rule: 'glob',
        message: `glob ${quote(word.raw)} matches more than ${MAX_GLOB_MATCHES} files; narrow it`,
      });
      continue;
    }
    for (const m of matches) {
      const r = checkPath(ctx.scope, m, access, ctx.fs ? { fs: ctx.fs } : {});
      if (!r.ok)
        problems.push({
          rule: r.rule,
          message: `glob ${quote(word.raw)} matches ${quote(posix.basename(m))}: ${r.message}`,
        });
    }
  }
  return problems;
}
