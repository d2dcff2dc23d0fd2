// Shared helpers for the JS sandbox tests: await a run that must fail and hand back its error, typed.
import { SandboxError, type SandboxViolationReason } from '../../sandbox-error.js';
import { JsScriptError } from '../js-script-error.js';

/**
 * Await `promise`, which must reject; return what it rejected with.
 *
 * @example
 * const e = await rejection(sandbox.run('return 1', { memoryMb: 4 }));
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the run to fail, but it succeeded');
}

/**
 * The run must fail with SandboxError `reason`.
 *
 * @example
 * await violation(sandbox.run('while (true) {}', { timeoutMs: 100 }), 'timeout');
 */
export async function violation(
  promise: Promise<unknown>,
  reason: SandboxViolationReason,
): Promise<SandboxError> {
  const e = await rejection(promise);
  if (!SandboxError.isInstance(e)) throw new Error(`expected SandboxError ${reason}, got ${String(e)}`);
  if (e.reason !== reason) throw new Error(`expected SandboxError ${reason}, got ${e.reason}: ${e.message}`);
  return e;
}

/**
 * The run must fail with JsScriptError (the guest's own exception).
 *
 * @example
 * expect((await scriptError(sandbox.run('null.x'))).errorName).toBe('TypeError');
 */
export async function scriptError(promise: Promise<unknown>): Promise<JsScriptError> {
  const e = await rejection(promise);
  if (!JsScriptError.isInstance(e)) throw new Error(`expected JsScriptError, got ${String(e)}`);
  return e;
}
