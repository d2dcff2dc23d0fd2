// The egress proxy against real sockets: allowed traffic flows both ways, and every way around the
// allowlist (other hosts, other ports, rebinding DNS, private and metadata addresses in any spelling,
// userinfo and fragment tricks, smuggled requests, malformed input) is refused and recorded.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { compileNetworkScope, type NetworkScopeConfig } from '../../policy/rules/urls/network-scope.js';
import type { EgressLookup } from './destination.js';
import {
  type EgressDenial,
  type EgressProxy,
  type EgressProxyOptions,
  startEgressProxy,
} from './egress-proxy.js';
import {
  closed,
  connectUnix,
  exchange,
  fakeLookup,
  httpConnect,
  roundTrip,
  socks5,
  startEcho,
  startHttpUpstream,
  startRecorder,
  tempSocketPath,
  type Upstream,
} from './test-support/fixtures.js';

// The upstream servers live on 127.0.0.1, which the default address check refuses (rightly). Tests
// trust exactly that one address, explicitly; nothing else private gets through.
const trustLoopbackForTests = (ip: string): boolean => ip === '127.0.0.1';

let echo: Upstream;
let web: Awaited<ReturnType<typeof startHttpUpstream>>;
let recorder: Awaited<ReturnType<typeof startRecorder>>;

beforeAll(async () => {
  [echo, web, recorder] = await Promise.all([startEcho(), startHttpUpstream(), startRecorder()]);
});
afterAll(async () => {
  await Promise.all([echo.close(), web.close(), recorder.close()]);
});

function scopeConfig(): NetworkScopeConfig {
  return {
    allow: [
      `allowed.test:${echo.port}`,
      `allowed.test:${web.port}`,
      `allowed.test:${recorder.port}`,
      `*.wild.test:${echo.port}`,
      `http://pathy.test:${web.port}/v1/`,
      `rebind.test:${echo.port}`,
      `rebind2.test:${echo.port}`,
      `mapped.test:${echo.port}`,
      `meta.test:${echo.port}`,
      `nxdomain.test:${echo.port}`,
      `empty.test:${echo.port}`,
      `flip.test:${echo.port}`,
      `127.0.0.1:${echo.port}`,
      `[::ffff:7f00:1]:${echo.port}`,
      `169.254.169.254:${echo.port}`,
      '169.254.169.254',
    ],
    deny: ['bad.wild.test'],
  };
}

const TABLE: Record<string, string[]> = {
  'allowed.test': ['127.0.0.1'],
  'ok.wild.test': ['127.0.0.1'],
  'bad.wild.test': ['127.0.0.1'],
  'pathy.test': ['127.0.0.1'],
  'evil.test': ['127.0.0.1'],
  // rebinding: a public address next to a forbidden one, in either order
  'rebind.test': ['93.184.216.34', '127.0.0.1'],
  'rebind2.test': ['127.0.0.1', '10.0.0.7'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'meta.test': ['169.254.169.254'],
  'empty.test': [],
};

async function withProxy(
  options: Partial<EgressProxyOptions>,
  run: (proxy: EgressProxy, denials: EgressDenial[]) => Promise<void>,
): Promise<void> {
  const seen: EgressDenial[] = [];
  const proxy = await startEgressProxy({
    socketPath: tempSocketPath(),
    network: compileNetworkScope(scopeConfig()),
    lookup: fakeLookup(TABLE),
    isAddressAllowed: trustLoopbackForTests,
    onDenied: (d) => seen.push(d),
    ...options,
  });
  try {
    await run(proxy, seen);
  } finally {
    await proxy.close();
  }
}

function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1] ?? 0);
}

function httpGet(
  socketPath: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: url, method: 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP CONNECT', () => {
  it('tunnels to an allowlisted host: 200 after the upstream connected, data flows both ways', async () => {
    await withProxy({}, async (proxy) => {
      const { status, head, socket } = await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`);
      expect(status).toBe(200);
      expect(head).toBe('HTTP/1.1 200 Connection Established\r\n\r\n');
      expect(await roundTrip(socket, 'ping through the tunnel')).toBe('ping through the tunnel');
      expect(await roundTrip(socket, 'x'.repeat(100_000))).toHaveLength(100_000);
      expect(proxy.connections).toBe(1);
      socket.end();
      await closed(socket);
      expect(proxy.denials).toEqual([]);
    });
  });

  it('refuses a host that is not allowlisted with 403 and records the denial', async () => {
    await withProxy({}, async (proxy, seen) => {
      const before = echo.accepted;
      const { status, head } = await httpConnect(proxy.socketPath, `evil.test:${echo.port}`);
      expect(status).toBe(403);
      expect(head).toContain('X-Warden-Egress-Denied: not-allowlisted');
      expect(echo.accepted).toBe(before);
      expect(proxy.denials).toHaveLength(1);
      expect(proxy.denials[0]).toMatchObject({
        host: 'evil.test',
        port: echo.port,
        protocol: 'connect',
        reason: 'not-allowlisted',
        rule: 'urls.host-not-allowed',
      });
      expect(Date.parse(proxy.denials[0]!.at)).not.toBeNaN();
      expect(seen).toEqual(proxy.denials);
      // the Proxy-Authorization header the client sent is nowhere in the record
      expect(JSON.stringify(proxy.denials)).not.toContain('c2VjcmV0');
    });
  });

  it('honours the port of an allow entry', async () => {
    await withProxy({}, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, 'allowed.test:443')).status).toBe(403);
      expect((await httpConnect(proxy.socketPath, 'allowed.test:22')).status).toBe(403);
      expect(proxy.denials.map((d) => d.rule)).toEqual(['urls.port-not-allowed', 'urls.port-not-allowed']);
    });
  });

  it('applies wildcards and deny entries', async () => {
    await withProxy({}, async (proxy) => {
      const ok = await httpConnect(proxy.socketPath, `ok.wild.test:${echo.port}`);
      expect(ok.status).toBe(200);
      ok.socket.destroy();
      expect((await httpConnect(proxy.socketPath, `bad.wild.test:${echo.port}`)).status).toBe(403);
      expect(proxy.denials[0]?.rule).toBe('urls.host-denied');
    });
  });

  it('refuses a tunnel to a host whose entry has a path prefix (a tunnel hides the path)', async () => {
    await withProxy({}, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, `pathy.test:${web.port}`)).status).toBe(403);
      expect(proxy.denials[0]?.rule).toBe('urls.path-not-allowed');
    });
  });

  it('lets a tunnel through for an entry limited to wss:// (the tunnel may carry any allowed scheme)', async () => {
    const network = compileNetworkScope({
      allow: [`wss://allowed.test:${echo.port}`],
      schemes: ['https', 'wss'],
    });
    await withProxy({ network }, async (proxy) => {
      const { status, socket } = await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`);
      expect(status).toBe(200);
      socket.destroy();
    });
  });

  it('resolves the canonical name: upper case and a trailing dot reach the same allowlisted host', async () => {
    const lookup = fakeLookup(TABLE);
    await withProxy({ lookup }, async (proxy) => {
      for (const authority of [`ALLOWED.TEST:${echo.port}`, `allowed.test.:${echo.port}`]) {
        const { status, socket } = await httpConnect(proxy.socketPath, authority);
        expect(status).toBe(200);
        socket.destroy();
      }
      expect([...lookup.calls.keys()]).toEqual(['allowed.test']);
    });
  });

  it.each([
    [`allowed.test@evil.test:${443}`],
    [`user:hunter2@allowed.test:443`],
    [`evil.test#allowed.test:443`],
    [`evil.test/allowed.test:443`],
    [`evil.test?allowed.test:443`],
    [`allowed%2etest:443`],
    [`allowed.test:443:80`],
    [`allowed.test`],
    [`allowed.test:0`],
    [`allowed.test:65536`],
    [`[::1%25lo]:443`],
    [`http://allowed.test:443`],
  ])('refuses the CONNECT target %s as a bad request (400), never leaking userinfo', async (target) => {
    await withProxy({}, async (proxy) => {
      const before = echo.accepted;
      const response = await exchange(proxy.socketPath, `CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(statusOf(response)).toBe(400);
      expect(echo.accepted).toBe(before);
      expect(proxy.denials).toHaveLength(1);
      expect(proxy.denials[0]).toMatchObject({ protocol: 'connect', reason: 'bad-request' });
      expect(JSON.stringify(proxy.denials)).not.toContain('hunter2');
    });
  });

  it('answers 502 and records dns-failed when the name does not resolve or has no address', async () => {
    await withProxy({}, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, `nxdomain.test:${echo.port}`)).status).toBe(502);
      expect((await httpConnect(proxy.socketPath, `empty.test:${echo.port}`)).status).toBe(502);
      expect(proxy.denials.map((d) => d.reason)).toEqual(['dns-failed', 'dns-failed']);
    });
  });

  it('answers 502 (no denial) when the allowed upstream refuses the connection', async () => {
    const gone = await startEcho();
    const port = gone.port;
    await gone.close();
    await withProxy({ network: compileNetworkScope({ allow: [`allowed.test:${port}`] }) }, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, `allowed.test:${port}`)).status).toBe(502);
      expect(proxy.denials).toEqual([]);
    });
  });
});

describe('addresses: DNS pinning, rebinding, private and metadata ranges', () => {
  it('refuses a name that resolves to a mix of allowed and forbidden addresses (rebinding)', async () => {
    await withProxy({}, async (proxy) => {
      const before = echo.accepted;
      expect((await httpConnect(proxy.socketPath, `rebind.test:${echo.port}`)).status).toBe(403);
      expect((await httpConnect(proxy.socketPath, `rebind2.test:${echo.port}`)).status).toBe(403);
      expect(echo.accepted).toBe(before);
      expect(proxy.denials.map((d) => [d.host, d.reason, d.rule])).toEqual([
        ['rebind.test', 'forbidden-address', 'egress.forbidden-address'],
        ['rebind2.test', 'forbidden-address', 'egress.forbidden-address'],
      ]);
    });
  });

  it('with the default address check, refuses an allowlisted name resolving to loopback', async () => {
    await withProxy({ isAddressAllowed: undefined }, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`)).status).toBe(403);
      expect(proxy.denials[0]).toMatchObject({ reason: 'forbidden-address' });
    });
  });

  it('resolves once and connects to the checked address, even if DNS would answer differently later', async () => {
    let answers = 0;
    const lookup = fakeLookup({ 'flip.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['10.9.9.9']) });
    await withProxy({ lookup }, async (proxy) => {
      const { status, socket } = await httpConnect(proxy.socketPath, `flip.test:${echo.port}`);
      expect(status).toBe(200);
      expect(await roundTrip(socket, 'pinned')).toBe('pinned');
      socket.destroy();
      expect(lookup.calls.get('flip.test')).toBe(1);
    });
  });

  it('refuses IPv4-mapped IPv6 loopback in every form', async () => {
    await withProxy({}, async (proxy) => {
      // not listed as written: checkUrl canonicalises to [::ffff:7f00:1] and compares exactly
      await withProxy({ network: compileNetworkScope({ allow: [`127.0.0.1:${echo.port}`] }) }, async (p2) => {
        expect((await httpConnect(p2.socketPath, `[::ffff:127.0.0.1]:${echo.port}`)).status).toBe(403);
        expect(p2.denials[0]?.reason).toBe('forbidden-address');
      });
      // listed exactly, but the address check sees through the wrapping
      expect((await httpConnect(proxy.socketPath, `[::ffff:127.0.0.1]:${echo.port}`)).status).toBe(403);
      // a name answering with the mapped form
      expect((await httpConnect(proxy.socketPath, `mapped.test:${echo.port}`)).status).toBe(403);
      // SOCKS5 with an IPv6 address
      const socks = await socks5(proxy.socketPath, { ipv6: '::ffff:7f00:1' }, echo.port);
      expect(socks.code).toBe(0x02);
      expect(proxy.denials.map((d) => d.reason)).toEqual([
        'forbidden-address',
        'forbidden-address',
        'forbidden-address',
      ]);
    });
  });

  it('with the default check, refuses loopback in numeric spellings (0x7f.1, 2130706433, 127.1)', async () => {
    await withProxy({ isAddressAllowed: undefined }, async (proxy) => {
      for (const host of ['0x7f.0.0.1', '2130706433', '127.1', '127.0.0.1']) {
        expect((await httpConnect(proxy.socketPath, `${host}:${echo.port}`)).status).toBe(403);
      }
      expect(proxy.denials.map((d) => d.reason)).toEqual(Array(4).fill('forbidden-address'));
    });
  });

  it('refuses the metadata address even when the profile allows it by IP and the address check trusts all', async () => {
    const trustEveryAddressForThisTest = (): boolean => true;
    for (const isAddressAllowed of [undefined, trustEveryAddressForThisTest]) {
      await withProxy({ isAddressAllowed }, async (proxy) => {
        expect((await httpConnect(proxy.socketPath, `169.254.169.254:${echo.port}`)).status).toBe(403);
        expect((await httpConnect(proxy.socketPath, `meta.test:${echo.port}`)).status).toBe(403);
        const response = await exchange(
          proxy.socketPath,
          'GET http://169.254.169.254/latest/meta-data/iam/ HTTP/1.1\r\nHost: x\r\n\r\n',
        );
        expect(statusOf(response)).toBe(403);
        expect(proxy.denials.map((d) => d.reason)).toEqual(Array(3).fill('forbidden-address'));
        // the path asked for is not recorded
        expect(JSON.stringify(proxy.denials)).not.toContain('meta-data');
      });
    }
  });

  it('fails closed when the address check throws', async () => {
    const broken = (): boolean => {
      throw new Error('boom');
    };
    await withProxy({ isAddressAllowed: broken }, async (proxy) => {
      expect((await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`)).status).toBe(403);
    });
  });
});

describe('plain HTTP proxy requests', () => {
  it('forwards an absolute-form GET in origin form, strips Proxy-* headers and pins Host', async () => {
    await withProxy({}, async (proxy) => {
      const before = web.requests.length;
      const res = await httpGet(proxy.socketPath, `http://allowed.test:${web.port}/a/b?c=1`, {
        Host: 'evil.test', // domain fronting: the checked URL decides which site is asked
        'Proxy-Authorization': 'Basic c2VjcmV0',
        'Proxy-Connection': 'keep-alive',
        'X-Keep': 'yes',
        Connection: 'keep-alive, X-Drop',
        'X-Drop': 'hop-by-hop',
      });
      expect(res.status).toBe(200);
      expect(res.body).toBe('hello from upstream');
      const seen = web.requests[before]!;
      expect(seen.method).toBe('GET');
      expect(seen.url).toBe('/a/b?c=1');
      expect(seen.headers.host).toBe(`allowed.test:${web.port}`);
      expect(seen.headers['proxy-authorization']).toBeUndefined();
      expect(seen.headers['proxy-connection']).toBeUndefined();
      expect(seen.headers['x-drop']).toBeUndefined();
      expect(seen.headers['x-keep']).toBe('yes');
      expect(seen.headers.connection).toBe('close');
    });
  });

  it('forwards a request body by Content-Length', async () => {
    await withProxy({}, async (proxy) => {
      const before = web.requests.length;
      const response = await exchange(
        proxy.socketPath,
        `POST http://allowed.test:${web.port}/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world`,
      );
      expect(statusOf(response)).toBe(200);
      expect(web.requests[before]).toMatchObject({ method: 'POST', url: '/upload', body: 'hello world' });
    });
  });

  it('refuses a host that is not allowlisted, recording host and port but not the path or query', async () => {
    await withProxy({}, async (proxy) => {
      const res = await httpGet(proxy.socketPath, `http://evil.test:${web.port}/steal?token=s3cr3t`);
      expect(res.status).toBe(403);
      expect(res.headers['x-warden-egress-denied']).toBe('not-allowlisted');
      expect(proxy.denials[0]).toMatchObject({ host: 'evil.test', port: web.port, protocol: 'http' });
      expect(JSON.stringify(proxy.denials)).not.toMatch(/s3cr3t|steal/);
    });
  });

  it('applies path prefixes of allow entries', async () => {
    await withProxy({}, async (proxy) => {
      expect((await httpGet(proxy.socketPath, `http://pathy.test:${web.port}/v1/items`)).status).toBe(200);
      expect((await httpGet(proxy.socketPath, `http://pathy.test:${web.port}/v2/items`)).status).toBe(403);
      expect((await httpGet(proxy.socketPath, `http://pathy.test:${web.port}/v1/../v2/x`)).status).toBe(403);
      expect(proxy.denials.map((d) => d.rule)).toEqual(['urls.path-not-allowed', 'urls.path-not-allowed']);
    });
  });

  it('refuses userinfo in the URL', async () => {
    await withProxy({}, async (proxy) => {
      const response = await exchange(
        proxy.socketPath,
        `GET http://allowed.test:${web.port}@evil.test/ HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(statusOf(response)).toBe(403);
      expect(proxy.denials[0]?.rule).toBe('urls.userinfo');
    });
  });

  it('forwards exactly one request: bytes after the body (a smuggled second request) never go upstream', async () => {
    await withProxy({}, async (proxy) => {
      const smuggled = `GET http://evil.test/ HTTP/1.1\r\nHost: evil.test\r\n\r\n`;
      const response = await exchange(
        proxy.socketPath,
        `POST http://allowed.test:${recorder.port}/one HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello${smuggled}`,
      );
      expect(statusOf(response)).toBe(200);
      expect(recorder.received()).toBe(
        `POST /one HTTP/1.1\r\nHost: allowed.test:${recorder.port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`,
      );
    });
  });

  it('follows chunked framing to its end and drops what comes after', async () => {
    const fresh = await startRecorder();
    try {
      await withProxy(
        { network: compileNetworkScope({ allow: [`allowed.test:${fresh.port}`] }) },
        async (proxy) => {
          const body = '5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n';
          const response = await exchange(
            proxy.socketPath,
            `POST http://allowed.test:${fresh.port}/c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${body}` +
              'GET http://evil.test/ HTTP/1.1\r\n\r\n',
          );
          expect(statusOf(response)).toBe(200);
          expect(fresh.received()).toBe(
            `POST /c HTTP/1.1\r\nHost: allowed.test:${fresh.port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body}`,
          );
        },
      );
    } finally {
      await fresh.close();
    }
  });

  it('refuses https:// absolute-form and origin-form requests with 400', async () => {
    await withProxy({}, async (proxy) => {
      const https = await exchange(proxy.socketPath, `GET https://allowed.test/ HTTP/1.1\r\nHost: x\r\n\r\n`);
      const origin = await exchange(
        proxy.socketPath,
        `GET /etc/passwd HTTP/1.1\r\nHost: allowed.test\r\n\r\n`,
      );
      expect(statusOf(https)).toBe(400);
      expect(statusOf(origin)).toBe(400);
      expect(proxy.denials.map((d) => d.rule)).toEqual([
        'egress.https-without-connect',
        'egress.not-absolute-form',
      ]);
    });
  });

  it.each([
    ['both Content-Length and Transfer-Encoding', 'Content-Length: 5\r\nTransfer-Encoding: chunked'],
    ['conflicting Content-Length values', 'Content-Length: 5\r\nContent-Length: 6'],
    ['a coding other than chunked', 'Transfer-Encoding: gzip, chunked'],
    ['a negative length', 'Content-Length: -1'],
  ])('refuses ambiguous framing: %s', async (_name, headers) => {
    await withProxy({}, async (proxy) => {
      const before = recorder.accepted;
      const response = await exchange(
        proxy.socketPath,
        `POST http://allowed.test:${recorder.port}/ HTTP/1.1\r\nHost: x\r\n${headers}\r\n\r\nhello`,
      );
      expect(statusOf(response)).toBe(400);
      expect(recorder.accepted).toBe(before);
      expect(proxy.denials[0]?.rule).toBe('egress.ambiguous-framing');
    });
  });

  it('closes the connection on malformed chunked framing', async () => {
    await withProxy({}, async (proxy) => {
      const response = await exchange(
        proxy.socketPath,
        `POST http://allowed.test:${web.port}/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n`,
      );
      expect(response).toBe('');
    });
  });
});

describe('malformed input', () => {
  it.each([
    ['garbage', 'GARBAGE\r\n\r\n'],
    ['a missing version', `GET http://allowed.test/\r\n\r\n`],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['obs-fold', `GET http://allowed.test/ HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n`],
    ['a header without a colon', `GET http://allowed.test/ HTTP/1.1\r\nNoColon\r\n\r\n`],
    ['a space before the colon', `GET http://allowed.test/ HTTP/1.1\r\nHost : x\r\n\r\n`],
    ['bare LF line endings', `GET http://allowed.test/ HTTP/1.1\nHost: x\n\n`],
    ['a bare CR', `GET http://allowed.test/ HTTP/1.1\r\nX-A: 1\r2\r\n\r\n`],
    ['a control character in a header', `GET http://allowed.test/ HTTP/1.1\r\nX-A: \u0001\r\n\r\n`],
  ])('answers 400 to %s and closes', async (_name, data) => {
    await withProxy({}, async (proxy) => {
      const response = await exchange(proxy.socketPath, data);
      expect(statusOf(response)).toBe(400);
      expect(proxy.denials[0]).toMatchObject({ reason: 'bad-request', host: '', port: 0 });
    });
  });

  it('answers 431 to a request head over 16 KB', async () => {
    await withProxy({}, async (proxy) => {
      const response = await exchange(
        proxy.socketPath,
        `GET http://allowed.test:${web.port}/ HTTP/1.1\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(statusOf(response)).toBe(431);
      expect(proxy.denials[0]?.rule).toBe('egress.head-too-large');
    });
  });

  it('answers 431 to an endless head without waiting for its end', async () => {
    await withProxy({}, async (proxy) => {
      const socket = await connectUnix(proxy.socketPath);
      let out = '';
      socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
      socket.on('error', () => {});
      socket.write(`GET http://allowed.test/ HTTP/1.1\r\nX-Pad: ${'a'.repeat(40_000)}`);
      await closed(socket);
      expect(statusOf(out)).toBe(431);
    });
  });

  it('closes a connection that speaks neither HTTP nor SOCKS5 (SOCKS4, raw TLS)', async () => {
    await withProxy({}, async (proxy) => {
      expect(await exchange(proxy.socketPath, Buffer.from([0x04, 0x01, 0x01, 0xbb, 127, 0, 0, 1, 0]))).toBe(
        '',
      );
      expect(await exchange(proxy.socketPath, Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05]))).toBe('');
      expect(proxy.denials.map((d) => [d.protocol, d.rule])).toEqual([
        ['unknown', 'egress.bad-protocol'],
        ['unknown', 'egress.bad-protocol'],
      ]);
    });
  });
});

describe('SOCKS5', () => {
  it('CONNECTs to an allowlisted domain and relays both ways', async () => {
    await withProxy({}, async (proxy) => {
      const { method, code, socket } = await socks5(proxy.socketPath, { domain: 'allowed.test' }, echo.port);
      expect(method).toBe(0x00);
      expect(code).toBe(0x00);
      expect(await roundTrip(socket, 'socks says hi')).toBe('socks says hi');
      socket.end();
      await closed(socket);
    });
  });

  it('refuses a domain that is not allowlisted with reply 0x02 and records it', async () => {
    await withProxy({}, async (proxy) => {
      const before = echo.accepted;
      const { code, socket } = await socks5(proxy.socketPath, { domain: 'evil.test' }, echo.port);
      expect(code).toBe(0x02);
      await closed(socket);
      expect(echo.accepted).toBe(before);
      expect(proxy.denials[0]).toMatchObject({
        host: 'evil.test',
        port: echo.port,
        protocol: 'socks5',
        reason: 'not-allowlisted',
      });
    });
  });

  it('refuses an IPv4 literal with the default address check even when allowlisted', async () => {
    await withProxy({ isAddressAllowed: undefined }, async (proxy) => {
      const { code } = await socks5(proxy.socketPath, { ipv4: '127.0.0.1' }, echo.port);
      expect(code).toBe(0x02);
      expect(proxy.denials[0]).toMatchObject({ host: '127.0.0.1', reason: 'forbidden-address' });
    });
  });

  it('allows an allowlisted IPv4 literal the (test) address check trusts', async () => {
    await withProxy({}, async (proxy) => {
      const { code, socket } = await socks5(proxy.socketPath, { ipv4: '127.0.0.1' }, echo.port);
      expect(code).toBe(0x00);
      expect(await roundTrip(socket, 'v4')).toBe('v4');
      socket.destroy();
    });
  });

  it('refuses a domain field holding an IP in another spelling, and one holding junk', async () => {
    await withProxy({ isAddressAllowed: undefined }, async (proxy) => {
      expect((await socks5(proxy.socketPath, { domain: '0x7f000001' }, echo.port)).code).toBe(0x02);
      expect((await socks5(proxy.socketPath, { domain: 'allowed.test@evil.test' }, echo.port)).code).toBe(
        0x01,
      );
      expect(proxy.denials.map((d) => d.reason)).toEqual(['forbidden-address', 'bad-request']);
    });
  });

  it('answers 0x04 (host unreachable) when the name does not resolve', async () => {
    await withProxy({}, async (proxy) => {
      expect((await socks5(proxy.socketPath, { domain: 'nxdomain.test' }, echo.port)).code).toBe(0x04);
      expect(proxy.denials[0]?.reason).toBe('dns-failed');
    });
  });

  it('refuses BIND and UDP ASSOCIATE with 0x07 and an unknown address type with 0x08', async () => {
    await withProxy({}, async (proxy) => {
      expect((await socks5(proxy.socketPath, { domain: 'allowed.test' }, echo.port, 0x02)).code).toBe(0x07);
      expect((await socks5(proxy.socketPath, { domain: 'allowed.test' }, echo.port, 0x03)).code).toBe(0x07);
      const socket = await connectUnix(proxy.socketPath);
      const response = new Promise<Buffer>((resolve) => {
        let buf = Buffer.alloc(0);
        socket.on('data', (d: Buffer) => (buf = Buffer.concat([buf, d])));
        socket.on('close', () => resolve(buf));
      });
      socket.write(Buffer.from([0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x05, 0x00, 0x00]));
      expect([...(await response)]).toEqual([0x05, 0x00, 0x05, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
      expect(proxy.denials.map((d) => d.rule)).toEqual([
        'egress.socks-command',
        'egress.socks-command',
        'egress.socks-address-type',
      ]);
    });
  });

  it('refuses clients that offer no acceptable authentication method', async () => {
    await withProxy({}, async (proxy) => {
      const response = await exchange(proxy.socketPath, Buffer.from([0x05, 0x01, 0x02]));
      expect([...Buffer.from(response, 'latin1')]).toEqual([0x05, 0xff]);
    });
  });
});

describe('limits and lifecycle', () => {
  it('closes connections beyond maxConnections at once', async () => {
    await withProxy({ maxConnections: 2 }, async (proxy) => {
      const a = await connectUnix(proxy.socketPath);
      const b = await connectUnix(proxy.socketPath);
      await new Promise((r) => setTimeout(r, 50));
      expect(proxy.connections).toBe(2);
      const c = await connectUnix(proxy.socketPath);
      c.on('error', () => {});
      await closed(c, 2_000);
      expect(a.closed || b.closed).toBe(false);
      a.destroy();
      b.destroy();
    });
  });

  it('closes a client that never finishes its handshake', async () => {
    await withProxy({ handshakeTimeoutMs: 100 }, async (proxy) => {
      const socket = await connectUnix(proxy.socketPath);
      socket.write('CONNECT allowed.test');
      await closed(socket, 2_000);
    });
  });

  it('closes an idle tunnel', async () => {
    await withProxy({ idleTimeoutMs: 150 }, async (proxy) => {
      const { status, socket } = await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`);
      expect(status).toBe(200);
      await closed(socket, 2_000);
    });
  });

  it('keeps the last maxDenials denials and survives an onDenied that throws', async () => {
    const onDenied = (): void => {
      throw new Error('observer failed');
    };
    await withProxy({ maxDenials: 2, onDenied }, async (proxy) => {
      for (const host of ['a.test', 'b.test', 'c.test']) {
        expect((await httpConnect(proxy.socketPath, `${host}:443`)).status).toBe(403);
      }
      expect(proxy.denials.map((d) => d.host)).toEqual(['b.test', 'c.test']);
      expect(Object.isFrozen(proxy.denials[0])).toBe(true);
      const { status, socket } = await httpConnect(proxy.socketPath, `allowed.test:${echo.port}`);
      expect(status).toBe(200);
      socket.destroy();
    });
  });

  it('close() destroys live tunnels, removes the socket file and is idempotent', async () => {
    const socketPath = tempSocketPath();
    const proxy = await startEgressProxy({
      socketPath,
      network: compileNetworkScope(scopeConfig()),
      lookup: fakeLookup(TABLE),
      isAddressAllowed: trustLoopbackForTests,
    });
    const { status, socket } = await httpConnect(socketPath, `allowed.test:${echo.port}`);
    expect(status).toBe(200);
    const idle = await connectUnix(socketPath);
    idle.on('error', () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(proxy.connections).toBe(2);
    await Promise.all([proxy.close(), proxy.close()]);
    await closed(socket);
    await closed(idle);
    expect(proxy.connections).toBe(0);
    expect(existsSync(socketPath)).toBe(false);
    await expect(connectUnix(socketPath)).rejects.toThrow(/ENOENT/);
    await proxy.close();
  });

  it('replaces a stale socket file but refuses to remove any other file', async () => {
    const socketPath = tempSocketPath();
    // a proxy that died without cleaning up leaves its socket file behind
    const crash = spawnSync(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    expect(crash.signal).toBe('SIGKILL');
    expect(lstatSync(socketPath).isSocket()).toBe(true);
    const proxy = await startEgressProxy({ socketPath, network: compileNetworkScope({ allow: [] }) });
    expect((await httpConnect(socketPath, 'a.test:443')).status).toBe(403);
    await proxy.close();

    writeFileSync(socketPath, 'not a socket');
    const error = await startEgressProxy({ socketPath, network: compileNetworkScope({ allow: [] }) }).catch(
      (e: unknown) => e,
    );
    expect(WardenError.isInstance(error) && error.code).toBe(WardenErrorCode.SandboxUnavailable);
    expect(String(error)).toContain('is not a socket');
    expect(readFileSync(socketPath, 'utf8')).toBe('not a socket');
  });

  it('rejects a relative or over-long socket path with a clear error', async () => {
    const network = compileNetworkScope({ allow: [] });
    await expect(startEgressProxy({ socketPath: 'egress.sock', network })).rejects.toThrow(/absolute/);
    await expect(startEgressProxy({ socketPath: `/tmp/${'x'.repeat(120)}`, network })).rejects.toThrow(
      /longer than 107 bytes/,
    );
  });

  it('uses the system resolver by default (a name that cannot resolve is dns-failed)', async () => {
    const lookup: EgressLookup | undefined = undefined;
    await withProxy(
      {
        lookup,
        connectTimeoutMs: 3_000,
        network: compileNetworkScope({ allow: ['does-not-exist.invalid:443'] }),
      },
      async (proxy) => {
        expect((await httpConnect(proxy.socketPath, 'does-not-exist.invalid:443')).status).toBe(502);
        expect(proxy.denials[0]?.reason).toBe('dns-failed');
      },
    );
  });
});
