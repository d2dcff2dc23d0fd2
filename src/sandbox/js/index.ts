// The JS sandbox's public surface: run untrusted JavaScript in a fresh isolated-vm isolate inside a
// separate host process, with time, memory and output limits and typed errors.
export { createJsSandbox, runJs, type JsSandbox, type JsSandboxOptions } from './run-js.js';
export { type JsRunOptions, type JsRunDefaults, JS_RUN_DEFAULTS } from './run-options.js';
export { type JsRunResult } from './js-run-result.js';
export { JsScriptError, type JsScriptErrorDetails } from './js-script-error.js';
