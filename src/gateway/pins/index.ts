// Tool pinning for the MCP gateway: hide upstream tools whose definition changed after approval
// (rug pulls), that read as poisoned, or that nobody approved; refuse calls to anything hidden.
export {
  type CallCheck,
  checkToolCall,
  evaluateTools,
  type EvaluateToolsOptions,
  type HiddenReason,
  type HiddenTool,
  isCallAllowed,
  type ToolEvaluation,
  type ToolScanner,
} from './evaluate-tools.js';
export { type DiffOptions, diffDefinitions } from './pin-diff.js';
export {
  type FindingSummary,
  MemoryPinStore,
  type Pin,
  type PinStore,
  type PinStoreOptions,
  type QuarantinedTool,
  type QuarantineReason,
  type QuarantineRecord,
} from './pin-store.js';
export { SqlitePinStore } from './sqlite-pin-store.js';
export {
  canonicalToolDefinition,
  canonicalToolJson,
  fingerprintOfCanonical,
  type McpToolDefinition,
  type ToolFingerprint,
  toolFingerprint,
} from './tool-fingerprint.js';
