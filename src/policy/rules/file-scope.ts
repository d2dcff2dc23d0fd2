import { posix } from 'node:path';
import { isWithin, type PathFs, type PathResolution, resolveAgentPath } from './resolve-path.js';

export type FileAccess = 'read' | 'write';

/** Canonical roots an agent may read and write, compiled from `files.read` / `files.write`. */
export interface FileScope {
  /** Canonical workspace root: relative paths start here. */
  workspace: string;
  read: readonly string[];
  write: readonly string[];
  /** Path globs refused even inside a scope (e.g. `**\/.env`), compiled. */
  deny: readonly { pattern: string; regex: RegExp }[];
  /**
   * The workspace, when it existed at compile time and no write scope covers its parent: then the
   * agent cannot swap it or an ancestor for a symlink, and paths below it resolve from there.
   */
  trustedRoot?: string;
}

/**
 * The workspace as a trusted resolution root, or undefined when the agent could replace it (a
 * write scope covers its parent) or it is not canonical (it did not exist when compiled).
 */
export function trustedWorkspaceRoot(
  workspace: string,
  write: readonly string[],
  exists: boolean,
): string | undefined {
  if (!exists || workspace === '/') return undefined;
  const parent = posix.dirname(workspace);
  return write.some((root) => isWithin(parent, root)) ? undefined : workspace;
}

export type PathCheck =
  { ok: true; path: string } | { ok: false; rule: string; message: string; path?: string };

// Kernel interfaces: reading /proc/self/environ or writing /dev/sda is never a file operation an agent
// gets by accident; only a scope that names them explicitly opens them.
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Check that an agent-supplied path, once canonical, lies inside the scope for `access`.
 *
 * @example
 * checkPath(scope, '../etc/passwd', 'read') // { ok: false, rule: 'paths.outside-scope', ... }
 */
export function checkPath(
  scope: FileScope,
  raw: unknown,
  access: FileAccess,
  options: { cwd?: string; fs?: PathFs } = {},
): PathCheck {
  const resolved: PathResolution = resolveAgentPath(raw, {
    base: options.cwd ?? scope.workspace,
    ...(options.fs ? { fs: options.fs } : {}),
    ...(scope.trustedRoot !== undefined ? { trustedRoot: scope.trustedRoot } : {}),
  });
  if (!resolved.ok) return { ok: false, rule: `paths.${resolved.code}`, message: resolved.message };
  const path = resolved.path;
  const roots = access === 'write' ? scope.write : scope.read;
  const containing = roots.filter((root) => isWithin(path, root));
  if (containing.length === 0) {
    const which = access === 'write' ? 'files.write' : 'files.read';
    return {
      ok: false,
      rule: 'paths.outside-scope',
      message: `${access} of "${path}" is outside ${which}${roots.length === 0 ? ' (none granted)' : ''}`,
      path,
    };
  }
  for (const special of SPECIAL_ROOTS) {
    // Opened only by a root that itself lies in the special tree and contains the path: granting
    // `/dev/null` next to `/` must not open `/dev/sda`.
    if (isWithin(path, special) && !containing.some((root) => isWithin(root, special))) {
      return { ok: false, rule: 'paths.special-filesystem', message: `"${path}" is in ${special}`, path };
    }
  }
  for (const d of scope.deny) {
    if (d.regex.test(path)) {
      return {
        ok: false,
        rule: 'paths.denied-pattern',
        message: `"${path}" matches files.deny "${d.pattern}"`,
        path,
      };
    }
  }
  return { ok: true, path };
}

/**
 * Compile a `files.deny` glob: `**` spans directories, `*` and `?` stay within one segment. A pattern
 * without `/` matches the file name anywhere (like `.gitignore`).
 */
export function compilePathGlob(pattern: string, workspace: string): RegExp {
  let glob = pattern;
  if (!glob.includes('/')) glob = `**/${glob}`;
  else if (!glob.startsWith('/') && !glob.startsWith('**')) glob = posix.join(workspace, glob);
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // Also deny everything below a denied directory.
  return new RegExp(`^${re.startsWith('(?:.*/)?') ? `/${re}` : re}(?:/.*)?$`);
}
