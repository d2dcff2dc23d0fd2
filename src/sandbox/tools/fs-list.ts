// fs.list: names, types and sizes of a directory's entries, never following a symlink (it is
// reported as `symlink`, without its target) and never descending through one. Entries matching a
// deny glob are left out entirely, and both the entry count and the depth are bounded.
import type { FileHandle } from 'node:fs/promises';
import { promises as fsp } from 'node:fs';
import { WardenError } from '../../errors/warden-error.js';
import { argsObject, optionalBoolean, optionalInteger, requiredString } from './args.js';
import { abortReason, errnoCode, invalidArgument, toolError } from './errors.js';
import type { FsToolContext, ToolSignalContext } from './fs-context.js';
import { checkToolPath } from './fs-scope.js';
import { DIR_FLAGS, lstatAt, openAt, openDirectory, procPath } from './safe-open.js';

export type FsListArgs = {
  /** Directory to list. */
  path: string;
  /** Descend into subdirectories (up to `maxDepth`, or the tool's limit). Default false. */
  recursive?: boolean;
  /** Levels to list: 1 = the directory's own entries. Implies `recursive` when above 1. */
  maxDepth?: number;
};

export type FsEntryType = 'file' | 'directory' | 'symlink' | 'other';

export type FsListEntry = {
  /** Path relative to the listed directory, `/`-separated. */
  name: string;
  type: FsEntryType;
  /** Size in bytes for files; 0 for everything else. */
  size: number;
};

export type FsListResult = {
  entries: FsListEntry[];
  /** True when maxEntries stopped the listing. */
  truncated: boolean;
};

/**
 * List a directory inside the read scope; see {@link FsListArgs}. Use it through `createFsTools`.
 *
 * @example
 * await fsList(ctx, { path: 'src', recursive: true }) // { entries: [{ name: 'a.ts', type: 'file', size: 10 }], truncated: false }
 */
export async function fsList(
  ctx: FsToolContext,
  rawArgs: unknown,
  call: ToolSignalContext = {},
): Promise<FsListResult> {
  const args = argsObject(rawArgs, ['path', 'recursive', 'maxDepth']);
  const raw = requiredString(args, 'path');
  const recursive = optionalBoolean(args, 'recursive');
  const maxDepth = optionalInteger(args, 'maxDepth', 1);
  if (maxDepth !== undefined && maxDepth > ctx.maxDepth) {
    throw invalidArgument('maxDepth', `must be at most ${ctx.maxDepth}`);
  }
  if (recursive === false && maxDepth !== undefined && maxDepth > 1) {
    throw invalidArgument('maxDepth', 'above 1 needs recursive: true');
  }
  const depth = maxDepth ?? (recursive ? ctx.maxDepth : 1);
  const signal = call.signal;
  if (signal?.aborted) throw abortReason(signal);

  const path = checkToolPath(ctx.scope, raw, 'read');
  await ctx.hooks.afterCheck?.(path);
  const open = { arg: 'path', path };
  const dir = await openDirectory(path, open, ctx.hooks.beforeComponent);
  const state: ListState = { ctx, entries: [], truncated: false, signal };
  try {
    await listInto(state, dir, path, '', depth);
  } catch (error) {
    throw toolError('path', path, error, signal);
  } finally {
    await dir.close();
  }
  return { entries: state.entries, truncated: state.truncated };
}

interface ListState {
  ctx: FsToolContext;
  entries: FsListEntry[];
  truncated: boolean;
  signal: AbortSignal | undefined;
}

function denied(ctx: FsToolContext, absolute: string): boolean {
  return ctx.scope.deny.some((d) => d.regex.test(absolute));
}

async function listInto(
  state: ListState,
  dir: FileHandle,
  absolute: string,
  prefix: string,
  depth: number,
): Promise<void> {
  const { ctx } = state;
  const budget = ctx.maxEntries - state.entries.length;
  // Read at most one name more than fits, so a huge directory costs no more than the budget.
  const names: string[] = [];
  // opendir reopens the held directory through its fd, not by name; `for await` closes it, also on break.
  for await (const dirent of await fsp.opendir(procPath(dir), { bufferSize: 64 })) {
    if (denied(ctx, joinPath(absolute, dirent.name))) continue;
    names.push(dirent.name);
    if (names.length > budget) break;
  }
  names.sort();
  for (const name of names) {
    if (state.signal?.aborted) throw abortReason(state.signal);
    if (state.entries.length >= ctx.maxEntries) {
      state.truncated = true;
      return;
    }
    const stat = await lstatAt(dir, name);
    if (!stat) continue; // removed meanwhile
    const type: FsEntryType = stat.isSymbolicLink()
      ? 'symlink'
      : stat.isDirectory()
        ? 'directory'
        : stat.isFile()
          ? 'file'
          : 'other';
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    state.entries.push({ name: rel, type, size: type === 'file' ? stat.size : 0 });
    if (type !== 'directory' || depth <= 1) continue;
    const childPath = joinPath(absolute, name);
    let child: FileHandle;
    try {
      child = await openAt(dir, name, DIR_FLAGS, { arg: 'path', path: childPath }, childPath);
    } catch (error) {
      // Swapped for a symlink or removed since the lstat: list what is there, skip it.
      if (WardenError.isInstance(error) || errnoCode(error) === 'ENOENT') continue;
      throw error;
    }
    try {
      await listInto(state, child, childPath, rel, depth - 1);
    } finally {
      await child.close();
    }
    if (state.truncated) return;
  }
}

function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
