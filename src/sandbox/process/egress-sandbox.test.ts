// Egress from inside a real sandbox: curl inside bubblewrap reaches an allowlisted host only
// through the bridge and the host's proxy, and every trick to reach something else is refused and
// reported.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import { SandboxError } from '../sandbox-error.js';
import { runSandboxed, type SandboxNetwork } from './run-sandboxed.js';

let server: Server;
let port = 0;
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} host=${req.headers.host}`);
    res.end('hello from the allowed host\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

// allowed.test is "public" for this test: it resolves to the local server, which the explicit
// address allowance lets through. Every other name resolves to loopback and stays forbidden.
const names: Record<string, string> = {
  'allowed.test': '127.0.0.1',
  'loopback.test': '127.0.0.1',
  'allowed.test.evil.test': '127.0.0.1',
  'evil.test': '127.0.0.1',
};
const network = (allow: string[], trustLoopback = true): SandboxNetwork => ({
  allow,
  lookup: async (host) => (names[host] ? [{ address: names[host], family: 4 }] : []),
  ...(trustLoopback ? { isAddressAllowed: (ip: string) => ip === '127.0.0.1' } : {}),
});

async function curl(args: string[], net: SandboxNetwork, events: SandboxEgressEvent[] = []) {
  return runSandboxed({
    command: ['/usr/bin/curl', '-sS', '--max-time', '5', ...args],
    network: net,
    onEgress: (e) => events.push(e),
    limits: { timeoutMs: 20_000 },
  });
}

async function refused(promise: Promise<unknown>): Promise<SandboxError> {
  try {
    await promise;
  } catch (e) {
    if (SandboxError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('the request went through');
}

describe('sandbox egress through the proxy', () => {
  it('reaches an allowlisted host over plain HTTP (HTTP_PROXY) and reports the attempt', async () => {
    const events: SandboxEgressEvent[] = [];
    const r = await curl([`http://allowed.test:${port}/path?q=1`], network([`allowed.test:${port}`]), events);
    expect(r.stdout).toBe('hello from the allowed host\n');
    expect(seen.at(-1)).toBe(`GET /path?q=1 host=allowed.test:${port}`);
    expect(events).toEqual([
      { host: 'allowed.test', port, protocol: 'http', address: '127.0.0.1', allowed: true },
    ]);
  });

  it('reaches it through a CONNECT tunnel (what HTTPS uses) and through SOCKS5 with remote DNS', async () => {
    const tunnel = await curl(
      ['--proxytunnel', `http://allowed.test:${port}/t`],
      network([`allowed.test:${port}`]),
    );
    expect(tunnel.stdout).toBe('hello from the allowed host\n');
    const socks = await curl(
      ['--proxy', 'socks5h://127.0.0.1:3128', `http://allowed.test:${port}/s`],
      network([`allowed.test:${port}`]),
    );
    expect(socks.stdout).toBe('hello from the allowed host\n');
  });

  it('refuses a host outside the allowlist with a denied-host error, and reports it', async () => {
    const events: SandboxEgressEvent[] = [];
    const e = await refused(
      curl(['-f', `http://evil.test:${port}/`], network([`allowed.test:${port}`]), events),
    );
    expect(e.reason).toBe('denied-host');
    expect(e.target).toBe(`evil.test:${port}`);
    expect(events).toEqual([
      expect.objectContaining({ host: 'evil.test', allowed: false, reason: 'not-allowlisted' }),
    ]);
  });

  it.each([
    ['127.1', 'http://127.1/'],
    ['decimal IPv4', 'http://2130706433/'],
    ['hex IPv4', 'http://0x7f000001/'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['allowed name as a prefix of an attacker domain', 'http://allowed.test.evil.test/'],
    ['allowed name as userinfo', 'http://allowed.test@evil.test/'],
    ['hostname that resolves to loopback', 'http://loopback.test/'],
  ])('refuses %s', async (_name, url) => {
    const events: SandboxEgressEvent[] = [];
    // Every one of these is allowlisted by name where it can be, and still refused: loopback,
    // private and metadata addresses are never reached without an explicit address allowance.
    const allow = ['allowed.test', 'loopback.test', '127.0.0.1', '169.254.169.254'];
    // --noproxy '': even loopback forms go to the proxy (NO_PROXY would keep them on the sandbox's own loopback).
    const e = await refused(curl(['-f', '--noproxy', '', url], network(allow, false), events));
    expect(e.reason).toBe('denied-host');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((ev) => !ev.allowed)).toBe(true);
  });

  it('has no DNS and no direct route: only the proxy gets out', async () => {
    const r = await runSandboxed({
      command: [
        '/bin/bash',
        '-c',
        `getent hosts allowed.test; echo "dns=$?"; curl -sS --noproxy '*' --max-time 3 http://127.0.0.1:${port}/ 2>&1; echo "direct=$?"`,
      ],
      network: network([`allowed.test:${port}`]),
    });
    expect(r.stdout).toMatch(/dns=2/);
    expect(r.stdout).toMatch(/direct=7/);
    expect(seen.every((s) => !s.includes('host=127.0.0.1'))).toBe(true);
  });
});
