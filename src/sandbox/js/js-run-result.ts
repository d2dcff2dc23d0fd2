// Turns what the host reported for a run into the caller's answer: a result built only from parsed
// JSON text (so nothing the guest made, no getter and no proxy, ever runs in the caller's process),
// or the typed error that says why there is none.
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { SandboxError } from '../sandbox-error.js';
import { boundOutput } from './bound-output.js';
import { type HostOutcome, parseGuestEnvelope } from './host-protocol.js';
import { JsScriptError } from './js-script-error.js';
import { type ResolvedJsRunOptions } from './run-options.js';

/** A successful run. */
export interface JsRunResult {
  /**
   * The code's return value, copied as JSON: `undefined` when it returned nothing (or a function or
   * symbol), plain objects and arrays otherwise (Dates become strings, `toJSON` applied inside the isolate).
   */
  value: unknown;
  /** `console.log/info/debug` lines; `console.warn/error` ones start with `[warn] ` / `[error] `. Bounded. */
  logs: string[];
  /** Wall-clock time of the run inside the host, isolate creation included (ms). */
  wallTimeMs: number;
  /** CPU time the isolate spent (ms). */
  cpuTimeMs: number;
}

/** An uncaught allocation failure is the memory limit refusing an ArrayBuffer, not a bug in the code. */
const ALLOCATION_FAILURE = /allocation failed|out of memory/i;

/**
 * Map a host outcome to the run's result, or throw its typed error: SandboxError for limits,
 * JsScriptError for the code's own exception, WardenError `INTERNAL` for a broken host.
 *
 * @example
 * const result = toJsRunResult(await host.run(request), resolved);
 */
export function toJsRunResult(outcome: HostOutcome, options: ResolvedJsRunOptions): JsRunResult {
  switch (outcome.kind) {
    case 'violation':
      throw violation(outcome.reason, options);
    case 'syntax':
      throw new JsScriptError(outcome.message, { errorName: 'SyntaxError' });
    case 'uncaught':
      throw new JsScriptError(outcome.message, { errorName: outcome.name });
    case 'internal':
      throw new WardenError(WardenErrorCode.Internal, `JS sandbox host failed: ${outcome.message}`);
    case 'envelope':
      break;
  }
  const envelope = parseGuestEnvelope(outcome.envelope);
  if (envelope === undefined) {
    throw new WardenError(WardenErrorCode.Internal, 'JS sandbox host returned a malformed result envelope');
  }
  if (envelope.kind === 'output-limit') {
    throw new SandboxError(
      'output-limit',
      `the JS sandbox result is ${envelope.size} characters, over the ${options.maxOutputBytes}-byte output limit`,
      { limit: options.maxOutputBytes },
    );
  }
  if (envelope.kind === 'throw') {
    if (envelope.name === 'RangeError' && ALLOCATION_FAILURE.test(envelope.message)) {
      throw violation('memory', options);
    }
    const { logs } = boundOutput(null, envelope.logs, envelope.logsDropped, options.maxOutputBytes);
    throw new JsScriptError(envelope.message, { errorName: envelope.name, guestStack: envelope.stack, logs });
  }
  const bounded = boundOutput(
    envelope.valueJson,
    envelope.logs,
    envelope.logsDropped,
    options.maxOutputBytes,
  );
  let value: unknown;
  try {
    value = bounded.valueJson === null ? undefined : (JSON.parse(bounded.valueJson) as unknown);
  } catch (e) {
    throw new WardenError(
      WardenErrorCode.Internal,
      'JS sandbox host returned result JSON that does not parse',
      {
        cause: e,
      },
    );
  }
  return { value, logs: bounded.logs, wallTimeMs: outcome.wallTimeMs, cpuTimeMs: outcome.cpuTimeMs };
}

function violation(reason: 'timeout' | 'memory' | 'killed', options: ResolvedJsRunOptions): SandboxError {
  switch (reason) {
    case 'timeout':
      return new SandboxError(
        'timeout',
        `the JS sandbox run went past its ${options.timeoutMs} ms time limit`,
        {
          limit: options.timeoutMs,
        },
      );
    case 'memory':
      return new SandboxError(
        'memory',
        `the JS sandbox run went past its ${options.memoryMb} MB memory limit`,
        {
          limit: options.memoryMb,
        },
      );
    case 'killed':
      return new SandboxError('killed', 'the JS sandbox run was aborted');
  }
}
