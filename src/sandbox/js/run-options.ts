// Options of one JS sandbox run, their defaults and their checks. A bad option is the caller's
// mistake, so it fails with InvalidArgument naming the option, before anything is started.
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

export interface JsRunOptions {
  /**
   * A JSON-serializable value, visible to the code as the global `input`. It is serialized here and
   * parsed inside the isolate: the code gets a deep copy and can never reach the caller's object.
   */
  input?: unknown;
  /** Wall-clock limit for the whole run, in ms (default 1000). */
  timeoutMs?: number;
  /** Heap limit of the run's isolate, in MB (default 64, minimum 8). */
  memoryMb?: number;
  /** Most bytes (UTF-8) of result JSON plus logs handed back (default 1 MiB). */
  maxOutputBytes?: number;
  /** Abort the run: the isolate is disposed and the run rejects with SandboxError `killed`. */
  signal?: AbortSignal;
  /**
   * How the code gives its result. `function` (default): the code is an async function body and
   * `return`s it. `script`: the script's completion value (`1 + 2` gives 3), awaited if a promise.
   */
  mode?: 'function' | 'script';
}

/** Defaults a sandbox applies to each of its runs; a run's own options win. */
export type JsRunDefaults = Pick<JsRunOptions, 'timeoutMs' | 'memoryMb' | 'maxOutputBytes'>;

/** What a run receives once defaults are applied and values checked. */
export interface ResolvedJsRunOptions {
  inputJson: string | undefined;
  timeoutMs: number;
  memoryMb: number;
  maxOutputBytes: number;
  signal: AbortSignal | undefined;
  mode: 'function' | 'script';
}

export const JS_RUN_DEFAULTS = {
  timeoutMs: 1_000,
  memoryMb: 64,
  maxOutputBytes: 1024 * 1024,
} as const;

/** Largest accepted values: setTimeout's range, what isolated-vm handles, what IPC should carry. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const MIN_MEMORY_MB = 8;
const MAX_MEMORY_MB = 16 * 1024;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

function invalid(field: string, message: string): WardenError {
  return new WardenError(WardenErrorCode.InvalidArgument, `runJs: ${field} ${message}`, {
    issues: [{ path: field, message, severity: 'error' }],
  });
}

function integerIn(
  field: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

function serializeInput(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch (e) {
    throw invalid('input', `must be JSON-serializable (${e instanceof Error ? e.message : String(e)})`);
  }
  if (json === undefined) throw invalid('input', `must be JSON-serializable (got a ${typeof input})`);
  return json;
}

/**
 * Check `options` and apply the defaults (per-sandbox defaults first, then `JS_RUN_DEFAULTS`).
 *
 * @example
 * resolveJsRunOptions({ timeoutMs: 200 }); // { timeoutMs: 200, memoryMb: 64, maxOutputBytes: 1048576, ... }
 */
export function resolveJsRunOptions(
  options: JsRunOptions = {},
  defaults: JsRunDefaults = {},
): ResolvedJsRunOptions {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs ?? JS_RUN_DEFAULTS.timeoutMs;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    throw invalid('timeoutMs', `must be a number of ms above 0 (got ${String(timeoutMs)})`);
  }
  const signal = options.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw invalid('signal', 'must be an AbortSignal');
  return {
    inputJson: serializeInput(options.input),
    timeoutMs: Math.ceil(timeoutMs),
    memoryMb: integerIn(
      'memoryMb',
      options.memoryMb ?? defaults.memoryMb,
      JS_RUN_DEFAULTS.memoryMb,
      MIN_MEMORY_MB,
      MAX_MEMORY_MB,
    ),
    maxOutputBytes: integerIn(
      'maxOutputBytes',
      options.maxOutputBytes ?? defaults.maxOutputBytes,
      JS_RUN_DEFAULTS.maxOutputBytes,
      1,
      MAX_OUTPUT_BYTES,
    ),
    signal,
    mode: checkMode(options.mode),
  };
}

function checkMode(mode: unknown): 'function' | 'script' {
  if (mode === undefined) return 'function';
  if (mode === 'function' || mode === 'script') return mode;
  throw invalid('mode', 'must be "function" or "script"');
}
