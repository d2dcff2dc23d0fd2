import { WardenError, WardenErrorCode } from '../errors/warden-error.js';

/**
 * Why the sandbox stopped or refused something. Each is a distinct, stable value scripts match on.
 *
 * - `timeout`: the wall-clock limit ran out; the whole process tree (or the isolate) was killed.
 * - `cpu-time`: the CPU-time limit ran out.
 * - `memory`: the memory limit was reached.
 * - `process-limit`: the process/thread limit was reached (a fork bomb stops here).
 * - `file-size`: a write went past the file-size limit.
 * - `open-files`: the open-file limit was reached.
 * - `output-limit`: stdout/stderr went past what the caller agreed to hold.
 * - `denied-path`: a path the profile does not grant (not mounted, or read-only).
 * - `denied-host`: a network destination outside the allowlist, or a forbidden address.
 * - `killed`: the caller aborted the run (kill switch, AbortSignal).
 */
export type SandboxViolationReason =
  | 'timeout'
  | 'cpu-time'
  | 'memory'
  | 'process-limit'
  | 'file-size'
  | 'open-files'
  | 'output-limit'
  | 'denied-path'
  | 'denied-host'
  | 'killed';

/** Details that come with a violation, where known. Never holds the program's output. */
export interface SandboxViolationDetails {
  /** The limit that was hit, in its own unit (ms, bytes, processes, files). */
  limit?: number;
  /** The path or host that was refused. */
  target?: string;
  cause?: unknown;
}

/**
 * The sandbox stopped a run or refused an action inside it. `reason` says which limit or rule;
 * `target` names the refused path or host.
 *
 * @example
 * try { await runSandboxed(['node', 'build.js'], { timeoutMs: 5_000 }); }
 * catch (e) { if (SandboxError.isInstance(e) && e.reason === 'timeout') console.error('took too long'); }
 */
export class SandboxError extends WardenError {
  readonly reason: SandboxViolationReason;
  readonly limit: number | undefined;
  readonly target: string | undefined;

  constructor(reason: SandboxViolationReason, message: string, details: SandboxViolationDetails = {}) {
    super(
      WardenErrorCode.SandboxViolation,
      message,
      details.cause === undefined ? {} : { cause: details.cause },
    );
    this.name = 'SandboxError';
    this.reason = reason;
    this.limit = details.limit;
    this.target = details.target;
  }

  static override isInstance(value: unknown): value is SandboxError {
    return WardenError.isInstance(value) && value.code === WardenErrorCode.SandboxViolation;
  }
}
