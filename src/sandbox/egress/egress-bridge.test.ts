// The in-sandbox bridge as it will run: a separate node process that listens on loopback, relays to
// a Unix socket and runs the command, passing its exit status on. Also end to end with the real
// egress proxy behind it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { isAbsolute } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileNetworkScope } from '../../policy/rules/urls/network-scope.js';
import { EGRESS_NO_PROXY, egressBridgePath, egressProxyEnv } from './bridge-path.js';
import { startEgressProxy } from './egress-proxy.js';
import { fakeLookup, startEcho, tempSocketPath, type Upstream } from './test-support/fixtures.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runBridge(
  args: string[],
  onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [egressBridgePath(), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function listen(server: Server, options: { path: string } | { port: number; host: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => resolve());
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await listen(server, { port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function ipv6LoopbackWorks(): Promise<boolean> {
  const server = createServer();
  try {
    await listen(server, { port: 0, host: '::1' });
    await new Promise((r) => server.close(r));
    return true;
  } catch {
    return false;
  }
}

/** A `node -e` client: connect to host:port, send `send`, print everything received, exit `exit`. */
function client(host: string, port: number, send: string, exit = 3): string[] {
  const script = `
    const net = require('node:net');
    const s = net.connect(${port}, ${JSON.stringify(host)}, () => s.write(${JSON.stringify(send)}));
    let got = '';
    s.on('data', (d) => { got += d; if (got.includes('\\n')) s.end(); });
    s.on('error', (e) => { console.error(e.message); process.exit(1); });
    s.on('close', () => { process.stdout.write(got); process.exit(${exit}); });
  `;
  return ['--', process.execPath, '-e', script];
}

let echoSocket: string;
let echoServer: Server;

beforeAll(async () => {
  echoSocket = tempSocketPath('echo.sock');
  echoServer = createServer((s) => {
    s.on('error', () => {});
    s.on('data', (d: Buffer) => s.write(`echo:${d.toString()}\n`));
  });
  await listen(echoServer, { path: echoSocket });
});
afterAll(async () => {
  await new Promise((r) => echoServer.close(r));
});

describe('egress-bridge.mjs', () => {
  it('relays a loopback TCP connection to the Unix socket and passes on the exit code', async () => {
    const port = await freePort();
    const run = await runBridge([String(port), echoSocket, ...client('127.0.0.1', port, 'ping', 3)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('echo:ping\n');
    expect(run.code).toBe(3);
  });

  it('also listens on ::1 where the loopback has IPv6', async (ctx) => {
    if (!(await ipv6LoopbackWorks())) ctx.skip();
    const port = await freePort();
    const run = await runBridge([String(port), echoSocket, ...client('::1', port, 'six', 0)]);
    expect(run.stdout).toBe('echo:six\n');
    expect(run.code).toBe(0);
  });

  it('exits 125 without running the command when the port is taken', async () => {
    const taken = createServer();
    await listen(taken, { port: 0, host: '127.0.0.1' });
    const { port } = taken.address() as AddressInfo;
    try {
      const run = await runBridge([
        String(port),
        echoSocket,
        '--',
        process.execPath,
        '-e',
        'console.log("ran")',
      ]);
      expect(run.code).toBe(125);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+.*the command was not run/);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it.each([
    [['3128', '/tmp/x.sock', 'node']],
    [['3128', '/tmp/x.sock', '--']],
    [['0', '/tmp/x.sock', '--', 'true']],
    [['http', '/tmp/x.sock', '--', 'true']],
    [['3128', '', '--', 'true']],
  ])('exits 125 with usage for bad arguments %j', async (args) => {
    const run = await runBridge(args);
    expect(run.code).toBe(125);
    expect(run.stderr).toContain('usage: node egress-bridge.mjs');
  });

  it('exits 127 when the command does not exist', async () => {
    const port = await freePort();
    const run = await runBridge([String(port), echoSocket, '--', '/nonexistent/warden-no-such-command']);
    expect(run.code).toBe(127);
    expect(run.stderr).toContain('cannot run /nonexistent/warden-no-such-command');
  });

  it('forwards SIGTERM to the command and exits with its code', async () => {
    const port = await freePort();
    const script =
      'process.on("SIGTERM", () => process.exit(7)); console.log("ready"); setInterval(() => {}, 1000);';
    const run = await runBridge(
      [String(port), echoSocket, '--', process.execPath, '-e', script],
      (out, kill) => {
        if (out.includes('ready')) kill('SIGTERM');
      },
    );
    expect(run.code).toBe(7);
  });

  it('exits 128+N when a signal ends the command', async () => {
    const port = await freePort();
    const run = await runBridge([
      String(port),
      echoSocket,
      '--',
      process.execPath,
      '-e',
      'process.kill(process.pid, "SIGKILL")',
    ]);
    expect(run.code).toBe(128 + 9);
  });
});

describe('bridge and egress proxy together', () => {
  let echo: Upstream;
  beforeAll(async () => {
    echo = await startEcho();
  });
  afterAll(async () => {
    await echo.close();
  });

  it('lets the command reach an allowlisted host through CONNECT, and only that host', async () => {
    const proxy = await startEgressProxy({
      socketPath: tempSocketPath(),
      network: compileNetworkScope({ allow: [`allowed.test:${echo.port}`] }),
      lookup: fakeLookup({ 'allowed.test': ['127.0.0.1'], 'evil.test': ['127.0.0.1'] }),
      isAddressAllowed: (ip) => ip === '127.0.0.1', // the test upstream is on loopback: trusted explicitly
    });
    try {
      const port = await freePort();
      const script = (host: string) => `
        const net = require('node:net');
        const s = net.connect(${port}, '127.0.0.1', () => s.write('CONNECT ${host}:${echo.port} HTTP/1.1\\r\\n\\r\\n'));
        let got = '';
        s.on('data', (d) => {
          got += d;
          if (got === 'HTTP/1.1 200 Connection Established\\r\\n\\r\\n') s.write('through\\n');
          if (got.endsWith('\\n') && !got.endsWith('\\r\\n')) s.end();
        });
        s.on('close', () => { process.stdout.write(got.split('\\r\\n')[0] + '|' + got.split('\\r\\n\\r\\n')[1]); });
      `;
      const ok = await runBridge([
        String(port),
        proxy.socketPath,
        '--',
        process.execPath,
        '-e',
        script('allowed.test'),
      ]);
      expect(ok.stdout).toBe('HTTP/1.1 200 Connection Established|through\n');
      expect(ok.code).toBe(0);
      const denied = await runBridge([
        String(port),
        proxy.socketPath,
        '--',
        process.execPath,
        '-e',
        script('evil.test'),
      ]);
      expect(denied.stdout).toMatch(/^HTTP\/1\.1 403 Forbidden\|egress denied \(not-allowlisted\)/);
      expect(proxy.denials.map((d) => d.host)).toEqual(['evil.test']);
    } finally {
      await proxy.close();
    }
  });
});

describe('egressBridgePath and egressProxyEnv', () => {
  it('finds the bridge file', () => {
    const path = egressBridgePath();
    expect(isAbsolute(path)).toBe(true);
    expect(path.endsWith('/egress-bridge.mjs')).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('points every proxy variable at the bridge, SOCKS with remote DNS', () => {
    const env = egressProxyEnv(3128);
    expect(env).toMatchObject({
      HTTP_PROXY: 'http://127.0.0.1:3128',
      HTTPS_PROXY: 'http://127.0.0.1:3128',
      ALL_PROXY: 'socks5h://127.0.0.1:3128',
      http_proxy: 'http://127.0.0.1:3128',
      https_proxy: 'http://127.0.0.1:3128',
      all_proxy: 'socks5h://127.0.0.1:3128',
      NO_PROXY: EGRESS_NO_PROXY,
      no_proxy: EGRESS_NO_PROXY,
    });
    expect(() => egressProxyEnv(0)).toThrow(RangeError);
    expect(() => egressProxyEnv(70_000)).toThrow(RangeError);
  });
});
