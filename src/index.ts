// Warden's public surface. Everything a caller may rely on is exported here by name; anything not
// listed is internal and may change.

export type {
  AuditCheckpoint,
  AuditEntry,
  AuditRecord,
  AuditVerification,
  SigningKey,
} from './audit/index.js';
export { AuditLog, loadOrCreateKeyFile, publicKeyPem, verifyAudit } from './audit/index.js';
export type { Finding } from './check/checklist.js';
export { runChecklist } from './check/checklist.js';
export type {
  AgentProfileConfig,
  ConfigInput,
  ConfigReport,
  LoadedAgent,
  LoadedConfig,
  WardenConfigInput,
} from './config/index.js';
export {
  configJsonSchema,
  formatIssues,
  inspectConfig,
  loadConfig,
  WardenConfigSchema,
} from './config/index.js';
export type { SourceLocation, WardenIssue } from './errors/warden-error.js';
export { WardenError, WardenErrorCode } from './errors/warden-error.js';
export type {
  CompiledProfile,
  Decision,
  Effect,
  FileAccess,
  FileScope,
  Obligation,
  PathCheck,
  Policy,
  Reason,
  ToolRequest,
} from './policy/index.js';
export {
  canonicalJson,
  checkPath,
  compilePolicy,
  compileProfile,
  createPolicy,
  decide,
  digest,
  isCodeExecutionTool,
} from './policy/index.js';
export type {
  ApprovalCallback,
  ApprovalRequest,
  GuardContext,
  OutputStage,
  ToolCallContext,
  Warden,
  WardenEvents,
  WardenOptions,
} from './guard/index.js';
export { createWarden, Guard } from './guard/index.js';
export type { KillScope, WardenStore } from './store/index.js';
export { MemoryStore, SqliteStore } from './store/index.js';
export type {
  JsRunOptions,
  JsRunResult,
  JsSandbox,
  RunSandboxedOptions,
  SandboxLimits,
  SandboxResult,
  SandboxViolationReason,
} from './sandbox/index.js';
export {
  createCodeExecute,
  createFsTools,
  createHttpFetch,
  createJsSandbox,
  createShellRun,
  JsScriptError,
  preflightSandbox,
  runJs,
  runSandboxed,
  SandboxError,
  SandboxUnavailableError,
  startEgressProxy,
} from './sandbox/index.js';
