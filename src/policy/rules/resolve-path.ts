import { lstatSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';

/** Outcome of canonicalising an agent-supplied path. `code` is a stable rule id suffix. */
export type PathResolution = { ok: true; path: string } | { ok: false; code: string; message: string };

export interface ResolvePathOptions {
  /** Absolute, canonical directory that relative paths are resolved against. */
  base: string;
  /** Filesystem probe; injectable so tests can simulate races and errors. */
  fs?: PathFs;
  /**
   * A canonical directory whose ancestors the agent cannot change (no write scope covers them).
   * Paths below it are resolved component by component from there (two lstat calls for
   * `src/a.ts`) instead of by realpath(3) from `/`.
   */
  trustedRoot?: string;
}

/** The calls path resolution needs. `realpath` and `isSymlink` throw Node-style errors with a `code`. */
export interface PathFs {
  realpath(path: string): string;
  isSymlink(path: string): boolean;
  /**
   * Optional non-throwing lstat: `missing` for ENOENT (other errors still throw). Creating an
   * exception costs ~15 µs, which dominated checks of files about to be written.
   */
  probe?(path: string): 'missing' | 'symlink' | 'directory' | 'other';
}

export const nodePathFs: PathFs = {
  realpath: (p) => realpathSync.native(p),
  isSymlink: (p) => lstatSync(p).isSymbolicLink(),
  probe: (p) => {
    const stat = lstatSync(p, { throwIfNoEntry: false });
    if (stat === undefined) return 'missing';
    return stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : 'other';
  },
};

export const MAX_PATH_LENGTH = 4096;

// C0 and C1 controls, DEL, and the invisible/bidi characters that make a path read differently
// from what it is (soft hyphen U+00AD, Arabic letter mark U+061C, U+200B-U+200F, line/paragraph
// separators U+2028-U+2029, U+202A-U+202E, word joiners U+2060-U+2064, U+2066-U+2069, U+FEFF).
const FORBIDDEN_CHARS =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// Every `%` must start a `%XX` escape: `%u2215` (IIS), `%%32%65`, `%2%e`, `%bg%qf` are decoder tricks.
const LONE_PERCENT = /%(?![0-9a-fA-F]{2})/;
// A `..` segment that only appears after percent-decoding.
const DOT_DOT_SEGMENT = /(^|\/)\.\.(\/|$)/;
// Glob metacharacters: a tool that expands them would read another path (`.?/` matches `../`).
const GLOB_CHARS = /[*?]/;
// `C:/x`, `c:boot.ini`: absolute or drive-relative to Windows and to tools that pass paths there.
const DRIVE_LETTER = /^[A-Za-z]:/;
// `.`, `/` and `\` escaped in notations other than %XX (which is decoded and re-checked below):
// `0x2e0x2e0x2f` (dotdotpwn), `&#46;&#46;&#47;`, `&sol;`. Only something that decodes them would care.
// A `0x2e` followed by more hex digits is a number (`0x2e8a...` addresses), not an escape.
const ESCAPED_PATH_SYNTAX =
  /0x(?:2e|2f|5c)(?=0x|[^0-9a-f]|$)|&#(?:0*(?:46|47|92)|x0*(?:2e|2f|5c));|&(?:period|sol|bsol);/i;
const MAX_ENCODING_LAYERS = 4;

function fail(code: string, message: string): PathResolution {
  return { ok: false, code, message };
}

/**
 * Reject spellings that mean different things to different consumers: a tool that percent-decodes,
 * NFKC-normalises, expands globs or treats `\` as a separator must not reach a path the check did
 * not see. Each percent-decoding layer is checked like the original, and must not add a `..`
 * segment or a leading `/`.
 */
function checkSpelling(raw: string, layer = 0): PathResolution | undefined {
  if (raw.length === 0) return fail('empty', 'path is empty');
  if (raw.length > MAX_PATH_LENGTH)
    return fail('too-long', `path is longer than ${MAX_PATH_LENGTH} characters`);
  if (FORBIDDEN_CHARS.test(raw))
    return fail('control-character', 'path contains a control or invisible character');
  if (raw.includes('\ufffd')) {
    // U+FFFD marks bytes some decoder could not read; such a path cannot name the file it came from.
    return fail('replacement-character', 'path contains U+FFFD, the trace of a failed decoding');
  }
  if (raw.includes('\\'))
    return fail('backslash', 'path contains a backslash; only "/" separates directories');
  if (GLOB_CHARS.test(raw)) {
    return fail(
      'glob-character',
      'path contains "*" or "?"; a tool that expands globs would read another path',
    );
  }
  if (ESCAPED_PATH_SYNTAX.test(raw)) {
    return fail('escaped-separator', 'path contains an escaped ".", "/" or "\\" such as 0x2e or &#47;');
  }
  if (DRIVE_LETTER.test(raw)) return fail('drive-letter', 'path starts with a Windows drive such as "C:"');
  if (raw.startsWith('~')) {
    return fail(
      'home-relative',
      'path starts with "~"; home-relative paths are ambiguous, use a workspace path',
    );
  }
  if (layer > 0 && (DOT_DOT_SEGMENT.test(raw) || raw.startsWith('/'))) {
    return fail('encoded-traversal', 'path hides a traversal or an absolute path in percent-encoding');
  }
  for (const segment of raw.split('/')) {
    // `...`, `..;`, `..%00`: traversal tricks aimed at other parsers; never a real name an agent needs.
    if (segment.startsWith('..') && segment !== '..') {
      return fail('dot-segment', `path segment "${segment}" looks like a traversal trick`);
    }
    const folded = segment.normalize('NFKC');
    if (folded !== segment && (folded.includes('/') || folded.includes('\\') || folded.startsWith('..'))) {
      return fail(
        'confusable',
        `path segment "${segment}" turns into "${folded}" under Unicode normalisation`,
      );
    }
  }
  return raw.includes('%') ? checkPercentLayer(raw, layer) : undefined;
}

/** Decode one percent-encoding layer and check the result as a path of its own. */
function checkPercentLayer(raw: string, layer: number): PathResolution | undefined {
  if (LONE_PERCENT.test(raw)) {
    return fail('bad-encoding', 'path contains a "%" that does not start a %XX escape');
  }
  if (layer >= MAX_ENCODING_LAYERS) {
    return fail('encoded-traversal', `path is percent-encoded more than ${MAX_ENCODING_LAYERS} times`);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fail('bad-encoding', 'path contains malformed percent-encoding');
  }
  const inner = checkSpelling(decoded, layer + 1);
  if (!inner || inner.ok || inner.code === 'encoded-traversal' || inner.code === 'bad-encoding') return inner;
  return fail('encoded-traversal', `path percent-decodes to "${decoded}": ${inner.message}`);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/**
 * Resolve `raw` the way the kernel would open it: relative to `base`, `..` applied to the physical
 * parent (so `link/..` follows the link first), and symlinks followed for every part that exists.
 * The part that does not exist yet (a file about to be written) is appended lexically.
 *
 * @example
 * resolveAgentPath('notes/../out/a.txt', { base: '/srv/ws' }) // { ok: true, path: '/srv/ws/out/a.txt' }
 */
export function resolveAgentPath(raw: unknown, options: ResolvePathOptions): PathResolution {
  if (typeof raw !== 'string') return fail('not-a-string', 'path must be a string');
  const bad = checkSpelling(raw);
  if (bad) return bad;
  // A relative base would be resolved against the process cwd by realpath but against `/` below.
  if (!options.base.startsWith('/')) return fail('relative-base', 'base directory must be absolute');
  const fs = options.fs ?? nodePathFs;
  const joined = raw.startsWith('/') ? raw : `${options.base}/${raw}`;

  const trusted = options.trustedRoot;
  if (trusted !== undefined && fs.probe && joined.startsWith(`${trusted}/`)) {
    return walk(trusted, joined.slice(trusted.length + 1).split('/'), fs);
  }

  // Fast path: the whole path exists; realpath(3) applies physical `..` and follows every link.
  // (A missing final entry is seen without an exception when the probe says so; a dangling link
  // probes as present, fails realpath and takes the slow path, which reports it.)
  let tryRealpath = true;
  try {
    tryRealpath = fs.probe?.(joined) !== 'missing';
  } catch {
    // ENOTDIR and friends: let realpath report them.
  }
  if (tryRealpath) {
    try {
      return { ok: true, path: fs.realpath(joined) };
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT') return resolutionError(code);
    }
  }
  // Slow path: walk segment by segment until the first one that does not exist.
  return walk('/', joined.split('/'), fs);
}

/**
 * Resolve `segments` physically from the canonical directory `start`: `..` goes to the physical
 * parent, symlinks are followed, and the first missing segment ends the walk.
 */
function walk(start: string, segments: readonly string[], fs: PathFs): PathResolution {
  let current = start;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      current = posix.dirname(current); // `current` is canonical, so its parent is the physical parent
      continue;
    }
    const candidate = current === '/' ? `/${segment}` : `${current}/${segment}`;
    let symlink: boolean;
    try {
      const kind = fs.probe ? fs.probe(candidate) : fs.isSymlink(candidate) ? 'symlink' : 'directory';
      if (kind === 'missing') return appendMissing(candidate, segments.slice(i + 1));
      // `file.txt/..` and `file.txt/` are ENOTDIR to the kernel, not the file's directory.
      if (kind === 'other' && i + 1 < segments.length) {
        return fail('not-a-directory', `"${candidate}" is not a directory`);
      }
      symlink = kind === 'symlink';
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return appendMissing(candidate, segments.slice(i + 1));
      return resolutionError(code);
    }
    if (!symlink) {
      current = candidate;
      continue;
    }
    try {
      current = fs.realpath(candidate);
    } catch (error) {
      const code = errorCode(error);
      // A dangling link: writing through it would create its target wherever it points.
      if (code === 'ENOENT') return fail('dangling-symlink', `"${candidate}" is a symbolic link to nowhere`);
      return resolutionError(code);
    }
    if (i + 1 < segments.length && fs.probe && fs.probe(current) !== 'directory') {
      return fail('not-a-directory', `"${candidate}" does not lead to a directory`);
    }
  }
  return { ok: true, path: current };
}

/**
 * Append the segments after the first missing one. They cannot be symlinks (nothing below a missing
 * directory exists), but `..` among them could climb back into existing directories lexically and
 * land on a symlink unchecked (`missing/../link-to-etc/passwd`); the kernel refuses such a path
 * (ENOENT), and so do we.
 */
function appendMissing(missing: string, rest: readonly string[]): PathResolution {
  if (rest.includes('..')) {
    return fail('missing-parent', `"${missing}" does not exist, so ".." after it cannot be resolved`);
  }
  return { ok: true, path: posix.resolve(missing, ...rest) };
}

function resolutionError(code: string | undefined): PathResolution {
  switch (code) {
    case 'ELOOP':
      return fail('symlink-loop', 'path has a symbolic link loop');
    case 'ENOTDIR':
      return fail('not-a-directory', 'path goes through something that is not a directory');
    case 'ENAMETOOLONG':
      return fail('too-long', 'path is too long');
    case 'EACCES':
    case 'EPERM':
      return fail('unreadable', 'path could not be resolved: permission denied');
    default:
      return fail('unresolvable', `path could not be resolved (${code ?? 'unknown error'})`);
  }
}

/** True when `path` is `root` or lies below it. Both must be canonical absolute paths. */
export function isWithin(path: string, root: string): boolean {
  if (root === '/') return path.startsWith('/');
  return path === root || (path.startsWith(root) && path.charCodeAt(root.length) === 47); /* '/' */
}
