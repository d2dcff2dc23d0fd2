// The file tools take the policy's own FileScope, so the tool and the policy can never disagree about
// what is in scope. For callers without a compiled profile, `compileToolFileScope` builds the same
// structure from plain absolute directories the way `compileProfile` does.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  checkPath,
  compilePathGlob,
  type FileAccess,
  type FileScope,
  trustedWorkspaceRoot,
} from '../../policy/rules/file-scope.js';
import { denied, invalidArgument } from './errors.js';

/** The simplest scope description: absolute directories and `files.deny`-style globs. */
export interface FileScopeConfig {
  /** Absolute directory relative paths start from. */
  workspace: string;
  /** Directories the tools may read (and list). Default: none. */
  read?: readonly string[];
  /** Directories the tools may write. Default: none. */
  write?: readonly string[];
  /** Globs refused even inside a scope, e.g. `**\/.env`, `*.pem`. */
  deny?: readonly string[];
}

function canonicalDir(where: string, dir: unknown): string {
  if (typeof dir !== 'string' || !isAbsolute(dir)) {
    throw invalidArgument(where, 'must be an absolute directory path');
  }
  const abs = resolve(dir);
  return existsSync(abs) ? realpathSync.native(abs) : abs;
}

/**
 * Build a {@link FileScope} from plain directories, canonicalising them like `compileProfile` does.
 *
 * @example
 * const scope = compileToolFileScope({ workspace: '/srv/ws', read: ['/srv/ws'], write: ['/srv/ws/out'], deny: ['**\/.env'] });
 * checkPath(scope, '.env', 'read').ok // false
 */
export function compileToolFileScope(config: FileScopeConfig): FileScope {
  if (typeof config !== 'object' || config === null) throw invalidArgument('scope', 'must be an object');
  const workspace = canonicalDir('scope.workspace', config.workspace);
  const write = (config.write ?? []).map((d, i) => canonicalDir(`scope.write[${i}]`, d));
  const read = (config.read ?? []).map((d, i) => canonicalDir(`scope.read[${i}]`, d));
  const deny = (config.deny ?? []).map((pattern, i) => {
    if (typeof pattern !== 'string' || pattern.length === 0) {
      throw invalidArgument(`scope.deny[${i}]`, 'must be a non-empty glob');
    }
    return { pattern, regex: compilePathGlob(pattern, workspace) };
  });
  const trustedRoot = trustedWorkspaceRoot(workspace, write, existsSync(workspace));
  return { workspace, read, write, deny, ...(trustedRoot !== undefined ? { trustedRoot } : {}) };
}

/** True when `scope` is already compiled (deny entries carry their regex). */
function isCompiled(scope: FileScope | FileScopeConfig): scope is FileScope {
  const deny = (scope as { deny?: unknown }).deny;
  return (
    Array.isArray(deny) &&
    deny.every(
      (d: unknown) =>
        typeof d === 'object' && d !== null && (d as FileScope['deny'][0]).regex instanceof RegExp,
    )
  );
}

/** A compiled scope as given, or one compiled from a {@link FileScopeConfig}. */
export function toFileScope(scope: FileScope | FileScopeConfig): FileScope {
  if (typeof scope !== 'object' || scope === null) throw invalidArgument('scope', 'must be an object');
  return isCompiled(scope) ? scope : compileToolFileScope(scope);
}

// Rules that say the argument itself is malformed rather than out of scope.
const MALFORMED_RULES = new Set(['paths.not-a-string', 'paths.empty']);

/**
 * Run the policy's path check and throw the refusal as a WardenError: DENIED with the rule for scope,
 * spelling and symlink refusals, INVALID_ARGUMENT for a missing or empty path. Returns the canonical path.
 *
 * @example
 * checkToolPath(scope, 'src/../notes.txt', 'read') // '/srv/ws/notes.txt'
 * checkToolPath(scope, '../etc/passwd', 'read')    // throws DENIED (paths.outside-scope)
 */
export function checkToolPath(scope: FileScope, raw: unknown, access: FileAccess, arg = 'path'): string {
  const result = checkPath(scope, raw, access);
  if (result.ok) return result.path;
  if (MALFORMED_RULES.has(result.rule)) throw invalidArgument(arg, result.message);
  throw denied(result.rule, `${arg}: ${result.message}`);
}

/** True when `path` is exactly one of the scope's roots for `access`. */
export function isScopeRoot(scope: FileScope, path: string, access: FileAccess): boolean {
  return (access === 'write' ? scope.write : scope.read).includes(path);
}
