// One run of guest code in a fresh isolated-vm isolate, inside the JS host process. A new isolate per
// run means nothing the guest does (globals, patched prototypes, pending promises) reaches the next
// run. Every exit path disposes the isolate. Limits are enforced twice here: isolated-vm's `timeout`
// stops synchronous work and microtask loops, and a wall-clock timer disposes the isolate for what
// `timeout` does not cover (a promise that never settles). The parent adds a third, outer watchdog.
import { GUEST_FILENAME, GUEST_PRELUDE_SOURCE, PRELUDE_FILENAME } from './guest-prelude.mjs';

/** Longest guest error message or stack text kept, in characters. */
const MAX_ERROR_CHARS = 16 * 1024;

const ms = (nanoseconds) => Number(nanoseconds) / 1e6;

/**
 * Wrap the guest's code as an async function body (`return` gives the result, `await` works). The
 * script only creates the function; the prelude's `settle` calls it.
 */
const wrapGuest = (code) => `(async () => {\n${code}\n})`;

/**
 * Script mode: the guest's completion value (awaited by `settle` if it is a promise). Indirect eval
 * runs the text as a global script; the outer script again only creates the function.
 */
const wrapScript = (code) => `(async () => (0, eval)(${JSON.stringify(code)}))`;

const messageOf = (error) =>
  typeof error === 'object' && error !== null && typeof error.message === 'string'
    ? error.message
    : String(error);

/**
 * Run `request.code` in a new isolate and answer an outcome object (see host-protocol.ts). Never
 * throws: every failure becomes an outcome.
 *
 * @example
 * const outcome = await runInIsolate(ivm, { code: 'return 1 + 1', timeoutMs: 1000, memoryMb: 64, maxOutputBytes: 1 << 20 }, {
 *   onStopper: (stop) => stoppers.set(id, stop),
 * });
 */
export async function runInIsolate(ivm, request, hooks) {
  const started = performance.now();
  const { timeoutMs, memoryMb } = request;
  let stopReason;
  let stage = 'setup';
  let isolate;
  try {
    isolate = new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError: hooks.onCatastrophicError });
  } catch (error) {
    return { kind: 'internal', message: `cannot create an isolate: ${messageOf(error)}` };
  }
  const stop = (reason) => {
    if (stopReason !== undefined || isolate.isDisposed) return;
    stopReason = reason;
    try {
      isolate.dispose();
    } catch {
      // already disposed by isolated-vm (memory limit): the run fails either way
    }
  };
  hooks.onStopper(() => stop('killed'));
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const remaining = () => Math.max(1, Math.ceil(timeoutMs - (performance.now() - started)));

  try {
    const context = await isolate.createContext();
    const settle = await context.evalClosure(
      `return ${GUEST_PRELUDE_SOURCE}($0, $1, $2);`,
      [request.inputJson, request.maxOutputBytes, MAX_ERROR_CHARS],
      {
        arguments: { copy: true },
        result: { reference: true },
        timeout: remaining(),
        filename: PRELUDE_FILENAME,
      },
    );
    stage = 'compile';
    const script = await isolate.compileScript(
      request.mode === 'script' ? wrapScript(request.code) : wrapGuest(request.code),
      { filename: GUEST_FILENAME, lineOffset: request.mode === 'script' ? 0 : -1 },
    );
    stage = 'run';
    const guest = await script.run(context, { timeout: remaining(), reference: true });
    const envelope = await settle.apply(undefined, [guest.derefInto()], {
      result: { promise: true },
      timeout: remaining(),
    });
    const cpuTimeMs = ms(isolate.cpuTime);
    const wallTimeMs = performance.now() - started;
    if (typeof envelope !== 'string') {
      return { kind: 'internal', message: 'the guest prelude answered no envelope' };
    }
    return { kind: 'envelope', envelope, wallTimeMs, cpuTimeMs };
  } catch (error) {
    return classify(error, stage, stopReason, isolate.isDisposed);
  } finally {
    clearTimeout(timer);
    if (!isolate.isDisposed) {
      try {
        isolate.dispose();
      } catch {
        // disposed concurrently
      }
    }
  }
}

/** Map what isolated-vm threw to an outcome. The checks go from most to least certain. */
function classify(error, stage, stopReason, disposed) {
  const message = messageOf(error);
  if (stopReason === 'timeout') return { kind: 'violation', reason: 'timeout' };
  if (stopReason === 'killed') return { kind: 'violation', reason: 'killed' };
  if (/memory limit/i.test(message)) return { kind: 'violation', reason: 'memory' };
  if (/execution timed out/i.test(message)) return { kind: 'violation', reason: 'timeout' };
  // isolated-vm disposes an isolate on its own only when it goes past its memory limit.
  if (disposed) return { kind: 'violation', reason: 'memory' };
  const name =
    typeof error === 'object' && error !== null && typeof error.name === 'string' ? error.name : 'Error';
  if (stage === 'compile' && name === 'SyntaxError') return { kind: 'syntax', message };
  // An error isolated-vm raises from inside the run is the guest's: a promise it left rejected and
  // unhandled, or a throw from the code that closes the guest's function. Its host-side stack is
  // not passed on; name and message are the guest's text.
  if (stage === 'run') return { kind: 'uncaught', name, message };
  return { kind: 'internal', message: `${stage}: ${message}` };
}
