import { lstatSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';

/** Outcome of canonicalising an agent-supplied path. `code` is a stable rule id suffix. */
export type PathResolution = { ok: true; path: string } | { ok: false; code: string; message: string };

export interface ResolvePathOptions {
  /** Absolute, canonical directory that relative paths are resolved against. */
  base: string;
  /** Filesystem probe; injectable so tests can simulate races and errors. */
  fs?: PathFs;
}

/** The two calls path resolution needs. Both throw Node-style errors with a `code`. */
export interface PathFs {
  realpath(path: string): string;
  isSymlink(path: string): boolean;
}

export const nodePathFs: PathFs = {
  realpath: (p) => realpathSync.native(p),
  isSymlink: (p) => lstatSync(p).isSymbolicLink(),
};

export const MAX_PATH_LENGTH = 4096;

// C0 and C1 controls, DEL, and the invisible/bidi characters that make a path read differently
// from what it is (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF).
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const PERCENT_ESCAPE = /%[0-9a-fA-F]{2}/;

function fail(code: string, message: string): PathResolution {
  return { ok: false, code, message };
}

/**
 * Reject spellings that mean different things to different consumers: a tool that percent-decodes,
 * NFKC-normalises or treats `\` as a separator must not reach a path the check did not see.
 */
function checkSpelling(raw: string): PathResolution | undefined {
  if (raw.length === 0) return fail('empty', 'path is empty');
  if (raw.length > MAX_PATH_LENGTH)
    return fail('too-long', `path is longer than ${MAX_PATH_LENGTH} characters`);
  if (FORBIDDEN_CHARS.test(raw))
    return fail('control-character', 'path contains a control or invisible character');
  if (raw.includes('\\'))
    return fail('backslash', 'path contains a backslash; only "/" separates directories');
  if (raw.startsWith('~')) {
    return fail(
      'home-relative',
      'path starts with "~"; home-relative paths are ambiguous, use a workspace path',
    );
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
  if (PERCENT_ESCAPE.test(raw)) {
    // Decode a few layers; any layer that would traverse or hide characters is refused outright.
    let layer = raw;
    for (let i = 0; i < 4 && PERCENT_ESCAPE.test(layer); i++) {
      let next: string;
      try {
        next = decodeURIComponent(layer);
      } catch {
        return fail('bad-encoding', 'path contains malformed percent-encoding');
      }
      if (next === layer) break;
      layer = next;
      if (
        FORBIDDEN_CHARS.test(layer) ||
        layer.includes('\\') ||
        /(^|\/)\.\.(\/|$)/.test(layer) ||
        layer.startsWith('/')
      ) {
        return fail('encoded-traversal', 'path hides a traversal or control character in percent-encoding');
      }
    }
  }
  return undefined;
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
  const fs = options.fs ?? nodePathFs;
  const joined = raw.startsWith('/') ? raw : `${options.base}/${raw}`;

  // Fast path: the whole path exists; realpath(3) applies physical `..` and follows every link.
  try {
    return { ok: true, path: fs.realpath(joined) };
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT') return resolutionError(code);
  }

  // Slow path: walk segment by segment until the first one that does not exist.
  const segments = joined.split('/');
  let current = '/';
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
      symlink = fs.isSymlink(candidate);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return { ok: true, path: posix.resolve(candidate, ...segments.slice(i + 1)) };
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
  }
  return { ok: true, path: current };
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
  return path === root || (path.startsWith(root) && path.charCodeAt(root.length) === 47) /* '/' */;
}
