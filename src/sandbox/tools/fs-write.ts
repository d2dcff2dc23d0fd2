// fs.write: never half-written, never through a link. `create` and `overwrite` write a temporary file
// beside the target (O_CREAT|O_EXCL|O_NOFOLLOW, 0600), fsync it and then link (create: fails if the
// target exists) or rename (overwrite) it into place, so a reader sees the old file or the new one and
// a failure leaves neither a partial target nor a stray temporary file. `append` cannot be atomic
// without copying the file, so it writes in place through a checked fd and truncates back on failure.
// A target that is a symlink, a directory, a special file or has more than one hard link is refused:
// a hard link to a file outside the scope is the classic way to make an in-scope write land outside.
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { WardenError } from '../../errors/warden-error.js';
import { argsObject, optionalBoolean, optionalChoice, requiredString } from './args.js';
import { abortReason, denied, errnoCode, invalidArgument, limitExceeded, toolError } from './errors.js';
import type { FsToolContext, ToolSignalContext } from './fs-context.js';
import { checkToolPath, isScopeRoot } from './fs-scope.js';
import {
  lstatAt,
  openAt,
  openDirectory,
  type OpenContext,
  openRegularFile,
  procPath,
  splitParent,
} from './safe-open.js';

export type FsWriteMode = 'create' | 'overwrite' | 'append';

export type FsWriteArgs = {
  path: string;
  content: string;
  /**
   * `create` fails if the target exists; `overwrite` replaces it or creates it; `append` adds to it
   * or creates it. Default `overwrite` (or `append` when `append: true`).
   */
  mode?: FsWriteMode;
  /** Same as `mode: 'append'`; the spelling the policy's built-in `fs.write` shape knows. */
  append?: boolean;
  /** How `content` is encoded: `utf8` (default) or `base64`. */
  encoding?: 'utf8' | 'base64';
};

export type FsWriteResult = {
  /** Bytes written. */
  bytes: number;
};

const NEW_FILE_MODE = 0o644;
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface WriteJob {
  ctx: FsToolContext;
  parent: FileHandle;
  name: string;
  path: string;
  data: Buffer;
  open: OpenContext;
  signal: AbortSignal | undefined;
}

/**
 * Write a file inside the write scope; see {@link FsWriteArgs}. Use it through `createFsTools`.
 *
 * @example
 * await fsWrite(ctx, { path: 'out/report.md', content: '# Report', mode: 'create' }) // { bytes: 8 }
 */
export async function fsWrite(
  ctx: FsToolContext,
  rawArgs: unknown,
  call: ToolSignalContext = {},
): Promise<FsWriteResult> {
  const args = argsObject(rawArgs, ['path', 'content', 'mode', 'append', 'encoding']);
  const raw = requiredString(args, 'path');
  const content = requiredString(args, 'content');
  const explicitMode = optionalChoice(args, 'mode', ['create', 'overwrite', 'append'] as const);
  const append = optionalBoolean(args, 'append');
  if (explicitMode !== undefined && append !== undefined && append !== (explicitMode === 'append')) {
    throw invalidArgument('append', `contradicts mode "${explicitMode}"`);
  }
  const mode: FsWriteMode = explicitMode ?? (append ? 'append' : 'overwrite');
  const encoding = optionalChoice(args, 'encoding', ['utf8', 'base64'] as const) ?? 'utf8';
  if (encoding === 'base64' && !BASE64.test(content)) throw invalidArgument('content', 'is not valid base64');
  // Measured before anything is allocated or opened.
  const size = Buffer.byteLength(content, encoding);
  if (size > ctx.maxWriteBytes) {
    throw limitExceeded('content', `${size} bytes is more than the ${ctx.maxWriteBytes}-byte write limit`);
  }
  const signal = call.signal;
  if (signal?.aborted) throw abortReason(signal);

  const path = checkToolPath(ctx.scope, raw, 'write');
  if (isScopeRoot(ctx.scope, path, 'write')) {
    throw invalidArgument('path', `"${path}" is a write scope root; name a file inside it`);
  }
  await ctx.hooks.afterCheck?.(path);
  const { dir, name } = splitParent(path);
  if (name === '') throw invalidArgument('path', `"${path}" is a directory`);
  const open: OpenContext = { arg: 'path', path };
  const parent = await openDirectory(dir, open, ctx.hooks.beforeComponent);
  const job: WriteJob = { ctx, parent, name, path, data: Buffer.from(content, encoding), open, signal };
  try {
    if (mode === 'create') await createAtomically(job);
    else if (mode === 'overwrite') await replaceAtomically(job);
    else await appendInPlace(job);
  } catch (error) {
    throw toolError('path', path, error, signal);
  } finally {
    await parent.close();
  }
  return { bytes: job.data.length };
}

// Marks the "create found the target already there" error, so append can retry on that one only.
const ALREADY_EXISTS = new WeakSet<object>();

function alreadyExists(path: string): WardenError {
  const error = invalidArgument('path', `"${path}" already exists (mode "create" never replaces a file)`);
  ALREADY_EXISTS.add(error);
  return error;
}

/** Refuse an existing target that is not a plain, singly-linked regular file. */
function refuseTarget(stat: Stats, path: string): void {
  if (stat.isSymbolicLink()) {
    throw denied(
      'fs.symlink',
      `path: "${path}" is a symbolic link; the file tools never write through links`,
    );
  }
  if (stat.isDirectory()) throw invalidArgument('path', `"${path}" is a directory`);
  if (!stat.isFile()) {
    throw denied('fs.not-regular-file', `path: "${path}" is not a regular file (FIFO, socket or device)`);
  }
  if (stat.nlink > 1) {
    throw denied(
      'fs.hard-link',
      `path: "${path}" has ${stat.nlink} hard links; writing it could change a file outside the scope`,
    );
  }
}

async function writeAll(handle: FileHandle, data: Buffer, signal: AbortSignal | undefined): Promise<void> {
  let done = 0;
  while (done < data.length) {
    if (signal?.aborted) throw abortReason(signal);
    const { bytesWritten } = await handle.write(data, done, Math.min(data.length - done, 1 << 20), null);
    done += bytesWritten;
  }
}

/**
 * Write `job.data` to a new temporary file in the target's directory, fsync'd and closed. Returns its
 * name; on any failure the temporary file is gone.
 */
async function writeTemp(job: WriteJob, mode: number, owner: Stats | undefined): Promise<string> {
  let name = '';
  let handle: FileHandle | undefined;
  for (let attempt = 0; handle === undefined; attempt++) {
    name = `.warden-${randomBytes(8).toString('hex')}.tmp`;
    try {
      handle = await openAt(job.parent, name, TEMP_FLAGS, job.open, job.path, 0o600);
    } catch (error) {
      const exists =
        WardenError.isInstance(error) && error.cause !== undefined && errnoCode(error.cause) === 'EEXIST';
      if (!exists || attempt >= 3) throw error;
    }
  }
  try {
    await writeAll(handle, job.data, job.signal);
    if (owner && process.getuid?.() === 0) await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    return name;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await removeQuietly(job.parent, name);
    throw error;
  }
}

async function removeQuietly(dir: FileHandle, name: string): Promise<void> {
  await fsp.unlink(procPath(dir, name)).catch(() => undefined);
}

/** fsync the directory so the new name survives a crash; best effort (not every file system can). */
async function syncDirectory(dir: FileHandle): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(procPath(dir), constants.O_RDONLY | constants.O_DIRECTORY);
    await handle.sync();
  } catch {
    // ignored: the data itself is already fsync'd
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function beforeCommit(job: WriteJob): Promise<void> {
  await job.ctx.hooks.beforeCommit?.(job.path);
  if (job.signal?.aborted) throw abortReason(job.signal);
}

/** `create`: link the finished temporary file to the target name, which fails if anything is there. */
async function createAtomically(job: WriteJob): Promise<void> {
  const temp = await writeTemp(job, NEW_FILE_MODE, undefined);
  try {
    await beforeCommit(job);
    try {
      // link(2) never follows or replaces the new name: EEXIST for a file, a directory or a dangling link.
      await fsp.link(procPath(job.parent, temp), procPath(job.parent, job.name));
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST') {
        throw alreadyExists(job.path);
      }
      // File systems without hard links: reserve the name exclusively, then rename over the reservation.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      await reserveAndRename(job, temp);
    }
  } finally {
    await removeQuietly(job.parent, temp);
  }
  await syncDirectory(job.parent);
}

async function reserveAndRename(job: WriteJob, temp: string): Promise<void> {
  let reserved: FileHandle;
  try {
    reserved = await openAt(job.parent, job.name, TEMP_FLAGS, job.open, job.path, 0o600);
  } catch (error) {
    if (WardenError.isInstance(error) && errnoCode(error.cause) === 'EEXIST') {
      throw alreadyExists(job.path);
    }
    throw error;
  }
  await reserved.close();
  try {
    await fsp.rename(procPath(job.parent, temp), procPath(job.parent, job.name));
  } catch (error) {
    await removeQuietly(job.parent, job.name);
    throw error;
  }
}

/** `overwrite`: rename the finished temporary file over the target (or to it, when there is none). */
async function replaceAtomically(job: WriteJob): Promise<void> {
  const existing = await lstatAt(job.parent, job.name);
  if (existing) refuseTarget(existing, job.path);
  const temp = await writeTemp(job, existing ? existing.mode & 0o777 : NEW_FILE_MODE, existing);
  let committed = false;
  try {
    await beforeCommit(job);
    // rename(2) replaces the name, never what a link points to: a symlink or hard link swapped in after
    // the check above is replaced, not written through. A directory swapped in fails (EISDIR).
    await fsp.rename(procPath(job.parent, temp), procPath(job.parent, job.name));
    committed = true;
  } finally {
    if (!committed) await removeQuietly(job.parent, temp);
  }
  await syncDirectory(job.parent);
}

/** `append`: write at the end of the checked fd; on failure truncate back to the original size. */
async function appendInPlace(job: WriteJob, retried = false): Promise<void> {
  const existing = await lstatAt(job.parent, job.name);
  if (!existing) {
    try {
      await createAtomically(job);
      return;
    } catch (error) {
      // Someone created it in between: append to theirs instead, once.
      if (retried || !ALREADY_EXISTS.has(error as object)) throw error;
      return appendInPlace(job, true);
    }
  }
  refuseTarget(existing, job.path);
  const { handle, stat } = await openRegularFile(
    job.parent,
    job.name,
    constants.O_WRONLY | constants.O_APPEND,
    job.open,
    job.path,
  );
  try {
    // The fd's own inode, not the name's: a hard link swapped in after the lstat is still caught.
    refuseTarget(stat, job.path);
    try {
      await writeAll(handle, job.data, job.signal);
      await beforeCommit(job);
      await handle.sync();
    } catch (error) {
      await handle.truncate(stat.size).catch(() => undefined);
      throw error;
    }
  } finally {
    await handle.close();
  }
}
