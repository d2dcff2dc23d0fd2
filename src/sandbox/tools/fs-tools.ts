// The built-in file tools as plain async functions for `guard.wrap`. The guard has already run the
// policy, but each tool re-checks its path against the scope it was built with and then opens it
// without following symlinks (see safe-open.ts): a policy bug, a direct call or a tree changed after
// the check must still not reach outside the scope.
import type { FileScope } from '../../policy/rules/file-scope.js';
import { positiveOption } from './args.js';
import type { FsToolContext, FsToolHooks, ToolSignalContext } from './fs-context.js';
import { fsList, type FsListArgs, type FsListResult } from './fs-list.js';
import { fsRead, type FsReadArgs, type FsReadResult } from './fs-read.js';
import { type FileScopeConfig, toFileScope } from './fs-scope.js';
import { fsWrite, type FsWriteArgs, type FsWriteResult } from './fs-write.js';

export interface FsToolsOptions {
  /** The profile's compiled scope (`CompiledProfile.files`), or plain absolute directories and globs. */
  scope: FileScope | FileScopeConfig;
  /** Most bytes one fs.read returns; more sets `truncated`. Default 1 MiB. */
  maxReadBytes?: number;
  /** Most bytes one fs.write accepts; more is LIMIT_EXCEEDED. Default 1 MiB. */
  maxWriteBytes?: number;
  /** Most entries one fs.list returns; more sets `truncated`. Default 1000. */
  maxEntries?: number;
  /** Deepest recursive fs.list. Default 16. */
  maxDepth?: number;
  /** Testing seams for races and failures; see {@link FsToolHooks}. */
  hooks?: FsToolHooks;
}

/** The tools, keyed by their built-in names; each fits `guard.wrap(name, tool)`. */
export interface FsTools {
  'fs.read': (args: FsReadArgs, context?: ToolSignalContext) => Promise<FsReadResult>;
  'fs.list': (args: FsListArgs, context?: ToolSignalContext) => Promise<FsListResult>;
  'fs.write': (args: FsWriteArgs, context?: ToolSignalContext) => Promise<FsWriteResult>;
}

export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;
export const DEFAULT_MAX_WRITE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ENTRIES = 1000;
export const DEFAULT_MAX_LIST_DEPTH = 16;

/**
 * Build `fs.read`, `fs.list` and `fs.write` bound to one scope. Refusals are WardenErrors: `DENIED`
 * with `reasons` (scope, deny globs, symlinks, hard links, special files), `INVALID_ARGUMENT` naming
 * the argument (bad values, missing files, directories), `LIMIT_EXCEEDED` for oversized writes.
 * Linux only (needs /proc); elsewhere every call is `SANDBOX_UNAVAILABLE`.
 *
 * @example
 * const fsTools = createFsTools({ scope: profile.files });
 * const read = guard.wrap('fs.read', fsTools['fs.read']);
 * const { content, truncated } = await read({ path: 'notes.txt' });
 *
 * @example
 * const tools = createFsTools({ scope: { workspace: '/srv/ws', read: ['/srv/ws'], write: ['/srv/ws/out'], deny: ['**\/.env'] } });
 * await tools['fs.write']({ path: 'out/report.md', content: '# Report', mode: 'create' });
 */
export function createFsTools(options: FsToolsOptions): FsTools {
  const ctx: FsToolContext = {
    scope: toFileScope(options.scope),
    maxReadBytes: positiveOption('maxReadBytes', options.maxReadBytes, DEFAULT_MAX_READ_BYTES),
    maxWriteBytes: positiveOption('maxWriteBytes', options.maxWriteBytes, DEFAULT_MAX_WRITE_BYTES),
    maxEntries: positiveOption('maxEntries', options.maxEntries, DEFAULT_MAX_ENTRIES),
    maxDepth: positiveOption('maxDepth', options.maxDepth, DEFAULT_MAX_LIST_DEPTH),
    hooks: options.hooks ?? {},
  };
  return {
    'fs.read': (args, context) => fsRead(ctx, args, context),
    'fs.list': (args, context) => fsList(ctx, args, context),
    'fs.write': (args, context) => fsWrite(ctx, args, context),
  };
}
