// The sandbox's public surface: processes in bubblewrap (namespaces, seccomp, limits), JavaScript
// in isolated-vm inside that, the egress proxy, and the secure built-in tools.
export { SandboxError, type SandboxViolationReason } from './sandbox-error.js';
export {
  type RunSandboxedOptions,
  runSandboxed,
  type SandboxNetwork,
  type SandboxResult,
} from './process/run-sandboxed.js';
export { preflightSandbox, type PreflightOptions, type SandboxHost } from './process/preflight.js';
export { type SandboxLimits, type SandboxSpec } from './process/sandbox-spec.js';
export { type SandboxRequirement, SandboxUnavailableError } from './process/sandbox-unavailable-error.js';
export { buildSandboxFilter, DENIED_SYSCALLS, sandboxFilterBytes } from './seccomp/sandbox-filter.js';
export {
  createJsSandbox,
  JsScriptError,
  type JsRunOptions,
  type JsRunResult,
  type JsSandbox,
  type JsSandboxOptions,
  runJs,
} from './js/index.js';
export {
  type EgressDenial,
  type EgressProxy,
  type EgressProxyOptions,
  type SandboxEgressEvent,
  startEgressProxy,
} from './egress/index.js';
export {
  type CodeExecuteArgs,
  type CodeExecuteOptions,
  createCodeExecute,
  createFsTools,
  createHttpFetch,
  createShellRun,
  type FsTools,
  type FsToolsOptions,
  type HttpFetchOptions,
  type ShellRunOptions,
} from './tools/index.js';
