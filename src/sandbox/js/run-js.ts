// The public face of the JS sandbox: run untrusted JavaScript (an agent's code, a tool's transform)
// in a fresh V8 isolate with no ambient authority and hard limits. This replaces same-isolate
// sandboxes such as vm2, whose escapes all come from sharing a heap with the host: here the code runs
// in a separate isolate, in a separate process, and only JSON text comes back.
//
// The code is the body of an async function: `return` gives the result, `await` works, `input` is a
// deep copy of the caller's input. The globals are ECMAScript's built-ins plus `console` and `input`:
// no require, process, import(), fetch, timers, WebAssembly, or any host object.
import { availableParallelism } from 'node:os';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { SandboxError } from '../sandbox-error.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { JsHostProcess, type JsHostProcessOptions } from './js-host-process.js';
import { type JsRunResult, toJsRunResult } from './js-run-result.js';
import { type JsRunDefaults, type JsRunOptions, resolveJsRunOptions } from './run-options.js';

export interface JsSandboxOptions {
  /** Limits applied to runs that do not set their own. */
  defaults?: JsRunDefaults;
  /** Runs executing at once in this sandbox's host; more wait their turn (default: CPU count, at least 2). */
  maxConcurrentRuns?: number;
  /** How long past a run's timeout the host may stay silent before it is killed (ms, default 2000). */
  watchdogGraceMs?: number;
  /** How long the host may take to start (ms, default 10000). */
  startupTimeoutMs?: number;
  /** Run V8 without its JIT compilers: slower code, much less exploitable surface (default false). */
  jitless?: boolean;
  /** Start the host under Node's permission model when this Node has one (default true). */
  nodePermissions?: boolean;
  /**
   * Run the host inside the process sandbox (bubblewrap + seccomp + limits; default true). Where no
   * sandbox can be made, runs fail with SandboxUnavailableError; pass false to accept isolated-vm alone.
   */
  processSandbox?: boolean;
}

/** A JS sandbox: one host process, reused across runs, replaced if it dies. */
export interface JsSandbox {
  /** Run `code` (an async function body) in a fresh isolate. */
  run(code: string, options?: JsRunOptions): Promise<JsRunResult>;
  /** Stop the host; in-flight runs reject with SandboxError `killed`, later runs too. */
  close(): Promise<void>;
  /** Process id of the current host, if one is running (diagnostics). */
  readonly hostPid: number | undefined;
}

function checkCode(code: unknown): asserts code is string {
  if (typeof code !== 'string') {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      `runJs: code must be a string (got ${typeof code})`,
      {
        issues: [{ path: 'code', message: 'must be a string', severity: 'error' }],
      },
    );
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      `createJsSandbox: ${name} must be a positive integer`,
      {
        issues: [{ path: name, message: 'must be a positive integer', severity: 'error' }],
      },
    );
  }
  return value;
}

/**
 * Create a JS sandbox. The host process starts on the first run and serves every later one; it does
 * not keep the caller's process alive while idle. Close the sandbox when done with it.
 *
 * @example
 * const sandbox = createJsSandbox({ defaults: { timeoutMs: 500, memoryMb: 32 } });
 * const { value, logs } = await sandbox.run('console.log("hi"); return input.a + input.b', { input: { a: 1, b: 2 } });
 * // value === 3, logs === ['hi']
 * await sandbox.close();
 */
export function createJsSandbox(options: JsSandboxOptions = {}): JsSandbox {
  const defaults = options.defaults ?? {};
  resolveJsRunOptions({}, defaults);
  const hostOptions: JsHostProcessOptions = {
    startupTimeoutMs: positive('startupTimeoutMs', options.startupTimeoutMs, 10_000),
    watchdogGraceMs: positive('watchdogGraceMs', options.watchdogGraceMs, 2_000),
    jitless: options.jitless ?? false,
    nodePermissions: options.nodePermissions ?? true,
    processSandbox: options.processSandbox ?? true,
  };
  const gate = new ConcurrencyGate(
    positive('maxConcurrentRuns', options.maxConcurrentRuns, Math.max(2, availableParallelism())),
  );
  let host: JsHostProcess | undefined;
  let closed = false;

  let starting: Promise<JsHostProcess> | undefined;
  const liveHost = async (): Promise<JsHostProcess> => {
    if (host !== undefined && !host.dead) return host;
    // One start at a time: concurrent first runs share it.
    starting ??= JsHostProcess.start(hostOptions).finally(() => (starting = undefined));
    host = await starting;
    return host;
  };

  return {
    async run(code: string, runOptions: JsRunOptions = {}): Promise<JsRunResult> {
      checkCode(code);
      const resolved = resolveJsRunOptions(runOptions, defaults);
      if (closed) throw new SandboxError('killed', 'the JS sandbox is closed');
      const { signal } = resolved;
      if (signal?.aborted)
        throw new SandboxError('killed', 'the JS sandbox run was aborted before it started');
      let release: () => void;
      try {
        release = await gate.enter(signal);
      } catch {
        throw new SandboxError('killed', 'the JS sandbox run was aborted while waiting for a slot');
      }
      try {
        if (closed) throw new SandboxError('killed', 'the JS sandbox is closed');
        const outcome = await (
          await liveHost()
        ).run(
          {
            code,
            ...(resolved.inputJson === undefined ? {} : { inputJson: resolved.inputJson }),
            timeoutMs: resolved.timeoutMs,
            memoryMb: resolved.memoryMb,
            maxOutputBytes: resolved.maxOutputBytes,
            mode: resolved.mode,
          },
          signal,
        );
        return toJsRunResult(outcome, resolved);
      } finally {
        release();
      }
    },
    async close(): Promise<void> {
      closed = true;
      await host?.close();
    },
    get hostPid(): number | undefined {
      return host?.dead === false ? host.pid : undefined;
    },
  };
}

let shared: JsSandbox | undefined;

/**
 * Run `code` in the process-wide shared JS sandbox (created on first use, never keeps the process
 * alive while idle). Rejects with JsScriptError when the code throws, SandboxError when it hits a
 * limit (`timeout`, `memory`, `output-limit`) or is aborted (`killed`).
 *
 * @example
 * const { value } = await runJs('return input.items.filter((x) => x > 1)', { input: { items: [1, 2, 3] }, timeoutMs: 200 });
 * // value: [2, 3]
 */
export async function runJs(code: string, options: JsRunOptions = {}): Promise<JsRunResult> {
  shared ??= createJsSandbox();
  return shared.run(code, options);
}
