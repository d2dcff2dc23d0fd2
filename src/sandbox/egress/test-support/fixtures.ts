// Real sockets for the egress tests: upstream servers on 127.0.0.1, a raw client for the proxy's
// Unix socket, and SOCKS5/CONNECT helpers. Nothing here is mocked: the proxy is tested as the
// sandbox will use it, byte for byte.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EgressLookup } from '../destination.js';

export interface Upstream {
  port: number;
  /** Connections the server accepted. */
  accepted: number;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

function listenLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** TCP echo server: every byte comes back prefixed stream-wise by nothing; ends when the client ends. */
export async function startEcho(): Promise<Upstream> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    result.accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  const result: Upstream = {
    port: await listenLoopback(server),
    accepted: 0,
    close: () => {
      for (const s of sockets) s.destroy();
      return closeServer(server);
    },
  };
  return result;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** HTTP server that records each request and answers `hello from upstream`. */
export async function startHttpUpstream(): Promise<Upstream & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'text/plain');
      res.end('hello from upstream');
    });
  });
  server.on('connection', () => result.accepted++);
  const result = {
    port: await listenLoopback(server),
    accepted: 0,
    requests,
    close: () => closeServer(server),
  };
  return result;
}

/** Raw TCP server that records every byte it receives and answers one fixed HTTP response. */
export async function startRecorder(): Promise<Upstream & { received: () => string }> {
  let received = '';
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    result.accepted++;
    let answered = false;
    socket.on('error', () => {});
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      received += d;
      if (!answered && received.includes('\r\n\r\n')) {
        answered = true;
        // Give the proxy time to (wrongly) forward anything after the body before answering.
        setTimeout(
          () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'),
          100,
        );
      }
    });
  });
  const result = {
    port: await listenLoopback(server),
    accepted: 0,
    received: () => received,
    close: () => closeServer(server),
  };
  return result;
}

/** A fresh private directory (0700) and a socket path inside it. */
export function tempSocketPath(name = 'egress.sock'): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-egress-test-'));
  tempDirs.push(dir);
  return join(dir, name);
}

const tempDirs: string[] = [];
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A resolver answering from a table; names not in it fail like NXDOMAIN. Counts calls per name. */
export function fakeLookup(table: Record<string, string[] | (() => string[])>): EgressLookup & {
  calls: Map<string, number>;
} {
  const calls = new Map<string, number>();
  const lookup = (hostname: string) => {
    calls.set(hostname, (calls.get(hostname) ?? 0) + 1);
    const entry = table[hostname];
    if (entry === undefined) {
      return Promise.reject(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
      );
    }
    const addresses = typeof entry === 'function' ? entry() : entry;
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return Object.assign(lookup, { calls });
}

/** Connect to the proxy's Unix socket. */
export function connectUnix(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Send `data` and collect everything until the proxy closes the connection. */
export async function exchange(path: string, data: string | Buffer, timeoutMs = 5_000): Promise<string> {
  const socket = await connectUnix(path);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got ${JSON.stringify(out)}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.write(data);
  });
}

/** Read from `socket` until `done(buffer)` is true. */
export function readUntil(
  socket: Socket,
  done: (buf: Buffer) => boolean,
  timeoutMs = 5_000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause(); // keep later bytes for the next reader
      if (error) reject(error);
      else resolve(buf);
    };
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      if (done(buf)) finish();
    };
    const onClose = (): void =>
      done(buf) ? finish() : finish(new Error(`closed; got ${buf.toString('latin1')}`));
    const timer = setTimeout(() => finish(new Error(`timed out; got ${buf.toString('latin1')}`)), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.resume();
  });
}

/** Send bytes through an established tunnel and wait for the echo. */
export async function roundTrip(socket: Socket, text: string): Promise<string> {
  const reply = readUntil(socket, (b) => b.length >= Buffer.byteLength(text));
  socket.write(text);
  return (await reply).toString();
}

/** HTTP CONNECT: the status line, and the socket (a tunnel when the status is 200). */
export async function httpConnect(
  path: string,
  authority: string,
): Promise<{ status: number; head: string; socket: Socket }> {
  const socket = await connectUnix(path);
  socket.on('error', () => {});
  const head = readUntil(socket, (b) => b.includes('\r\n\r\n'));
  socket.write(
    `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nProxy-Authorization: Basic c2VjcmV0\r\n\r\n`,
  );
  const text = (await head).toString('latin1');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), head: text, socket };
}

export type SocksAddress = { domain: string } | { ipv4: string } | { ipv6: string };

export function socksAddress(address: SocksAddress, port: number): Buffer {
  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  if ('domain' in address) {
    const name = Buffer.from(address.domain, 'latin1');
    return Buffer.concat([Buffer.from([0x03, name.length]), name, portBytes]);
  }
  if ('ipv4' in address) {
    return Buffer.concat([Buffer.from([0x01, ...address.ipv4.split('.').map(Number)]), portBytes]);
  }
  const words = expandIpv6(address.ipv6);
  const bytes = Buffer.alloc(16);
  words.forEach((w, i) => bytes.writeUInt16BE(w, i * 2));
  return Buffer.concat([Buffer.from([0x04]), bytes, portBytes]);
}

function expandIpv6(text: string): number[] {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** SOCKS5 no-auth greeting plus one request; returns the method byte, the reply code and the socket. */
export async function socks5(
  path: string,
  address: SocksAddress,
  port: number,
  command = 0x01,
): Promise<{ method: number; code: number; socket: Socket }> {
  const socket = await connectUnix(path);
  socket.on('error', () => {});
  const greeting = readUntil(socket, (b) => b.length >= 2);
  socket.write(Buffer.from([0x05, 0x01, 0x00]));
  const method = (await greeting)[1]!;
  const replyBytes = readUntil(socket, (b) => b.length >= 10);
  socket.write(Buffer.concat([Buffer.from([0x05, command, 0x00]), socksAddress(address, port)]));
  const reply = await replyBytes;
  return { method, code: reply[1]!, socket };
}

/** Resolves once the socket is closed (or at once if it already is). */
export function closed(socket: Socket, timeoutMs = 5_000): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still open')), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.resume();
  });
}
