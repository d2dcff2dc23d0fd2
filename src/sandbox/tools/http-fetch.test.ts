import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch, type HttpFetchOptions, type HttpLookup } from './http-fetch.js';
import { expectCode, expectDenied, rejection } from './test-support/fixture.js';

// A real server on 127.0.0.1; fake DNS maps the *.allowed.test names to it.
let server: Server;
let port = 0;
const requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let closedEarly = 0;

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const to = url.searchParams.get('to');
  switch (url.pathname) {
    case '/hello':
      res.writeHead(200, { 'content-type': 'text/plain', 'keep-alive': 'timeout=5', 'x-extra': 'yes' });
      res.end('hello world');
      return;
    case '/echo':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
      return;
    case '/redirect':
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to ?? '/hello' });
      res.end('moved');
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    case '/big': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        if (sent < 20 * 1024 * 1024) closedEarly++;
      });
      pump();
      return;
    }
    case '/slow':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part');
      setTimeout(() => res.end('late'), 5_000).unref();
      return;
    case '/hang':
      return; // never answers
    default:
      res.writeHead(404);
      res.end('not found');
  }
}

const NAMES: Record<string, string> = {
  'api.allowed.test': '127.0.0.1',
  'other.allowed.test': '127.0.0.1',
  'evil.test': '127.0.0.1',
};
const lookupCalls: string[] = [];
const fakeLookup: HttpLookup = async (hostname) => {
  lookupCalls.push(hostname);
  const address = NAMES[hostname];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};
const onlyLoopback = (ip: string) => ip === '127.0.0.1';

function make(extra: Partial<HttpFetchOptions> = {}) {
  return createHttpFetch({
    network: { allow: [`http://api.allowed.test:${port}`, `http://other.allowed.test:${port}`] },
    lookup: fakeLookup,
    isAddressAllowed: onlyLoopback,
    ...extra,
  })['http.fetch'];
}
const base = () => `http://api.allowed.test:${port}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function requestCount(): number {
  return requests.length;
}

describe('http.fetch', () => {
  it('fetches an allowed URL from the pinned address with the name as Host', async () => {
    const fetchUrl = make();
    const res = await fetchUrl({ url: `${base()}/hello` });
    expect(res).toMatchObject({ status: 200, body: 'hello world', truncated: false, url: `${base()}/hello` });
    expect(res.headers['x-extra']).toBe('yes');
    expect(res.headers['keep-alive']).toBeUndefined(); // hop-by-hop stripped
    expect(requests.at(-1)!.headers.host).toBe(`api.allowed.test:${port}`);
  });

  it('returns the normalised URL checkUrl produced', async () => {
    const res = await make()({ url: `http://API.Allowed.Test.:${port}/a/../hello` });
    expect(res.url).toBe(`${base()}/hello`);
    expect(res.status).toBe(200);
  });

  it('sends method, body and headers; strips hop-by-hop headers; forces identity encoding', async () => {
    const res = await make()({
      url: `${base()}/echo`,
      method: 'post',
      headers: {
        'Content-Type': 'text/plain',
        'X-Custom': 'v',
        Connection: 'x-private',
        'X-Private': 'p',
        TE: 'trailers',
        Upgrade: 'h2c',
        'Proxy-Authorization': 'Basic x',
        'Keep-Alive': '1',
        'Accept-Encoding': 'gzip',
        'Content-Length': '999',
      },
      body: 'payload',
    });
    const echoed = JSON.parse(res.body) as { method: string; headers: Record<string, string>; body: string };
    expect(echoed.method).toBe('POST');
    expect(echoed.body).toBe('payload');
    expect(echoed.headers['x-custom']).toBe('v');
    expect(echoed.headers['content-type']).toBe('text/plain');
    expect(echoed.headers['content-length']).toBe('7');
    expect(echoed.headers['accept-encoding']).toBe('identity');
    for (const h of ['x-private', 'te', 'upgrade', 'proxy-authorization', 'keep-alive']) {
      expect(echoed.headers[h], h).toBeUndefined();
    }
  });

  it('refuses a caller-supplied Host header override', async () => {
    const before = requestCount();
    await expectDenied(
      make()({ url: `${base()}/echo`, headers: { Host: 'internal.admin' } }),
      'http.host-header',
    );
    await expectDenied(make()({ url: `${base()}/echo`, headers: { hOsT: 'x' } }), 'http.host-header');
    expect(requestCount()).toBe(before);
  });

  it('refuses header injection (CR/LF), bad names and bad methods', async () => {
    const fetchUrl = make();
    const inj = await expectCode(
      fetchUrl({ url: `${base()}/echo`, headers: { 'X-A': 'v\r\nHost: evil' } }),
      'INVALID_ARGUMENT',
    );
    expect(inj.message).toMatch(/^headers\["X-A"\]:/);
    await expectCode(fetchUrl({ url: `${base()}/echo`, headers: { 'X A': 'v' } }), 'INVALID_ARGUMENT');
    await expectCode(
      fetchUrl({ url: `${base()}/echo`, headers: { ':authority': 'evil' } }),
      'INVALID_ARGUMENT',
    );
    for (const method of ['CONNECT', 'TRACE', 'GET /x HTTP/1.1']) {
      expect(
        (await expectCode(fetchUrl({ url: `${base()}/echo`, method }), 'INVALID_ARGUMENT')).message,
      ).toMatch(/^method:/);
    }
  });

  it('refuses a non-allowlisted host without connecting or resolving it', async () => {
    const before = requestCount();
    lookupCalls.length = 0;
    await expectDenied(make()({ url: `http://evil.test:${port}/hello` }), 'urls.host-not-allowed');
    await expectDenied(make()({ url: `http://api.allowed.test:${port + 1}/hello` }), 'urls.port-not-allowed');
    expect(requestCount()).toBe(before);
    expect(lookupCalls).toEqual([]);
  });

  it('refuses allowed.test@evil.test (userinfo)', async () => {
    await expectDenied(make()({ url: `http://api.allowed.test@evil.test:${port}/hello` }), 'urls.userinfo');
    await expectDenied(make()({ url: `http://api.allowed.test:${port}@evil.test/` }), 'urls.userinfo');
  });

  it('refuses decimal, hex, octal and 127.1 forms of loopback', async () => {
    const before = requestCount();
    for (const host of [
      '2130706433',
      '0x7f000001',
      '0x7f.1',
      '0177.0.0.1',
      '127.1',
      '[::ffff:127.0.0.1]',
      '[::1]',
    ]) {
      await expectDenied(
        make()({ url: `http://${host}:${port}/hello` }),
        /^urls\.(forbidden-address|ip-literal)$/,
      );
    }
    expect(requestCount()).toBe(before);
  });

  it('refuses even an exactly allowlisted loopback literal unless isAddressAllowed lets it through', async () => {
    const network = { allow: [`http://127.0.0.1:${port}`] };
    await expectDenied(
      createHttpFetch({ network })['http.fetch']({ url: `http://127.0.0.1:${port}/hello` }),
      'http.forbidden-address',
    );
    const ok = await make({ network })({ url: `http://2130706433:${port}/hello` });
    expect(ok).toMatchObject({ status: 200, url: `http://127.0.0.1:${port}/hello` });
  });

  it('refuses a DNS name resolving to 127.0.0.1 when loopback is not allowed', async () => {
    const before = requestCount();
    const fetchUrl = createHttpFetch({
      network: { allow: [`http://api.allowed.test:${port}`] },
      lookup: fakeLookup,
    })['http.fetch'];
    const error = await expectDenied(fetchUrl({ url: `${base()}/hello` }), 'http.forbidden-address');
    expect(error.message).toContain('127.0.0.1');
    expect(requestCount()).toBe(before);
  });

  it('refuses when any resolved address is forbidden (public and loopback in one answer)', async () => {
    const mixed: HttpLookup = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await expectDenied(make({ lookup: mixed })({ url: `${base()}/hello` }), 'http.forbidden-address');
    const metadata: HttpLookup = async () => [{ address: '169.254.169.254', family: 4 }];
    await expectDenied(make({ lookup: metadata })({ url: `${base()}/hello` }), 'http.metadata-address');
    const junk: HttpLookup = async () => [{ address: 'not-an-ip', family: 4 }];
    await expectDenied(make({ lookup: junk })({ url: `${base()}/hello` }), 'http.forbidden-address');
  });

  it('refuses metadata addresses even when isAddressAllowed would allow everything', async () => {
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '100.100.100.200', 'fd00:ec2::254']) {
      const lookup: HttpLookup = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      await expectDenied(
        make({ lookup, isAddressAllowed: () => true })({ url: `${base()}/hello` }),
        'http.metadata-address',
      );
    }
  });

  it('pins the checked address against DNS rebinding (lookup returns public then loopback)', async () => {
    // "Public" here is the allowed 127.0.0.1; the second answer is the forbidden one. Resolving once
    // and connecting to the checked address means the second answer is never used for this hop.
    let calls = 0;
    const rebinding: HttpLookup = async () => {
      calls++;
      return [{ address: calls === 1 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
    };
    const res = await make({ lookup: rebinding })({ url: `${base()}/hello` });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    // Each redirect hop is resolved and checked again: the rebound answer is refused there.
    calls = 0;
    await expectDenied(
      make({ lookup: rebinding })({ url: `${base()}/redirect?to=/hello` }),
      'http.metadata-address',
    );
    expect(calls).toBe(2);
  });

  it('refuses a redirect to a forbidden address (169.254.169.254)', async () => {
    const before = requestCount();
    const error = await expectDenied(
      make()({
        url: `${base()}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`,
      }),
      'urls.forbidden-address',
    );
    expect(error.message).toMatch(/^url: redirect 1:/);
    expect(requestCount()).toBe(before + 1);
    await expectDenied(
      make()({ url: `${base()}/redirect?to=${encodeURIComponent(`http://0xa9fea9fe/`)}` }),
      'urls.forbidden-address',
    );
  });

  it('refuses a redirect to a non-allowlisted host, to userinfo tricks and to other schemes', async () => {
    await expectDenied(
      make()({ url: `${base()}/redirect?to=${encodeURIComponent(`http://evil.test:${port}/hello`)}` }),
      'urls.host-not-allowed',
    );
    await expectDenied(
      make()({
        url: `${base()}/redirect?to=${encodeURIComponent(`http://api.allowed.test@evil.test:${port}/`)}`,
      }),
      'urls.userinfo',
    );
    await expectDenied(
      make()({ url: `${base()}/redirect?to=${encodeURIComponent('file:///etc/passwd')}` }),
      'urls.scheme-not-allowed',
    );
  });

  it('follows allowed redirects, relative ones included, and reports the final URL', async () => {
    const res = await make()({ url: `${base()}/redirect?to=/hello` });
    expect(res).toMatchObject({ status: 200, body: 'hello world', url: `${base()}/hello` });
    const cross = await make()({
      url: `${base()}/redirect?to=${encodeURIComponent(`http://other.allowed.test:${port}/hello`)}`,
    });
    expect(cross.url).toBe(`http://other.allowed.test:${port}/hello`);
  });

  it('drops Authorization and Cookie on a redirect to another origin, keeps them on the same origin', async () => {
    const headers = { Authorization: 'Bearer s3cr3t', Cookie: 'sid=1', 'X-Api-Key': 'k', 'X-Plain': 'p' };
    const cross = await make()({
      url: `${base()}/redirect?to=${encodeURIComponent(`http://other.allowed.test:${port}/echo`)}`,
      headers,
    });
    const crossSeen = (JSON.parse(cross.body) as { headers: Record<string, string> }).headers;
    expect(crossSeen.authorization).toBeUndefined();
    expect(crossSeen.cookie).toBeUndefined();
    expect(crossSeen['x-api-key']).toBeUndefined();
    expect(crossSeen['x-plain']).toBe('p');
    const same = await make()({ url: `${base()}/redirect?to=/echo`, headers });
    const sameSeen = (JSON.parse(same.body) as { headers: Record<string, string> }).headers;
    expect(sameSeen.authorization).toBe('Bearer s3cr3t');
    expect(sameSeen.cookie).toBe('sid=1');
  });

  it('turns POST into GET on 303 (dropping the body) and keeps it on 307', async () => {
    const see = await make()({ url: `${base()}/redirect?status=303&to=/echo`, method: 'POST', body: 'data' });
    expect(JSON.parse(see.body)).toMatchObject({ method: 'GET', body: '' });
    const keep = await make()({
      url: `${base()}/redirect?status=307&to=/echo`,
      method: 'POST',
      body: 'data',
    });
    expect(JSON.parse(keep.body)).toMatchObject({ method: 'POST', body: 'data' });
  });

  it('stops after maxRedirects', async () => {
    await expectCode(make()({ url: `${base()}/loop` }), 'LIMIT_EXCEEDED');
    await expectCode(make({ maxRedirects: 0 })({ url: `${base()}/redirect?to=/hello` }), 'LIMIT_EXCEEDED');
  });

  it('caps an oversized response while streaming and drops the connection', async () => {
    const before = closedEarly;
    const started = Date.now();
    const res = await make({ maxResponseBytes: 1000 })({ url: `${base()}/big` });
    expect(res).toMatchObject({ status: 200, truncated: true });
    expect(res.body).toHaveLength(1000);
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedEarly).toBe(before + 1);
  });

  it('refuses an oversized request body', async () => {
    await expectCode(
      make({ maxRequestBytes: 10 })({ url: `${base()}/echo`, method: 'POST', body: 'x'.repeat(11) }),
      'LIMIT_EXCEEDED',
    );
  });

  it('times out a slow response (slowloris) and a server that never answers', async () => {
    const started = Date.now();
    const slow = await expectCode(make({ timeoutMs: 300 })({ url: `${base()}/slow` }), 'TIMEOUT');
    expect(slow.message).toMatch(/^url:/);
    await expectCode(make({ timeoutMs: 300 })({ url: `${base()}/hang` }), 'TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a DNS lookup that never answers', async () => {
    const stuck: HttpLookup = () => new Promise(() => undefined);
    await expectCode(make({ timeoutMs: 200, lookup: stuck })({ url: `${base()}/hello` }), 'TIMEOUT');
  });

  it('honours the caller AbortSignal', async () => {
    const controller = new AbortController();
    const reason = new Error('kill switch');
    setTimeout(() => controller.abort(reason), 100);
    await expect(make()({ url: `${base()}/hang` }, { signal: controller.signal })).rejects.toBe(reason);
    await expect(make()({ url: `${base()}/hello` }, { signal: controller.signal })).rejects.toBe(reason);
  });

  it('reports unresolvable names and refused connections as errors naming the url', async () => {
    const network = { allow: ['http://nowhere.test', `http://api.allowed.test:1`] };
    const fetchUrl = make({ network });
    expect((await expectCode(fetchUrl({ url: 'http://nowhere.test/' }), 'INVALID_ARGUMENT')).message).toMatch(
      /^url: could not resolve "nowhere\.test" \(ENOTFOUND\)/,
    );
    const refused = await rejection(fetchUrl({ url: 'http://api.allowed.test:1/' }));
    expect(refused.message).toMatch(/^url: request to api\.allowed\.test:1 failed \(ECONNREFUSED\)/);
  });

  it('supports HEAD', async () => {
    const res = await make()({ url: `${base()}/hello`, method: 'HEAD' });
    expect(res).toMatchObject({ status: 200, body: '' });
  });
});
