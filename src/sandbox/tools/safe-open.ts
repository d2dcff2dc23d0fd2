// Closing the gap between "the policy checked this path" and "the tool opened it".
//
// checkPath resolves a path once, by name. Anyone who can change the tree afterwards (a sandboxed
// shell, another agent, a second call racing this one) can swap a checked directory for a symlink and
// have a plain `open(path)` land outside the scope. Node has no openat(2), so we get its semantics
// from procfs: `/proc/self/fd/<dirfd>/<name>` is looked up inside the directory the fd already holds,
// whatever has happened to that directory's name since. Every component of the canonical path is
// opened that way from `/` down with O_NOFOLLOW (and O_DIRECTORY for directories): a symlink anywhere
// fails the open instead of being followed. Finally the kernel's name for the opened fd is compared
// with the checked path, which also catches a directory renamed out of the scope mid-walk.
import { constants, existsSync, promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { denied, errnoCode, fsError, invalidArgument } from './errors.js';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW } = constants;

// O_PATH (Linux): an fd that only anchors lookups, so walking needs search (x) permission on a
// directory, not read (r), exactly like a plain open(2) by name. Node does not export the constant;
// it is 010000000 on every architecture Node ships for except alpha, parisc and sparc.
const GENERIC_O_PATH_ARCHES = new Set([
  'x64',
  'arm64',
  'arm',
  'ia32',
  'ppc64',
  's390x',
  'riscv64',
  'loong64',
]);
const O_PATH = process.platform === 'linux' && GENERIC_O_PATH_ARCHES.has(process.arch) ? 0o10000000 : 0;

/** Flags for a directory component: no symlink, must be a directory. */
export const DIR_FLAGS = (O_PATH || O_RDONLY) | O_DIRECTORY | O_NOFOLLOW;

let procChecked = false;

/** Fail closed where procfs is missing (not Linux, or /proc not mounted): there is no safe walk. */
function requireProc(): void {
  if (procChecked) return;
  if (process.platform !== 'linux' || !existsSync('/proc/self/fd')) {
    throw new WardenError(
      WardenErrorCode.SandboxUnavailable,
      'the file tools need Linux with /proc mounted to open paths without following symlinks',
    );
  }
  procChecked = true;
}

/** The procfs path of an open fd, or of `name` inside the directory it holds (openat semantics). */
export function procPath(dir: FileHandle, name?: string): string {
  return name === undefined ? `/proc/self/fd/${dir.fd}` : `/proc/self/fd/${dir.fd}/${name}`;
}

/** Where a safe open happens: the argument name and the canonical path, for messages. */
export interface OpenContext {
  arg: string;
  /** The canonical path the policy checked. */
  path: string;
  /** Added to the message when a directory stands where a file was expected (`use fs.list`). */
  directoryHint?: string;
}

/** Testing seam: runs between opening components, to simulate a concurrent swap deterministically. */
export type WalkHook = (opened: string) => void | Promise<void>;

/** `lstat` of `name` inside `dir` without following it; undefined when it does not exist. */
export async function lstatAt(dir: FileHandle, name: string): Promise<Stats | undefined> {
  try {
    return await fsp.lstat(procPath(dir, name));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Explain a failed O_NOFOLLOW open of `name` in `dir`: a symlink there is a refusal (the path changed
 * since it was checked, or points elsewhere), anything else an ordinary file error.
 */
async function explainOpenError(
  dir: FileHandle,
  name: string,
  shown: string,
  ctx: OpenContext,
  error: unknown,
): Promise<WardenError> {
  const code = errnoCode(error);
  if (code === 'ELOOP' || code === 'ENOTDIR' || code === 'EMLINK') {
    const stat = await lstatAt(dir, name).catch(() => undefined);
    if (code === 'ELOOP' || stat?.isSymbolicLink()) {
      return denied(
        'fs.symlink',
        `${ctx.arg}: "${shown}" is a symbolic link at the time of use; the file tools never follow links`,
      );
    }
    if (code === 'ENOTDIR' && stat) return invalidArgument(ctx.arg, `"${shown}" is not a directory`);
  }
  return fsError(ctx.arg, shown, error);
}

/**
 * Open `name` inside `dir` with O_NOFOLLOW added to `flags`. Symlinks and OS errors become WardenErrors.
 *
 * @example
 * const sub = await openAt(dir, 'src', DIR_FLAGS, ctx, '/srv/ws/src');
 */
export async function openAt(
  dir: FileHandle,
  name: string,
  flags: number,
  ctx: OpenContext,
  shown: string,
  mode?: number,
): Promise<FileHandle> {
  try {
    return await fsp.open(procPath(dir, name), flags | O_NOFOLLOW, mode);
  } catch (error) {
    throw await explainOpenError(dir, name, shown, ctx, error);
  }
}

/**
 * Open the directory `path` (canonical, absolute) component by component from `/`, refusing symlinks
 * everywhere. The caller closes the returned handle.
 *
 * @example
 * const dir = await openDirectory('/srv/ws/out', { arg: 'path', path: '/srv/ws/out/a.txt' });
 * try { await fsp.readFile(procPath(dir, 'a.txt')); } finally { await dir.close(); }
 */
export async function openDirectory(path: string, ctx: OpenContext, hook?: WalkHook): Promise<FileHandle> {
  requireProc();
  if (!path.startsWith('/'))
    throw new WardenError(WardenErrorCode.Internal, `${ctx.arg}: path is not absolute`);
  let current = await fsp.open('/', DIR_FLAGS);
  let walked = '';
  try {
    for (const segment of path.split('/')) {
      if (segment === '') continue;
      if (segment === '.' || segment === '..') {
        throw new WardenError(WardenErrorCode.Internal, `${ctx.arg}: path is not canonical`);
      }
      if (hook) await hook(walked || '/');
      walked = `${walked}/${segment}`;
      const next = await openAt(current, segment, DIR_FLAGS, ctx, walked);
      await current.close();
      current = next;
    }
    await verifyOpened(current, path, ctx);
    return current;
  } catch (error) {
    await current.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Check that the kernel's name for the opened fd is `expected`: a directory on the walked path that
 * was renamed elsewhere meanwhile would otherwise take the open out of scope unnoticed.
 */
export async function verifyOpened(handle: FileHandle, expected: string, ctx: OpenContext): Promise<void> {
  let actual: string;
  try {
    actual = await fsp.readlink(procPath(handle));
  } catch (error) {
    throw fsError(ctx.arg, expected, error);
  }
  if (actual !== expected) {
    throw denied(
      'fs.path-changed',
      `${ctx.arg}: "${expected}" was moved or replaced while it was being opened`,
    );
  }
}

/**
 * Open the regular file `name` inside `dir` for `flags` (O_NOFOLLOW added). Where O_PATH exists the
 * entry is first opened as a bare reference and checked with fstat, so a FIFO, socket or device is
 * refused without ever being opened for I/O (opening a device can have effects; a FIFO would block);
 * the regular file is then reopened through its fd, which cannot reach another inode. Returns the
 * handle and its stat. Directories are INVALID_ARGUMENT, symlinks and special files DENIED.
 *
 * @example
 * const { handle, stat } = await openRegularFile(dir, 'notes.txt', constants.O_RDONLY, ctx, '/srv/ws/notes.txt');
 */
export async function openRegularFile(
  dir: FileHandle,
  name: string,
  flags: number,
  ctx: OpenContext,
  shown: string,
): Promise<{ handle: FileHandle; stat: Stats }> {
  // Without O_PATH: the real flags plus O_NONBLOCK (a FIFO then opens at once and fstat refuses it).
  const probeFlags = O_PATH
    ? O_PATH
    : (flags & ~(constants.O_CREAT | constants.O_TRUNC)) | constants.O_NONBLOCK;
  const probe = await openAt(dir, name, probeFlags, ctx, shown);
  let keep = false;
  try {
    const stat = await probe.stat();
    refuseIrregular(stat, ctx, shown);
    if (!O_PATH) {
      keep = true;
      return { handle: probe, stat };
    }
    const handle = await fsp.open(procPath(probe), flags).catch((error: unknown) => {
      throw fsError(ctx.arg, shown, error);
    });
    try {
      const again = await handle.stat();
      if (again.ino !== stat.ino || again.dev !== stat.dev) {
        throw denied('fs.path-changed', `${ctx.arg}: "${shown}" was replaced while it was being opened`);
      }
      return { handle, stat: again };
    } catch (error) {
      await handle.close();
      throw error;
    }
  } finally {
    if (!keep) await probe.close();
  }
}

/** Throw unless `stat` is a regular file (after an O_NOFOLLOW open a symlink may show up here). */
export function refuseIrregular(stat: Stats, ctx: OpenContext, shown: string): void {
  if (stat.isFile()) return;
  if (stat.isSymbolicLink()) {
    throw denied(
      'fs.symlink',
      `${ctx.arg}: "${shown}" is a symbolic link; the file tools never follow links`,
    );
  }
  if (stat.isDirectory()) {
    throw invalidArgument(
      ctx.arg,
      `"${shown}" is a directory${ctx.directoryHint ? `; ${ctx.directoryHint}` : ''}`,
    );
  }
  throw denied(
    'fs.not-regular-file',
    `${ctx.arg}: "${shown}" is not a regular file (FIFO, socket or device)`,
  );
}

/** Split a canonical absolute path into its parent directory and final name ('' for `/`). */
export function splitParent(path: string): { dir: string; name: string } {
  const slash = path.lastIndexOf('/');
  return { dir: slash <= 0 ? '/' : path.slice(0, slash), name: path.slice(slash + 1) };
}
