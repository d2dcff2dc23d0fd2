// The guest's own code threw (or did not compile). That is not a sandbox violation: the sandbox held,
// the script simply failed, so this is a separate type from SandboxError and carries no Warden code.
// Everything in it is text copied out of the isolate; the guest's stack is reduced to guest frames.

const BRAND = Symbol.for('warden.js-script-error');

/** Frame lines that name a location the guest does not own (Warden's prelude, a host path). */
const PRELUDE_FRAME = /warden-js-prelude\.js/;
const HOST_LOCATION = /(?:file:\/\/|node:|\/)[^\s():]*\//;

/**
 * Keep the guest's stack text but drop frame lines that are not the guest's: Warden's own prelude
 * frames, and any frame naming a host path (none should exist; this is a second line of defence).
 *
 * @example
 * sanitizeGuestStack('Error: x\n    at guest.js:1:7\n    at settle (warden-js-prelude.js:3:1)'); // 'Error: x\n    at guest.js:1:7'
 */
export function sanitizeGuestStack(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => {
      if (!/^\s+at /.test(line)) return true;
      return !PRELUDE_FRAME.test(line) && !HOST_LOCATION.test(line);
    })
    .join('\n');
}

export interface JsScriptErrorDetails {
  /** The guest error's `name` (`TypeError`, `RangeError`, `SyntaxError`, ...); `Error` when it threw a non-error. */
  errorName: string;
  /** The guest's stack text, sanitized. */
  guestStack?: string;
  /** What the guest logged before it threw (bounded like a successful run's logs). */
  logs?: readonly string[];
}

/**
 * The script run in the JS sandbox threw, rejected, returned something that is not JSON-serializable,
 * or failed to compile. `message` is the guest's message; `errorName` its error type.
 *
 * @example
 * try { await runJs('null.x'); }
 * catch (e) { if (JsScriptError.isInstance(e)) console.error(e.errorName, e.message, e.guestStack); }
 */
export class JsScriptError extends Error {
  readonly errorName: string;
  readonly guestStack: string;
  readonly logs: readonly string[];
  readonly [BRAND] = true;

  constructor(message: string, details: JsScriptErrorDetails) {
    super(message);
    this.name = 'JsScriptError';
    this.errorName = details.errorName;
    this.guestStack = sanitizeGuestStack(details.guestStack ?? '');
    this.logs = details.logs ?? [];
  }

  /** Works across package copies and realms, unlike `instanceof`. */
  static isInstance(value: unknown): value is JsScriptError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
