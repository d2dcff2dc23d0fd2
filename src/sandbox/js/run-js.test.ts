// Behaviour of the JS sandbox: results, logs, limits, typed errors, and the host process lifecycle.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { SandboxError } from '../sandbox-error.js';
import { createJsSandbox, runJs, type JsSandbox } from './run-js.js';
import { rejection, scriptError, violation } from './test-support/expect-rejection.js';

let sandbox: JsSandbox;

beforeAll(async () => {
  sandbox = createJsSandbox();
  await sandbox.run('return 0');
});
afterAll(async () => {
  await sandbox.close();
});

/** The Node host itself: the launcher (sh/bwrap) pid's descendant that runs js-host.mjs. */
function nodeHostPid(launcherPid: number): number {
  const queue = [launcherPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes('js-host.mjs') && !cmdline.includes('bwrap')) return pid;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) queue.push(...children.split(/\s+/).map(Number));
    }
  }
  throw new Error(`no js-host.mjs process under ${launcherPid}`);
}

describe('results', () => {
  it('returns the value of `return`, with `await` and the `input` global', async () => {
    const result = await sandbox.run('const n = await Promise.resolve(input.n); return { doubled: n * 2 }', {
      input: { n: 21 },
    });
    expect(result.value).toEqual({ doubled: 42 });
    expect(result.logs).toEqual([]);
    expect(result.wallTimeMs).toBeGreaterThan(0);
    expect(result.cpuTimeMs).toBeGreaterThan(0);
  });

  it('copies the value as JSON: undefined stays undefined, Dates become strings, functions vanish', async () => {
    expect((await sandbox.run('const x = 1')).value).toBeUndefined();
    expect((await sandbox.run('return { d: new Date(0), f() {}, n: null }')).value).toEqual({
      d: '1970-01-01T00:00:00.000Z',
      n: null,
    });
  });

  it('collects console.log/info/warn/error lines', async () => {
    const { logs } = await sandbox.run(
      'console.log("a", 1, { b: [2] }); console.info(null); console.warn("w"); console.error(new TypeError("e"));',
    );
    expect(logs).toEqual(['a 1 {"b":[2]}', 'null', '[warn] w', '[error] TypeError: e']);
  });

  it('runs each script in a fresh isolate: nothing leaks into the next run', async () => {
    await sandbox.run(
      'globalThis.leak = 1; Object.prototype.leak = 2; Array.prototype.push = null; console.log = null',
    );
    const { value, logs } = await sandbox.run(
      'console.log("still works"); const a = []; a.push(1); return [typeof leak, typeof ({}).leak, a.length]',
    );
    expect(value).toEqual(['undefined', 'undefined', 1]);
    expect(logs).toEqual(['still works']);
  });

  it('serves many runs at once with the right inputs', async () => {
    const limited = createJsSandbox({ maxConcurrentRuns: 3 });
    try {
      const values = await Promise.all(
        Array.from({ length: 12 }, (_, i) => limited.run('return input * input', { input: i })),
      );
      expect(values.map((r) => r.value)).toEqual(Array.from({ length: 12 }, (_, i) => i * i));
    } finally {
      await limited.close();
    }
  });

  it('runJs uses a shared sandbox', async () => {
    expect((await runJs('return input.a + input.b', { input: { a: 1, b: 2 } })).value).toBe(3);
  });

  it('runs with --jitless when asked', async () => {
    const jitless = createJsSandbox({ jitless: true });
    try {
      expect((await jitless.run('let s = 0; for (let i = 0; i < 1e4; i++) s += i; return s')).value).toBe(
        49995000,
      );
    } finally {
      await jitless.close();
    }
  });
});

describe('script errors', () => {
  it('a throw becomes JsScriptError with the guest name, message, stack and logs', async () => {
    const e = await scriptError(
      sandbox.run('console.log("before");\nfunction inner() { return null.x; }\ninner();'),
    );
    expect(e.name).toBe('JsScriptError');
    expect(e.errorName).toBe('TypeError');
    expect(e.message).toMatch(/null/);
    expect(e.guestStack).toContain('at inner (guest.js:2:');
    expect(e.guestStack).not.toMatch(/warden-js-prelude|\/work\/|node:/);
    expect(e.logs).toEqual(['before']);
    expect(SandboxError.isInstance(e)).toBe(false);
  });

  it('a syntax error, a thrown non-error, an unhandled rejection and a non-JSON result are script errors', async () => {
    expect((await scriptError(sandbox.run('return )('))).errorName).toBe('SyntaxError');
    expect((await scriptError(sandbox.run('throw 42'))).message).toBe('42');
    expect(
      (await scriptError(sandbox.run('Promise.reject(new RangeError("later")); return 1'))).errorName,
    ).toBe('RangeError');
    expect((await scriptError(sandbox.run('return 1n'))).message).toMatch(/not JSON-serializable/);
  });

  it('sanitizes a stack that names host paths', async () => {
    const e = await scriptError(
      sandbox.run(
        'const e = new Error("x"); e.stack = "Error: x\\n    at f (/etc/passwd:1:1)\\n    at guest.js:1:1"; throw e',
      ),
    );
    expect(e.guestStack).toBe('Error: x\n    at guest.js:1:1');
  });
});

describe('limits', () => {
  it('stops an infinite loop at timeoutMs and the host stays usable', async () => {
    const pid = sandbox.hostPid;
    const started = Date.now();
    const e = await violation(sandbox.run('while (true) {}', { timeoutMs: 200 }), 'timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(e.limit).toBe(200);
    expect((await sandbox.run('return 1 + 1')).value).toBe(2);
    expect(sandbox.hostPid).toBe(pid);
  });

  it('stops a promise that never settles at timeoutMs', async () => {
    await violation(sandbox.run('await new Promise(() => {})', { timeoutMs: 150 }), 'timeout');
    expect((await sandbox.run('return "ok"')).value).toBe('ok');
  });

  it('stops heap growth at memoryMb with SandboxError memory, and the host stays usable', async () => {
    const pid = sandbox.hostPid;
    const e = await violation(
      sandbox.run('const a = []; while (true) a.push({ x: Math.random(), y: [1, 2, 3] })', { memoryMb: 16 }),
      'memory',
    );
    expect(e.limit).toBe(16);
    expect((await sandbox.run('return 3')).value).toBe(3);
    expect(sandbox.hostPid).toBe(pid);
  });

  it('refuses a result larger than maxOutputBytes', async () => {
    const e = await violation(
      sandbox.run('return "é".repeat(600)', { maxOutputBytes: 1000 }),
      'output-limit',
    );
    expect(e.limit).toBe(1000);
    await violation(sandbox.run('return "x".repeat(2e6)'), 'output-limit');
  });

  it('bounds logs so that result and logs fit maxOutputBytes, and says lines were dropped', async () => {
    const { value, logs } = await sandbox.run(
      'for (let i = 0; i < 1e5; i++) console.log("line " + i); return "v".repeat(500)',
      {
        maxOutputBytes: 2000,
      },
    );
    expect(value).toBe('v'.repeat(500));
    const last = logs.at(-1) ?? '';
    expect(last).toMatch(/^\[warden: log output truncated/);
    const bytes = logs.slice(0, -1).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(bytes + 502).toBeLessThanOrEqual(2000);
    expect(logs[0]).toBe('line 0');
  });
});

describe('abort', () => {
  it('aborts an in-flight run with SandboxError killed; the host stays usable', async () => {
    const pid = sandbox.hostPid;
    const controller = new AbortController();
    const run = sandbox.run('while (true) {}', { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await violation(run, 'killed');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await sandbox.run('return 4')).value).toBe(4);
    expect(sandbox.hostPid).toBe(pid);
  });

  it('refuses a run whose signal is already aborted', async () => {
    await violation(sandbox.run('return 1', { signal: AbortSignal.abort() }), 'killed');
  });
});

describe('host process', () => {
  it('runs the host in the process sandbox with a minimal environment, --no-node-snapshot, no WebAssembly and least permissions', () => {
    const pid = nodeHostPid(sandbox.hostPid!);
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    expect(environ.map((v) => v.split('=')[0]).sort()).toEqual([
      'HOME',
      'LANG',
      'NODE_CHANNEL_FD',
      'NODE_CHANNEL_SERIALIZATION_MODE',
      'PATH',
      'PWD',
      'TMPDIR',
    ]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    expect(status).toMatch(/^Seccomp:\s+2$/m);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    expect(status).toMatch(/^CapEff:\s+0+$/m);
    // Its own pid, user and network namespaces: not ours.
    for (const ns of ['pid', 'user', 'net', 'mnt']) {
      expect(readlinkSync(`/proc/${pid}/ns/${ns}`)).not.toBe(readlinkSync(`/proc/self/ns/${ns}`));
    }
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toContain('--no-node-snapshot');
    expect(cmdline).toContain('--no-expose-wasm');
    const flags = process.allowedNodeEnvironmentFlags;
    if (flags.has('--permission') || flags.has('--experimental-permission')) {
      expect(cmdline.some((a) => a === '--permission' || a === '--experimental-permission')).toBe(true);
      expect(cmdline.filter((a) => a.startsWith('--allow-')).sort()).toEqual([
        '--allow-addons',
        expect.stringMatching(/^--allow-fs-read=.*isolated-vm\/$/),
        expect.stringMatching(/^--allow-fs-read=.*sandbox\/js\/$/),
      ]);
    }
  });

  it('a host killed mid-run fails that run with a typed error; the next run gets a fresh host', async () => {
    const own = createJsSandbox();
    try {
      await own.run('return 0');
      const pid = own.hostPid!;
      const run = own.run('while (true) {}', { timeoutMs: 10_000 });
      setTimeout(() => process.kill(pid, 'SIGKILL'), 100);
      const e = await violation(run, 'killed');
      expect(e.message).toMatch(/exited unexpectedly \(signal SIGKILL\)/);
      expect((await own.run('return 5')).value).toBe(5);
      expect(own.hostPid).not.toBe(pid);
    } finally {
      await own.close();
    }
  });

  it('a guest that outgrows its heap faster than the limit can stop it takes down only the host', async () => {
    const own = createJsSandbox();
    try {
      await own.run('return 0');
      const pid = own.hostPid;
      const e = await violation(own.run('return new Array(1e9).fill(0).length', { memoryMb: 16 }), 'memory');
      expect(e.message).not.toMatch(/\/usr\/|file:|node_modules/);
      expect((await own.run('return 7')).value).toBe(7);
      expect(own.hostPid).not.toBe(pid);
    } finally {
      await own.close();
    }
  });

  it('kills a host that stops answering (watchdog) and reports the overrun as a timeout', async () => {
    const own = createJsSandbox({ watchdogGraceMs: 300 });
    try {
      await own.run('return 0');
      const pid = own.hostPid!;
      process.kill(nodeHostPid(pid), 'SIGSTOP');
      const started = Date.now();
      await violation(own.run('return 1', { timeoutMs: 200 }), 'timeout');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await own.run('return 6')).value).toBe(6);
      expect(own.hostPid).not.toBe(pid);
    } finally {
      await own.close();
    }
  });

  it('close() fails in-flight and later runs with SandboxError killed', async () => {
    const own = createJsSandbox();
    await own.run('return 0');
    const run = own.run('while (true) {}', { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await own.close();
    await violation(run, 'killed');
    await violation(own.run('return 1'), 'killed');
  });

  it('close() while the host is still starting fails the waiting run with SandboxError killed', async () => {
    const own = createJsSandbox();
    const run = own.run('return 1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(own.hostPid).toBeGreaterThan(0);
    await own.close();
    await violation(run, 'killed');
  });
});

describe('options', () => {
  it('rejects bad options with InvalidArgument naming the option', async () => {
    const cases: [unknown, string][] = [
      [{ memoryMb: 4 }, 'memoryMb'],
      [{ timeoutMs: 0 }, 'timeoutMs'],
      [{ maxOutputBytes: 1.5 }, 'maxOutputBytes'],
      [{ input: { n: 1n } }, 'input'],
      [{ input: () => 1 }, 'input'],
    ];
    for (const [options, field] of cases) {
      const e = await rejection(sandbox.run('return 1', options as never));
      expect(WardenError.isInstance(e) && e.code).toBe(WardenErrorCode.InvalidArgument);
      expect((e as WardenError).message).toContain(field);
    }
    const e = await rejection(sandbox.run(42 as never));
    expect(WardenError.isInstance(e) && e.code).toBe(WardenErrorCode.InvalidArgument);
  });
});

describe('script mode', () => {
  it('returns the completion value, awaited if it is a promise', async () => {
    expect((await runJs('1 + 2', { mode: 'script' })).value).toBe(3);
    expect((await runJs('const a = [1, 2]; a.map((x) => x * 10)', { mode: 'script' })).value).toEqual([
      10, 20,
    ]);
    expect((await runJs('Promise.resolve(input.n + 1)', { mode: 'script', input: { n: 41 } })).value).toBe(
      42,
    );
    expect((await runJs('var x = 5;', { mode: 'script' })).value).toBeUndefined();
  });

  it('reports syntax errors and throws as script errors', async () => {
    await scriptError(runJs('1 +', { mode: 'script' }));
    const e = await scriptError(runJs('throw new TypeError("bad")', { mode: 'script' }));
    expect(e.errorName).toBe('TypeError');
  });

  it('rejects an unknown mode, naming the option', async () => {
    await expect(runJs('1', { mode: 'module' as never })).rejects.toThrow(/mode/);
  });
});
