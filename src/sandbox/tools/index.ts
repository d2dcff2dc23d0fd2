// Warden's secure built-in tools: file access that cannot leave its scope through `..`, symlinks,
// hard links or a race with the policy check, and an HTTP client that cannot be pointed at loopback,
// private or metadata addresses by a name, a redirect or a DNS answer. Wrap them with `guard.wrap`.
export {
  createFsTools,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_LIST_DEPTH,
  DEFAULT_MAX_READ_BYTES,
  DEFAULT_MAX_WRITE_BYTES,
  type FsTools,
  type FsToolsOptions,
} from './fs-tools.js';
export type { FsToolHooks, ToolSignalContext } from './fs-context.js';
export type { FsReadArgs, FsReadResult } from './fs-read.js';
export type { FsEntryType, FsListArgs, FsListEntry, FsListResult } from './fs-list.js';
export type { FsWriteArgs, FsWriteMode, FsWriteResult } from './fs-write.js';
export { compileToolFileScope, type FileScopeConfig } from './fs-scope.js';
export {
  createHttpFetch,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type HttpFetchArgs,
  type HttpFetchOptions,
  type HttpFetchResult,
  type HttpFetchTools,
  type HttpLookup,
  type HttpLookupAddress,
} from './http-fetch.js';
export {
  createShellRun,
  type SandboxToolContext,
  type ShellRunArgs,
  type ShellRunOptions,
  type ShellRunResult,
} from './shell-run.js';
export {
  type CodeExecuteArgs,
  type CodeExecuteOptions,
  type CodeExecuteResult,
  type CodeLanguage,
  createCodeExecute,
} from './code-execute.js';
export { createProfileTools, type ProfileTools, type ProfileToolsOptions } from './profile-tools.js';
