// Sandbox costs: the process sandbox's start overhead over a bare spawn (without and with the egress
// proxy), a trivial JS sandbox run (cold and warm), and the egress proxy's CONNECT tunnel (setup
// latency and throughput). Every comparison is measured in this one run. One JSON line per result.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileNetworkScope } from '../dist/policy/rules/urls/network-scope.js';
import { startEgressProxy } from '../dist/sandbox/egress/index.js';
import { createJsSandbox } from '../dist/sandbox/js/index.js';
import { runSandboxed } from '../dist/sandbox/process/run-sandboxed.js';
import { summariseMs } from './stats.mjs';

const emit = (o) => console.log(JSON.stringify(o));
const r1 = (x) => Math.round(x * 10) / 10;
const r3 = (x) => Math.round(x * 1000) / 1000;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const asRoot = process.getuid?.() === 0;

/** p50/p90/p99 in ms (3 decimals), nearest-rank: for runs too short for summariseMs's 0.1 ms. */
function fineMs(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return {
    n: s.length,
    p50_ms: r3(at(50)),
    p90_ms: r3(at(90)),
    p99_ms: r3(at(99)),
    max_ms: r3(s[s.length - 1]),
  };
}

/** Spawn a program with no sandbox and wait for it to close (the floor under a sandboxed run). */
function spawnBare(command) {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command[0]} exited ${code}`))));
  });
}

async function timed(fn) {
  const t = nowMs();
  await fn();
  return nowMs() - t;
}

/**
 * Time each arm (an async function) `n` times, interleaved and rotating which goes first, so that
 * drift on the VM (other load, page cache, cgroup churn) hits every arm alike.
 */
async function interleave(arms, { warmup, n }) {
  const fns = Object.values(arms);
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      samples[j].push(await timed(fns[j]));
    }
  }
  return Object.fromEntries(Object.keys(arms).map((name, j) => [name, summariseMs(samples[j])]));
}

const TRUE = ['/bin/true'];
const bare = () => spawnBare(TRUE);
const sandboxed = (options) => async () => {
  const r = await runSandboxed({ command: TRUE, ...options });
  if (r.exitCode !== 0) throw new Error(`sandboxed run exited ${r.exitCode}: ${r.stderr}`);
};
// The floor under any bubblewrap sandbox: new namespaces, /usr, /proc and /dev, nothing else.
const BWRAP_MINIMAL = [
  ...['--unshare-all', '--die-with-parent', '--ro-bind', '/usr', '/usr'],
  ...['--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64'],
  ...['--proc', '/proc', '--dev', '/dev', '--', '/bin/true'],
];

// 1. Process sandbox start overhead.
const cgroupNote = asRoot
  ? 'runs as root here: each sandboxed run also creates, fills and removes a pids cgroup'
  : 'runs unprivileged: the process limit is RLIMIT_NPROC, no cgroup';
{
  const arms = {
    bare,
    bwrap: () => spawnBare(['bwrap', ...BWRAP_MINIMAL]),
    sandbox: sandboxed({}),
    ...(asRoot ? { hostUser: sandboxed({ hostUser: { uid: 65534, gid: 65534 } }) } : {}),
  };
  const t = await interleave(arms, { warmup: 5, n: 60 });
  emit({ bench: 'spawn-bare', ...t.bare, command: '/bin/true', note: 'child_process.spawn, wait for close' });
  emit({
    bench: 'sandbox-start',
    ...t.sandbox,
    added_p50_ms: r1(t.sandbox.p50_ms - t.bare.p50_ms),
    added_p90_ms: r1(t.sandbox.p90_ms - t.bare.p90_ms),
    command: '/bin/true',
    note: `runSandboxed (bwrap + seccomp + limits, no network) vs bare spawn, interleaved; ${cgroupNote}`,
  });
  if (t.hostUser) {
    emit({
      bench: 'sandbox-start-host-user',
      ...t.hostUser,
      added_p50_ms: r1(t.hostUser.p50_ms - t.bare.p50_ms),
      command: '/bin/true',
      note: 'runSandboxed with hostUser { uid: 65534 } (root starts the sandbox as an unprivileged user: no cgroup, RLIMIT_NPROC holds), interleaved with the arms above',
    });
  }
  emit({
    bench: 'bwrap-minimal',
    ...t.bwrap,
    added_p50_ms: r1(t.bwrap.p50_ms - t.bare.p50_ms),
    command: `bwrap ${BWRAP_MINIMAL.join(' ')}`,
    note: 'diagnostic: the floor of any bubblewrap sandbox on this host (namespaces, /usr, /proc, /dev), interleaved with the two above',
  });
}
{
  const network = { allow: ['example.com'] };
  const t = await interleave({ bare, sandbox: sandboxed({ network }) }, { warmup: 2, n: 20 });
  emit({
    bench: 'sandbox-start-network',
    ...t.sandbox,
    added_p50_ms: r1(t.sandbox.p50_ms - t.bare.p50_ms),
    bare_p50_ms: t.bare.p50_ms,
    command: '/bin/true',
    note: `network: { allow: ['example.com'] }: egress proxy on the host + the in-sandbox egress bridge (a Node process) before the command; ${cgroupNote}`,
  });
}

// 2. JS sandbox: a trivial snippet, cold (host process start) then warm.
{
  const sandbox = createJsSandbox();
  try {
    const code = 'return 1 + 1';
    const check = (r) => {
      if (r.value !== 2) throw new Error(`js sandbox returned ${JSON.stringify(r.value)}`);
    };
    const t = nowMs();
    check(await sandbox.run(code));
    const coldMs = nowMs() - t;
    for (let i = 0; i < 20; i++) check(await sandbox.run(code));
    const samples = [];
    const inHost = [];
    for (let i = 0; i < 200; i++) {
      const s = nowMs();
      const r = await sandbox.run(code);
      samples.push(nowMs() - s);
      check(r);
      inHost.push(r.wallTimeMs);
    }
    emit({
      bench: 'js-sandbox-trivial',
      ...fineMs(samples),
      cold_first_run_ms: r1(coldMs),
      in_host_p50_ms: fineMs(inHost).p50_ms,
      code,
      note: "createJsSandbox() defaults (host in the process sandbox); cold = host start + first run; in_host = the run's wallTimeMs (isolate creation included); then 20 warm-up and 200 timed runs, each a fresh isolate",
    });
  } finally {
    await sandbox.close();
  }
}

// 3. Egress proxy: CONNECT tunnel setup latency and throughput to a local sink.
{
  const dir = mkdtempSync(join(tmpdir(), 'warden-sandbox-bench-'));
  const sinkSockets = new Set();
  let received = 0;
  let waiter;
  const sink = createServer((socket) => {
    sinkSockets.add(socket);
    socket.on('close', () => sinkSockets.delete(socket));
    socket.on('error', () => {});
    socket.on('data', (d) => {
      received += d.length;
      if (waiter && received >= waiter.bytes) {
        const w = waiter;
        waiter = undefined;
        w.resolve();
      }
    });
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = sink.address().port;
  const proxy = await startEgressProxy({
    socketPath: join(dir, 'egress.sock'),
    // A bare host allows its scheme's default ports only (80, 443): name the sink's port.
    network: compileNetworkScope({ allow: [`bench.test:${port}`] }),
    lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    isAddressAllowed: (ip) => ip === '127.0.0.1',
  });

  /** Open a CONNECT tunnel through the proxy; resolves with the socket once the 200 line arrived. */
  const tunnel = () =>
    new Promise((resolve, reject) => {
      const socket = connect(proxy.socketPath);
      let head = '';
      const onData = (d) => {
        head += d.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        if (!head.startsWith('HTTP/1.1 200')) {
          socket.destroy();
          reject(new Error(`proxy refused: ${head.split('\r\n')[0]}`));
        } else resolve(socket);
      };
      socket.on('data', onData);
      socket.on('error', reject);
      socket.on('connect', () =>
        socket.write(`CONNECT bench.test:${port} HTTP/1.1\r\nHost: bench.test:${port}\r\n\r\n`),
      );
    });
  const closeSocket = (socket) =>
    new Promise((resolve) => {
      socket.once('close', resolve);
      socket.destroy();
    });

  /** Write `bytes` in 64 KB chunks with backpressure; resolves when the sink has them all. */
  const stream = (socket, bytes) => {
    const chunk = randomFillSync(Buffer.alloc(64 * 1024));
    const done = new Promise((resolve) => (waiter = { bytes: received + bytes, resolve }));
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
    return done;
  };

  try {
    // Setup latency: connect to the proxy socket, CONNECT, 200 (DNS via the stub, upstream connect).
    for (let i = 0; i < 20; i++) await closeSocket(await tunnel());
    const setup = [];
    for (let i = 0; i < 200; i++) {
      const t = nowMs();
      const socket = await tunnel();
      setup.push(nowMs() - t);
      await closeSocket(socket);
    }
    emit({
      bench: 'egress-connect-setup',
      ...fineMs(setup),
      note: 'sequential: Unix-socket connect, CONNECT bench.test, policy check, stub DNS, upstream TCP connect to 127.0.0.1, until the 200 line',
    });

    // Throughput: 256 MB through the tunnel, and the same straight over TCP to the sink (the
    // floor), alternating, 3 rounds; the median round of each is reported.
    const bytes = 256 * 1024 * 1024;
    const rounds = 3;
    const mbps = (ms) => r1(bytes / 1024 / 1024 / (ms / 1000));
    const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    const warm = await tunnel();
    await stream(warm, 16 * 1024 * 1024);
    await closeSocket(warm);
    const proxied = [];
    const direct = [];
    for (let i = 0; i < rounds; i++) {
      const socket = await tunnel();
      proxied.push(mbps(await timed(() => stream(socket, bytes))));
      await closeSocket(socket);
      const plain = await new Promise((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
      });
      direct.push(mbps(await timed(() => stream(plain, bytes))));
      await closeSocket(plain);
    }
    emit({
      bench: 'egress-throughput',
      mb: 256,
      chunk_kb: 64,
      rounds,
      mb_per_s: median(proxied),
      rounds_mb_per_s: proxied,
      direct_tcp_mb_per_s: median(direct),
      note: 'client -> proxy Unix socket -> CONNECT tunnel -> TCP sink on 127.0.0.1, timed until the sink has every byte (after a 16 MB warm-up), median of 3; direct_tcp = the same client straight to the sink, alternated with it; client, proxy and sink share this one Node event loop',
    });
  } finally {
    await proxy.close();
    for (const s of sinkSockets) s.destroy();
    await new Promise((resolve) => sink.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
