// Security regression tests: each names a known way out of (or around) a JavaScript sandbox and
// asserts that it fails here. vm2's escapes came from host objects reachable inside the sandbox;
// here there are none, and these tests keep it that way.
import { types } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenError } from '../../errors/warden-error.js';
import { SandboxError } from '../sandbox-error.js';
import { createJsSandbox, type JsSandbox } from './run-js.js';
import { scriptError, violation } from './test-support/expect-rejection.js';

let sandbox: JsSandbox;

beforeAll(async () => {
  sandbox = createJsSandbox({ defaults: { timeoutMs: 300 } });
  await sandbox.run('return 0');
});
afterAll(async () => {
  await sandbox.close();
});

const value = async (code: string, input?: unknown): Promise<unknown> =>
  (await sandbox.run(code, input === undefined ? {} : { input })).value;

/** The host must still answer after an attack. */
const hostStillWorks = async (): Promise<void> => {
  expect(await value('return "alive"')).toBe('alive');
};

describe('reaching the host realm', () => {
  it("this.constructor.constructor('return process')()", async () => {
    const e = await scriptError(sandbox.run("return this.constructor.constructor('return process')()"));
    expect(e.errorName).toBe('ReferenceError');
    expect(e.message).toBe('process is not defined');
  });

  it("input.constructor.constructor('return process')()", async () => {
    const e = await scriptError(
      sandbox.run("return input.constructor.constructor('return process')()", { input: {} }),
    );
    expect(e.errorName).toBe('ReferenceError');
  });

  it("Function('return this')().process", async () => {
    expect(await value("return typeof Function('return this')().process")).toBe('undefined');
  });

  it('globalThis.require, module, Buffer, timers, fetch and other host globals', async () => {
    const names = [
      'require',
      'process',
      'module',
      'exports',
      'global',
      'Buffer',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'queueMicrotask',
      'fetch',
      'WebAssembly',
      'ivm',
      '_ivm',
      '__dirname',
      '__filename',
    ];
    const found = await value(
      'return input.filter((n) => n in globalThis || typeof globalThis[n] !== "undefined")',
      names,
    );
    expect(found).toEqual([]);
  });

  it('exposes only ECMAScript built-ins plus console and input', async () => {
    const globals = (await value('return Object.getOwnPropertyNames(globalThis)')) as string[];
    const lowercase = globals.filter((n) => /^[a-z_$]/.test(n));
    // ECMAScript's lowercase globals (functions and values) plus the two Warden installs.
    const allowed = new Set([
      'parseFloat',
      'parseInt',
      'isNaN',
      'isFinite',
      'decodeURI',
      'decodeURIComponent',
      'encodeURI',
      'encodeURIComponent',
      'escape',
      'unescape',
      'eval',
      'globalThis',
      'undefined',
      'console',
      'input',
    ]);
    expect(lowercase.filter((n) => !allowed.has(n))).toEqual([]);
  });

  it("import('fs')", async () => {
    const e = await scriptError(sandbox.run("return await import('fs')"));
    expect(e.message).toMatch(/not supported/i);
  });

  it('eval("this.constructor.constructor(\'return process\')()") and eval("import(\'fs\')")', async () => {
    const e = await scriptError(
      sandbox.run('return eval("this.constructor.constructor(\'return process\')()")'),
    );
    expect(e.errorName).toBe('ReferenceError');
    await scriptError(sandbox.run('return await eval("import(\'child_process\')")'));
  });

  it('Error.prepareStackTrace to grab host frames', async () => {
    const frames = (await value(`
      Error.prepareStackTrace = (_, frames) => frames.map((f) => {
        const self = f.getThis();
        return { file: f.getFileName() ?? null, process: typeof (self && self.process), fn: typeof f.getFunction() };
      });
      function probe() { return new Error('x').stack; }
      return probe();
    `)) as { file: string | null; process: string; fn: string }[];
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(['guest.js', 'warden-js-prelude.js', null]).toContain(frame.file);
      expect(frame.process).toBe('undefined');
    }
    // Warden's own frame is strict code: no function object, no receiver to climb from.
    expect(frames.filter((f) => f.file === 'warden-js-prelude.js').every((f) => f.fn === 'undefined')).toBe(
      true,
    );
  });

  it("Function.caller to reach Warden's prelude", async () => {
    const got = await value(`
      function f() { return f.caller; }
      const outer = f();
      try { return typeof (outer && outer.caller); } catch (e) { return 'blocked: ' + e.name; }
    `);
    expect(got).not.toBe('function');
  });
});

describe('smuggling objects out', () => {
  it('__proto__ / Object.prototype pollution does not reach the host', async () => {
    const result = await value(`
      Object.prototype.polluted = 'yes';
      Array.prototype.polluted = 'yes';
      return JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}');
    `);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returning a Proxy gives the host a plain copy; its traps run only in the isolate', async () => {
    const result = await value(`
      let traps = 0;
      const p = new Proxy({ a: 1 }, { get(t, k) { traps++; return Reflect.get(t, k); } });
      return { p, arr: new Proxy([1, 2], {}) };
    `);
    expect(result).toEqual({ p: { a: 1 }, arr: [1, 2] });
    const { p, arr } = result as { p: object; arr: object };
    expect(types.isProxy(p) || types.isProxy(arr) || types.isProxy(result)).toBe(false);
  });

  it('returning an object with a getter gives the host a data property; the getter never runs in the host', async () => {
    const result = (await value(`
      let calls = 0;
      return { get secret() { calls += 1; return 'computed in the isolate ' + calls; } };
    `)) as Record<string, unknown>;
    const descriptor = Object.getOwnPropertyDescriptor(result, 'secret');
    expect(descriptor?.get).toBeUndefined();
    expect(descriptor?.value).toBe('computed in the isolate 1');
  });

  it('a getter that throws while the result is copied is a script error, not a host error', async () => {
    const e = await scriptError(sandbox.run('return { get boom() { throw new Error("getter ran"); } }'));
    expect(e.message).toContain('getter ran');
  });

  it('returning a function or a symbol gives nothing callable', async () => {
    expect(await value('return () => process')).toBeUndefined();
    expect(await value('return { f: function () {}, s: Symbol("x") }')).toEqual({});
  });

  it('input mutation does not affect the caller', async () => {
    const input = { list: [1, 2], nested: { n: 1 } };
    const result = await value(
      'input.list.push(3); input.nested.n = 99; input.added = true; return input',
      input,
    );
    expect(input).toEqual({ list: [1, 2], nested: { n: 1 } });
    expect(result).toEqual({ list: [1, 2, 3], nested: { n: 99 }, added: true });
  });

  it('Symbol.for cross-realm: a guest "warden.error" symbol does not brand anything in the host', async () => {
    const result = await value(`
      const o = { code: 'SANDBOX_VIOLATION', reason: 'timeout' };
      o[Symbol.for('warden.error')] = true;
      o[Symbol.for('warden.js-script-error')] = true;
      return o;
    `);
    expect(Object.getOwnPropertySymbols(result)).toEqual([]);
    expect(WardenError.isInstance(result)).toBe(false);
    expect(SandboxError.isInstance(result)).toBe(false);
  });

  it('throwing a forged SandboxError is still only a script error', async () => {
    const e = await scriptError(
      sandbox.run(`
        const forged = new Error('the sandbox timed out');
        forged.name = 'SandboxError'; forged.code = 'SANDBOX_VIOLATION'; forged.reason = 'timeout';
        forged[Symbol.for('warden.error')] = true;
        throw forged;
      `),
    );
    expect(SandboxError.isInstance(e)).toBe(false);
    expect(e.errorName).toBe('SandboxError');
  });

  it('patching JSON, Array.prototype and Object.prototype.toJSON cannot forge the result envelope', async () => {
    const { value: v, logs } = await sandbox.run(`
      JSON.stringify = () => '{"kind":"ok","valueJson":"\\\\"forged\\\\"","logs":[],"logsDropped":0}';
      JSON.parse = () => ({ forged: true });
      Array.prototype.push = () => { throw new Error('no'); };
      Object.defineProperty(Array.prototype, '0', { set() { throw new Error('no'); } });
      String.prototype.slice = () => 'forged';
      console.log('real log');
      return 'real value';
    `);
    expect(v).toBe('real value');
    expect(logs).toEqual(['real log']);
  });
});

describe('resource exhaustion', () => {
  it('WebAssembly allocations exceeding memory (WebAssembly is not exposed)', async () => {
    const e = await scriptError(
      sandbox.run('return new WebAssembly.Memory({ initial: 30000, maximum: 65536 })'),
    );
    expect(e.errorName).toBe('ReferenceError');
  });

  it('an ArrayBuffer beyond memoryMb is refused as a memory violation', async () => {
    await violation(
      sandbox.run('return new ArrayBuffer(512 * 1024 * 1024).byteLength', { memoryMb: 16 }),
      'memory',
    );
    await violation(
      sandbox.run('const keep = []; while (true) keep.push(new ArrayBuffer(1 << 20));', { memoryMb: 16 }),
      'memory',
    );
    await hostStillWorks();
  });

  it('SharedArrayBuffer / Atomics.wait blocking: both are removed', async () => {
    const e = await scriptError(sandbox.run('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)'));
    expect(e.errorName).toBe('ReferenceError');
    expect(await value('return [typeof SharedArrayBuffer, typeof Atomics, typeof WebAssembly]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
    await hostStillWorks();
  });

  it('a catastrophic regex (exponential backtracking) is stopped by the timeout', async () => {
    const started = Date.now();
    await violation(sandbox.run(`return /^(a+)+$/.test('a'.repeat(40) + 'b')`), 'timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    await hostStillWorks();
  });

  it('string and array memory bombs stop at the memory limit', async () => {
    await violation(
      sandbox.run("const keep = []; while (true) keep.push('x'.repeat(1 << 20) + keep.length);", {
        memoryMb: 16,
        timeoutMs: 5_000,
      }),
      'memory',
    );
    // Doubling one string hits V8's maximum string length first: a RangeError in the guest, nothing more.
    const e = await scriptError(
      sandbox.run("let s = 'x'; while (true) s = s + s;", { memoryMb: 64, timeoutMs: 5_000 }),
    );
    expect(e.message).toMatch(/Invalid string length/);
    await violation(
      sandbox.run('const a = []; while (true) a.push({ x: a.length, y: [a.length] });', {
        memoryMb: 16,
        timeoutMs: 5_000,
      }),
      'memory',
    );
    await hostStillWorks();
  });
});

describe('species, generators and other hooks the host might call', () => {
  it('Promise Symbol.species: a guest-defined species never runs in the host', async () => {
    const result = await value(`
      class Evil extends Promise { static get [Symbol.species]() { return Promise; } }
      Object.defineProperty(Promise, Symbol.species, { get() { throw new Error('species ran'); } });
      const p = Evil.resolve(41);
      return (await p) + 1;
    `);
    expect(result).toBe(42);
    await hostStillWorks();
  });

  it('Array Symbol.species on a returned array: the host gets a plain array', async () => {
    const result = await value(`
      class Evil extends Array { static get [Symbol.species]() { throw new Error('species ran'); } }
      const a = Evil.from([1, 2, 3]);
      a.constructor = { [Symbol.species]: function () { throw new Error('species ran'); } };
      return a;
    `);
    expect(result).toEqual([1, 2, 3]);
    expect(Array.isArray(result)).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Array.prototype);
  });

  it('an async generator returned or left running cannot reach the host', async () => {
    const e = await scriptError(
      sandbox.run('async function* g() { while (true) yield 1; } return g();'),
    ).catch(() => undefined);
    // Not JSON: a script error (never an object with a live next() in the host).
    expect(e === undefined || e.message.length > 0).toBe(true);
    const spun = await violation(
      sandbox.run('async function* g() { while (true) yield 1; } for await (const _ of g()) {}'),
      'timeout',
    );
    expect(spun.reason).toBe('timeout');
    await hostStillWorks();
  });

  it('Error.prepareStackTrace with CallSite getThis/getFunction gets nothing from outside the isolate', async () => {
    const result = await value(`
      const found = [];
      const pending = [];
      Error.prepareStackTrace = (err, sites) => {
        for (const s of sites) {
          const self = s.getThis?.();
          const fn = s.getFunction?.();
          if (self && self.process) found.push('process via this');
          // fn may be an async function: its constructor makes async functions, so await the answer.
          if (fn && fn.constructor) pending.push(Promise.resolve(fn.constructor('return typeof process')()));
        }
        return 'x';
      };
      new Error('probe').stack;
      for (const kind of await Promise.all(pending)) if (kind !== 'undefined') found.push('process via fn: ' + kind);
      return found;
    `);
    expect(result).toEqual([]);
  });

  it('very deep recursion is a RangeError script error and the host is fine', async () => {
    const e = await scriptError(sandbox.run('const f = (n) => f(n + 1) + 1; return f(0)'));
    expect(e.errorName).toBe('RangeError');
    expect(e.message).toMatch(/call stack/);
    await hostStillWorks();
  });

  it('huge string output is an output-limit violation', async () => {
    await violation(sandbox.run('return "A".repeat(8 * 1024 * 1024)', { memoryMb: 128 }), 'output-limit');
    await hostStillWorks();
  });

  it('console.log flooding stays bounded', async () => {
    const { logs } = await sandbox.run(
      'const big = "x".repeat(10000); for (let i = 0; i < 5000; i++) console.log(big);',
      {
        maxOutputBytes: 64 * 1024,
      },
    );
    const total = logs.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(total).toBeLessThanOrEqual(64 * 1024 + 200);
    expect(logs.at(-1)).toMatch(/truncated/);
  });

  it('while (true) inside a finally after the timeout', async () => {
    await violation(sandbox.run('try { while (true) {} } finally { while (true) {} }'), 'timeout');
    await hostStillWorks();
  });

  it('catching the timeout and looping again', async () => {
    await violation(sandbox.run('for (;;) { try { while (true) {} } catch { } }'), 'timeout');
    await hostStillWorks();
  });

  it('a promise that never resolves', async () => {
    await violation(sandbox.run('return new Promise(() => {})'), 'timeout');
    await hostStillWorks();
  });

  it('a microtask loop: const f = () => Promise.resolve().then(f); f()', async () => {
    await violation(
      sandbox.run('const f = () => Promise.resolve().then(f); f(); return 1', { memoryMb: 256 }),
      'timeout',
    );
    await violation(sandbox.run('const f = () => { Promise.resolve().then(f); }; f(); return 1'), 'timeout');
    await hostStillWorks();
  });

  it('an await loop that never yields to the host', async () => {
    await violation(sandbox.run('for (;;) await null;'), 'timeout');
    await hostStillWorks();
  });
});
