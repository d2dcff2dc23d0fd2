// The code Warden runs inside each fresh isolate before the guest's own code. It installs `console`
// and `input`, removes what the guest must not have, and returns `settle`: the only way a result
// leaves the isolate. Nothing here is a host object: the isolate holds no callable that reaches the
// host, so every value that crosses is a string built by this code (the host parses and checks it).
//
// `guestPrelude` is compiled from its own source text (`GUEST_PRELUDE_SOURCE`), so it must stay
// self-contained: no references to anything outside the function. It captures the intrinsics it uses
// before the guest runs, and builds its answer only from primitive strings, so a guest that patches
// `JSON`, `Array.prototype` or `Object.prototype.toJSON` cannot change the shape of the envelope.

/** File name guest frames carry in stack traces (line 1 is the first line of the guest's code). */
export const GUEST_FILENAME = 'guest.js';

/** File name of this prelude inside the isolate; its frames are removed from guest stacks. */
export const PRELUDE_FILENAME = 'warden-js-prelude.js';

/**
 * Runs inside the isolate. Returns `settle(guest)`, which calls and awaits the guest's function and answers
 * one JSON text: `{"kind":"ok","valueJson":...}`, `{"kind":"throw",...}` or `{"kind":"output-limit",...}`,
 * each with the bounded logs.
 *
 * @example
 * // in the host: context.evalClosure(`return (${GUEST_PRELUDE_SOURCE})($0, $1, $2)`, [inputJson, 1048576, 16384])
 */
export function guestPrelude(inputJson, maxOutputChars, maxErrorChars) {
  'use strict';
  const g = globalThis;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const toText = String;
  const apply = Reflect.apply;
  const sliceText = String.prototype.slice;
  const defineProperty = Object.defineProperty;
  const ErrorClass = Error;
  const MAX_LOG_LINES = 10000;

  // Defence in depth: the host process also starts with --no-expose-wasm. WebAssembly memory is
  // reserved outside the isolate's heap limit, so a guest could otherwise take gigabytes.
  delete g.WebAssembly;
  // Shared memory and Atomics: Atomics.wait blocks the isolate's thread outside the microtask queue,
  // and shared buffers are the raw material of timing side channels. Guest code needs neither.
  delete g.SharedArrayBuffer;
  delete g.Atomics;

  const cut = (text, max) => (text.length > max ? apply(sliceText, text, [0, max]) : text);

  const show = (value) => {
    try {
      if (typeof value === 'string') return value;
      if (typeof value === 'function') return '[Function]';
      if (typeof value === 'object' && value !== null) {
        if (value instanceof ErrorClass) return toText(value);
        const json = stringify(value);
        if (typeof json === 'string') return json;
      }
      return toText(value);
    } catch {
      return '[unprintable]';
    }
  };

  let logText = '';
  let logChars = 0;
  let logLines = 0;
  let dropped = 0;

  const record = (prefix, args) => {
    if (logLines >= MAX_LOG_LINES || logChars >= maxOutputChars) {
      dropped += 1;
      return;
    }
    let line = prefix;
    for (let i = 0; i < args.length && line.length <= maxOutputChars; i += 1) {
      line += (i === 0 ? '' : ' ') + show(args[i]);
    }
    line = cut(line, maxOutputChars - logChars);
    logText += (logLines === 0 ? '' : ',') + stringify(line);
    logChars += line.length + 1;
    logLines += 1;
  };

  const logger =
    (prefix) =>
    (...args) => {
      record(prefix, args);
    };
  const console = {
    log: logger(''),
    info: logger(''),
    debug: logger(''),
    warn: logger('[warn] '),
    error: logger('[error] '),
  };
  defineProperty(g, 'console', { value: console, writable: true, configurable: true, enumerable: false });
  defineProperty(g, 'input', {
    value: inputJson === undefined ? undefined : parse(inputJson),
    writable: true,
    configurable: true,
    enumerable: false,
  });

  const logsPart = () => ',"logs":[' + logText + '],"logsDropped":' + dropped + '}';

  const describe = (thrown, prefix) => {
    let name = 'Error';
    let message = '';
    let stack = '';
    try {
      if ((typeof thrown === 'object' && thrown !== null) || typeof thrown === 'function') {
        const n = thrown.name;
        if (typeof n === 'string') name = n;
        const m = thrown.message;
        message = typeof m === 'string' ? m : show(thrown);
        const s = thrown.stack;
        if (typeof s === 'string') stack = s;
      } else {
        message = show(thrown);
      }
    } catch {
      if (message === '') message = '[unprintable exception]';
    }
    return (
      '"name":' +
      stringify(cut(name, 200)) +
      ',"message":' +
      stringify(cut(prefix + message, maxErrorChars)) +
      ',"stack":' +
      stringify(cut(stack, maxErrorChars))
    );
  };

  // `guest` is the guest's code compiled as an async function and not yet called: calling it here,
  // under `await`, means its rejection is always handled (isolated-vm fails a run on unhandled ones).
  return async function settle(guest) {
    let value;
    try {
      value = await guest();
    } catch (thrown) {
      return '{"kind":"throw",' + describe(thrown, '') + logsPart();
    }
    let valueJson;
    try {
      valueJson = stringify(value);
    } catch (thrown) {
      return '{"kind":"throw",' + describe(thrown, 'the result is not JSON-serializable: ') + logsPart();
    }
    if (valueJson === undefined) return '{"kind":"ok","valueJson":null' + logsPart();
    if (valueJson.length > maxOutputChars) {
      return '{"kind":"output-limit","size":' + valueJson.length + logsPart();
    }
    return '{"kind":"ok","valueJson":' + stringify(valueJson) + logsPart();
  };
}

/** Source text of `guestPrelude`, as compiled inside each isolate. */
export const GUEST_PRELUDE_SOURCE = `(${guestPrelude.toString()})`;
