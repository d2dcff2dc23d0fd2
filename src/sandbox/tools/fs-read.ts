// fs.read: a bounded read of one regular file. FIFOs, sockets and devices are refused before a single
// byte is read (a FIFO would block forever, /dev/zero never ends), and the read stops at
// maxReadBytes with `truncated: true` rather than failing, so an agent can page with `offset`.
import { constants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { argsObject, optionalChoice, optionalInteger, requiredString, utf8Boundary } from './args.js';
import { abortReason, invalidArgument, toolError } from './errors.js';
import type { FsToolContext, ToolSignalContext } from './fs-context.js';
import { checkToolPath } from './fs-scope.js';
import { openDirectory, openRegularFile, splitParent, verifyOpened } from './safe-open.js';

export type FsReadArgs = {
  /** Workspace-relative or absolute path of a regular file. */
  path: string;
  /** `utf8` (default) or `base64` for binary content. */
  encoding?: 'utf8' | 'base64';
  /** Byte offset to start at. Default 0. */
  offset?: number;
  /** Bytes to read at most; capped at the tool's maxReadBytes. Default: to the end of the file. */
  length?: number;
};

export type FsReadResult = {
  content: string;
  /** File bytes `content` holds: continue at `offset + bytes`. */
  bytes: number;
  /** True when maxReadBytes stopped the read before `length` bytes or the end of the file. */
  truncated: boolean;
  /** File size when it was opened. */
  size: number;
};

const CHUNK = 64 * 1024;

/**
 * Read a file inside the read scope; see {@link FsReadArgs}. Use it through `createFsTools`.
 *
 * @example
 * await fsRead(ctx, { path: 'notes.txt', length: 100 }) // { content, bytes, truncated, size }
 */
export async function fsRead(
  ctx: FsToolContext,
  rawArgs: unknown,
  call: ToolSignalContext = {},
): Promise<FsReadResult> {
  const args = argsObject(rawArgs, ['path', 'encoding', 'offset', 'length']);
  const raw = requiredString(args, 'path');
  const encoding = optionalChoice(args, 'encoding', ['utf8', 'base64'] as const) ?? 'utf8';
  const offset = optionalInteger(args, 'offset') ?? 0;
  const length = optionalInteger(args, 'length');
  const signal = call.signal;
  if (signal?.aborted) throw abortReason(signal);

  const path = checkToolPath(ctx.scope, raw, 'read');
  await ctx.hooks.afterCheck?.(path);
  const { dir, name } = splitParent(path);
  const open = { arg: 'path', path, directoryHint: 'use fs.list' };
  if (name === '') throw invalidArgument('path', `"${path}" is a directory; use fs.list`);

  const parent = await openDirectory(dir, open, ctx.hooks.beforeComponent);
  let file: FileHandle;
  let stat: Stats;
  try {
    ({ handle: file, stat } = await openRegularFile(parent, name, constants.O_RDONLY, open, path));
  } finally {
    await parent.close();
  }
  try {
    await verifyOpened(file, path, open);

    const wanted = length ?? Number.POSITIVE_INFINITY;
    const limit = Math.min(wanted, ctx.maxReadBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    let eof = false;
    while (total < limit) {
      if (signal?.aborted) throw abortReason(signal);
      const want = Math.min(CHUNK, limit - total);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await file.read(buf, 0, want, offset + total);
      if (bytesRead === 0) {
        eof = true;
        break;
      }
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    // Cut by the cap (not by `length` or the end)? One more byte says whether anything was left.
    let truncated = false;
    if (!eof && limit < wanted) {
      const probe = Buffer.alloc(1);
      truncated = (await file.read(probe, 0, 1, offset + total)).bytesRead > 0;
    }
    let data = Buffer.concat(chunks, total);
    if (encoding === 'utf8' && !eof && total === limit) data = data.subarray(0, utf8Boundary(data));
    return {
      content: data.toString(encoding),
      bytes: data.length,
      truncated,
      size: stat.size,
    };
  } catch (error) {
    throw toolError('path', path, error, signal);
  } finally {
    await file.close();
  }
}
