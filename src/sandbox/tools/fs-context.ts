// What every file tool is built with: the compiled scope, its limits and the testing hooks.
import type { FileScope } from '../../policy/rules/file-scope.js';
import type { WalkHook } from './safe-open.js';

/**
 * Seams for tests: they run at the points where a concurrent attacker would act, so races can be
 * reproduced deterministically. Not for production use.
 */
export interface FsToolHooks {
  /** After the policy check passed, before anything is opened. */
  afterCheck?: (path: string) => void | Promise<void>;
  /** Before each directory component is opened, with the part opened so far. */
  beforeComponent?: WalkHook;
  /**
   * After the new content is in the temporary file (or appended in place), before it is committed.
   * Throwing here simulates a failed write.
   */
  beforeCommit?: (path: string) => void | Promise<void>;
}

export interface FsToolContext {
  scope: FileScope;
  maxReadBytes: number;
  maxWriteBytes: number;
  maxEntries: number;
  maxDepth: number;
  hooks: FsToolHooks;
}

/** The part of the guard's `ToolCallContext` the tools use; optional so they can be called directly. */
export interface ToolSignalContext {
  signal?: AbortSignal;
}
