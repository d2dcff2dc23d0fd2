// The sandbox's only way out. A command runs with `--unshare-net` (loopback only); a bridge inside
// the sandbox forwards its proxy connections to this server's Unix socket, and this server connects
// only to destinations the profile allows, at addresses it has resolved and checked itself. It speaks
// HTTP CONNECT, plain-HTTP absolute-form requests and SOCKS5, and fails closed: anything malformed,
// unexpected or erroring ends that one connection, never the proxy.
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { NetworkScope } from '../../policy/rules/urls/network-scope.js';
import {
  checkHttpDestination,
  checkTunnelDestination,
  type DestinationCheck,
  type DestinationPolicy,
  defaultIsAddressAllowed,
  type EgressDenialReason,
  type EgressLookup,
  systemLookup,
} from './destination.js';
import { BodyFramer, bodyFraming, parseAuthority, parseRequestHead, upstreamHead } from './http-head.js';
import {
  greetingLength,
  METHOD_NO_AUTH,
  METHOD_NONE_ACCEPTABLE,
  parseRequest,
  reply,
  SOCKS_VERSION,
  SocksReply,
} from './socks5.js';

/** Which proxy protocol a connection spoke; `unknown` for bytes that are none of them. */
export type EgressProtocol = 'http' | 'connect' | 'socks5' | 'unknown';

/**
 * One refused connection. Holds the destination and why, never request content: no path, query,
 * header or body (they may carry secrets).
 */
export interface EgressDenial {
  /** Destination host as the client named it (canonical where it got that far); '' when unparsable. */
  readonly host: string;
  /** Destination port; 0 when unknown. */
  readonly port: number;
  readonly protocol: EgressProtocol;
  readonly reason: EgressDenialReason;
  /** The rule that refused: a `urls.*` id from checkUrl or an `egress.*` id from the proxy. */
  readonly rule: string;
  /** ISO-8601 time of the denial. */
  readonly at: string;
}

export interface EgressProxyOptions {
  /** Unix socket to listen on. Created here (mode 0600); the caller owns its directory (mode 0700). */
  socketPath: string;
  /** The profile's network scope, from `compileNetworkScope`. */
  network: NetworkScope;
  /** DNS resolver. Default: `dns.promises.lookup(host, { all: true })`. */
  lookup?: EgressLookup;
  /**
   * Which resolved or literal addresses may be connected to. Default: plain public unicast only
   * (`!isForbiddenAddress(ip)`). Overriding it is an explicit act of trust, meant for tests (a local
   * upstream on 127.0.0.1) or a deployment that must reach a known private network; cloud metadata
   * addresses (169.254/16, fd00:ec2::254, 100.100.100.200) stay refused whatever it returns.
   */
  isAddressAllowed?: (ip: string) => boolean;
  /** Called for each denial, after it was recorded. Exceptions it throws are ignored. */
  onDenied?: (denial: EgressDenial) => void;
  /** Called for each allowed connection once the upstream is connected (for the audit). Exceptions are ignored. */
  onConnected?: (connection: EgressConnection) => void;
  /** Concurrent client connections; more are closed at once. Default 256. */
  maxConnections?: number;
  /** An established connection with no traffic either way for this long is closed. Default 300 000 ms. */
  idleTimeoutMs?: number;
  /** Time a client has to finish its request head or SOCKS handshake. Default 30 000 ms. */
  handshakeTimeoutMs?: number;
  /** Upper bound for the DNS lookup and for each upstream connect attempt. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** How many recent denials `denials` keeps. Default 1000. */
  maxDenials?: number;
}

/** A running egress proxy. */
export interface EgressProxy {
  readonly socketPath: string;
  /** The most recent denials, oldest first (at most `maxDenials`). */
  readonly denials: readonly EgressDenial[];
  /** Client connections currently open. */
  readonly connections: number;
  /** Stop listening, destroy every live connection, remove the socket file. Idempotent. */
  close(): Promise<void>;
}

export const MAX_HEAD_BYTES = 16 * 1024;
const UNIX_PATH_MAX = 107;
const LINGER_MS = 2_000;
const EMPTY = Buffer.alloc(0);
const TOKEN_START = /[A-Za-z]/;

/** An allowed connection: the checked name and the pinned address it went to. */
export interface EgressConnection {
  host: string;
  port: number;
  protocol: EgressProtocol;
  address: string;
}

interface Settings {
  connected(connection: EgressConnection): void;
  policy: DestinationPolicy;
  idleTimeoutMs: number;
  handshakeTimeoutMs: number;
  connectTimeoutMs: number;
  deny(denial: Omit<EgressDenial, 'at'>): void;
}

/**
 * Start the egress proxy on a Unix socket. Resolves once it is listening.
 *
 * @example
 * const proxy = await startEgressProxy({
 *   socketPath: join(privateDir, 'egress.sock'),
 *   network: compileNetworkScope({ allow: ['api.github.com', 'registry.npmjs.org'] }),
 *   onDenied: (d) => audit.append({ kind: 'egress-denied', ...d }),
 * });
 * // bind-mount proxy.socketPath into the sandbox and run the command under egress-bridge.mjs
 * await proxy.close();
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const socketPath = checkSocketPath(options?.socketPath);
  if (
    typeof options.network !== 'object' ||
    options.network === null ||
    !(options.network.schemes instanceof Set)
  ) {
    throw unavailable('network must be a scope compiled with compileNetworkScope');
  }
  const maxConnections = positive(options.maxConnections, 256, 'maxConnections');
  const maxDenials = positive(options.maxDenials, 1000, 'maxDenials');
  const connectTimeoutMs = positive(options.connectTimeoutMs, 10_000, 'connectTimeoutMs');
  const onDenied = options.onDenied;
  const denials: EgressDenial[] = [];
  const settings: Settings = {
    policy: {
      network: options.network,
      lookup: options.lookup ?? systemLookup,
      isAddressAllowed: options.isAddressAllowed ?? defaultIsAddressAllowed,
      lookupTimeoutMs: connectTimeoutMs,
    },
    idleTimeoutMs: positive(options.idleTimeoutMs, 300_000, 'idleTimeoutMs'),
    handshakeTimeoutMs: positive(options.handshakeTimeoutMs, 30_000, 'handshakeTimeoutMs'),
    connectTimeoutMs,
    connected(connection) {
      try {
        options.onConnected?.(connection);
      } catch {
        // A listener's failure must not break the connection it is told about.
      }
    },
    deny(partial) {
      const denial: EgressDenial = Object.freeze({ ...partial, host: printable(partial.host), at: now() });
      denials.push(denial);
      if (denials.length > maxDenials) denials.splice(0, denials.length - maxDenials);
      try {
        onDenied?.(denial);
      } catch {
        // a failing observer must not change what happens to the connection
      }
    },
  };

  const live = new Set<Conn>();
  let clients = 0;
  let closed = false;
  let drained: (() => void) | undefined;
  const server = createServer({ allowHalfOpen: true });
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    if (closed || live.size >= maxConnections) {
      socket.destroy();
      return;
    }
    clients++;
    socket.on('close', () => clients--);
    const conn = new Conn(socket, () => {
      live.delete(conn);
      if (live.size === 0) drained?.();
    });
    live.add(conn);
    serve(settings, conn).catch(() => conn.destroy());
  });

  removeStaleSocket(socketPath);
  await listen(server, socketPath);
  server.on('error', () => {}); // after listening, errors belong to connections, which handle their own
  chmodSync(socketPath, 0o600);

  let closing: Promise<void> | undefined;
  return {
    socketPath,
    get denials() {
      return denials;
    },
    get connections() {
      return clients;
    },
    close() {
      closing ??= Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => {
          closed = true;
          drained = resolve;
          if (live.size === 0) resolve();
          for (const conn of live) conn.destroy();
        }),
      ]).then(() => {
        try {
          unlinkSync(socketPath);
        } catch {
          // already gone: Node removes the socket file when the server closes
        }
      });
      return closing;
    },
  };
}

/** Every socket of one client connection, so that one failure or `close()` ends all of them. */
class Conn {
  readonly sockets = new Set<Socket>();
  destroyed = false;
  /** True once bytes flow between client and upstream: clean closes are then left to the pipes. */
  relaying = false;

  constructor(
    readonly client: Socket,
    private readonly onGone: () => void,
  ) {
    this.adopt(client);
    client.on('timeout', () => this.destroy());
    client.on('close', (hadError) => {
      if (hadError || !this.relaying) this.destroy();
    });
  }

  /** Track a socket for cleanup; the connection is gone once all tracked sockets closed. */
  adopt(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) this.onGone();
    });
  }

  /** Wire an upstream socket: an error or timeout on it ends the whole connection. */
  wire(upstream: Socket, idleTimeoutMs: number): void {
    upstream.on('error', () => this.destroy());
    upstream.on('timeout', () => this.destroy());
    upstream.on('close', (hadError) => {
      if (hadError) this.destroy();
    });
    upstream.setTimeout(idleTimeoutMs);
    this.client.setTimeout(idleTimeoutMs);
    this.relaying = true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const socket of this.sockets) socket.destroy();
  }
}

class PeerGone extends Error {}

/** Buffers what the client sends until its handshake is complete. */
class Inbox {
  buf: Buffer = EMPTY;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.fire();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.fire();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  /** Wait for more bytes; throws once the client has stopped sending. */
  async more(): Promise<void> {
    if (this.ended) throw new PeerGone('client went away during the handshake');
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Stop buffering; returns what arrived beyond the handshake. The socket is left paused. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.pause();
    const rest = this.buf;
    this.buf = EMPTY;
    return rest;
  }

  private fire(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

async function serve(settings: Settings, conn: Conn): Promise<void> {
  const { client } = conn;
  client.setTimeout(settings.handshakeTimeoutMs);
  const inbox = new Inbox(client);
  try {
    while (inbox.buf.length === 0) await inbox.more();
  } catch {
    conn.destroy();
    return;
  }
  const first = inbox.buf[0]!;
  if (first === SOCKS_VERSION) return serveSocks(settings, conn, inbox);
  if (TOKEN_START.test(String.fromCharCode(first))) return serveHttp(settings, conn, inbox);
  // SOCKS4, TLS sent straight at the proxy, binary noise: nothing a client of ours speaks.
  settings.deny({
    host: '',
    port: 0,
    protocol: 'unknown',
    reason: 'bad-request',
    rule: 'egress.bad-protocol',
  });
  inbox.detach();
  conn.destroy();
}

// ---------------------------------------------------------------------------------------------------
// HTTP: CONNECT tunnels and plain absolute-form requests

async function serveHttp(settings: Settings, conn: Conn, inbox: Inbox): Promise<void> {
  const { client } = conn;
  let end: number;
  try {
    while ((end = inbox.buf.indexOf('\r\n\r\n')) === -1) {
      if (inbox.buf.length > MAX_HEAD_BYTES || inbox.buf.includes('\n\n')) break;
      await inbox.more();
    }
  } catch {
    conn.destroy();
    return;
  }
  const bareLf = inbox.buf.indexOf('\n\n');
  if (bareLf !== -1 && (end === -1 || bareLf < end)) {
    inbox.detach();
    settings.deny({
      host: '',
      port: 0,
      protocol: 'http',
      reason: 'bad-request',
      rule: 'egress.malformed-request',
    });
    return refuse(conn, 400, 'Bad Request', 'malformed HTTP request (lines must end with CRLF)');
  }
  if (end === -1 || end + 4 > MAX_HEAD_BYTES) {
    inbox.detach();
    settings.deny({
      host: '',
      port: 0,
      protocol: 'http',
      reason: 'bad-request',
      rule: 'egress.head-too-large',
    });
    return refuse(
      conn,
      431,
      'Request Header Fields Too Large',
      `request head is larger than ${MAX_HEAD_BYTES} bytes`,
    );
  }
  const head = parseRequestHead(
    inbox
      .take(end + 4)
      .toString('latin1')
      .slice(0, -4),
  );
  const rest = inbox.detach();
  if (!head) {
    settings.deny({
      host: '',
      port: 0,
      protocol: 'http',
      reason: 'bad-request',
      rule: 'egress.malformed-request',
    });
    return refuse(conn, 400, 'Bad Request', 'malformed HTTP request');
  }

  if (head.method === 'CONNECT') {
    const authority = parseAuthority(head.target);
    if (!authority) {
      settings.deny({
        host: hostOfAuthority(head.target),
        port: 0,
        protocol: 'connect',
        reason: 'bad-request',
        rule: 'egress.bad-authority',
      });
      return refuse(
        conn,
        400,
        'Bad Request',
        'CONNECT needs host:port (letters, digits, ".", "-", "_" only)',
      );
    }
    const check = await checkTunnelDestination(settings.policy, authority.hostText, authority.port);
    if (conn.destroyed) return;
    if (!check.ok) {
      settings.deny({
        host: authority.hostText,
        port: authority.port,
        protocol: 'connect',
        reason: check.reason,
        rule: check.rule,
      });
      return refuseDenied(conn, check);
    }
    const upstream = await connectUpstream(settings, conn, check);
    if (!upstream)
      return conn.destroyed ? undefined : refuse(conn, 502, 'Bad Gateway', 'upstream unreachable');
    settings.connected({
      host: check.host,
      port: check.port,
      protocol: 'connect',
      address: upstream.remoteAddress ?? '',
    });
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    return relay(settings, conn, upstream, rest);
  }

  if (!/^http:\/\//i.test(head.target)) {
    const https = /^https:\/\//i.test(head.target);
    settings.deny({
      host: hostOfUrl(head.target),
      port: 0,
      protocol: 'http',
      reason: 'bad-request',
      rule: https ? 'egress.https-without-connect' : 'egress.not-absolute-form',
    });
    return refuse(
      conn,
      400,
      'Bad Request',
      https ? 'https:// URLs go through CONNECT' : 'a proxy request needs an absolute http:// URL',
    );
  }
  const framing = bodyFraming(head);
  if (!framing) {
    settings.deny({
      host: hostOfUrl(head.target),
      port: 0,
      protocol: 'http',
      reason: 'bad-request',
      rule: 'egress.ambiguous-framing',
    });
    return refuse(conn, 400, 'Bad Request', 'ambiguous Content-Length / Transfer-Encoding');
  }
  const check = await checkHttpDestination(settings.policy, head.target);
  if (conn.destroyed) return;
  if (!check.ok || !check.url) {
    const url = safeUrl(head.target);
    settings.deny({
      host: check.ok ? check.host : (url?.hostname ?? ''),
      port: check.ok ? check.port : url ? Number(url.port || 80) : 0,
      protocol: 'http',
      reason: check.ok ? 'bad-request' : check.reason,
      rule: check.ok ? 'egress.internal' : check.rule,
    });
    return refuseDenied(conn, check);
  }
  const upstream = await connectUpstream(settings, conn, check);
  if (!upstream) return conn.destroyed ? undefined : refuse(conn, 502, 'Bad Gateway', 'upstream unreachable');
  settings.connected({
    host: check.host,
    port: check.port,
    protocol: 'http',
    address: upstream.remoteAddress ?? '',
  });
  forwardRequest(settings, conn, upstream, upstreamHead(head, check.url), new BodyFramer(framing), rest);
}

/** Send one request upstream, exactly its body and nothing after it, and relay the response. */
function forwardRequest(
  settings: Settings,
  conn: Conn,
  upstream: Socket,
  head: string,
  framer: BodyFramer,
  rest: Buffer,
): void {
  const { client } = conn;
  conn.wire(upstream, settings.idleTimeoutMs);
  upstream.write(head, 'latin1');
  let waitingDrain = false;
  const forward = (chunk: Buffer): void => {
    if (framer.done || conn.destroyed) return; // bytes after the body (a pipelined request) are dropped
    let part: Buffer;
    try {
      part = framer.push(chunk);
    } catch {
      conn.destroy();
      return;
    }
    if (part.length > 0 && !upstream.write(part) && !waitingDrain) {
      waitingDrain = true;
      client.pause();
      upstream.once('drain', () => {
        waitingDrain = false;
        client.resume();
      });
    }
  };
  forward(rest);
  client.on('data', forward);
  client.on('end', () => {
    if (!framer.done) conn.destroy(); // the client gave up mid-body
  });
  upstream.on('end', () => upstream.end());
  upstream.pipe(client);
  client.resume();
}

function refuseDenied(conn: Conn, check: DestinationCheck): void {
  if (check.ok) return refuse(conn, 502, 'Bad Gateway', 'internal error');
  if (check.reason === 'dns-failed') return refuse(conn, 502, 'Bad Gateway', check.message);
  refuse(conn, 403, 'Forbidden', `egress denied (${check.reason}): ${check.message}`, check.reason);
}

/** Answer with an error and close: the client gets a moment to read it, then the socket is destroyed. */
function refuse(conn: Conn, status: number, text: string, message: string, reason?: string): void {
  const { client } = conn;
  if (conn.destroyed) return;
  const body = `${message}\n`;
  const denial = reason ? `X-Warden-Egress-Denied: ${reason}\r\n` : '';
  client.on('data', () => {}); // read and drop whatever else arrives, so the close is clean
  client.resume();
  client.setTimeout(LINGER_MS);
  client.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${denial}Connection: close\r\n\r\n${body}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// SOCKS5

async function serveSocks(settings: Settings, conn: Conn, inbox: Inbox): Promise<void> {
  const { client } = conn;
  const bad = (host: string, port: number, rule: string, code: number): void => {
    settings.deny({ host, port, protocol: 'socks5', reason: 'bad-request', rule });
    inbox.detach();
    endWith(conn, reply(code));
  };
  let length: number | undefined;
  let request: ReturnType<typeof parseRequest>;
  try {
    while ((length = greetingLength(inbox.buf)) === undefined) await inbox.more();
    const methods = inbox.take(length).subarray(2);
    if (!methods.includes(METHOD_NO_AUTH)) {
      settings.deny({
        host: '',
        port: 0,
        protocol: 'socks5',
        reason: 'bad-request',
        rule: 'egress.socks-auth',
      });
      inbox.detach();
      return endWith(conn, Buffer.from([SOCKS_VERSION, METHOD_NONE_ACCEPTABLE]));
    }
    client.write(Buffer.from([SOCKS_VERSION, METHOD_NO_AUTH]));
    while ((request = parseRequest(inbox.buf)) === undefined) await inbox.more();
  } catch {
    conn.destroy();
    return;
  }
  inbox.take(request.length);
  if (!request.ok) {
    const rule =
      request.reply === SocksReply.CommandNotSupported
        ? 'egress.socks-command'
        : request.reply === SocksReply.AddressTypeNotSupported
          ? 'egress.socks-address-type'
          : 'egress.socks-malformed';
    return bad(request.hostText ?? '', request.port ?? 0, rule, request.reply);
  }
  const rest = inbox.detach();
  const check = await checkTunnelDestination(settings.policy, request.hostText, request.port);
  if (conn.destroyed) return;
  if (!check.ok) {
    settings.deny({
      host: request.hostText,
      port: request.port,
      protocol: 'socks5',
      reason: check.reason,
      rule: check.rule,
    });
    return endWith(
      conn,
      reply(check.reason === 'dns-failed' ? SocksReply.HostUnreachable : SocksReply.NotAllowed),
    );
  }
  let failure: unknown;
  const upstream = await connectUpstream(settings, conn, check, (e) => (failure = e));
  if (!upstream) return conn.destroyed ? undefined : endWith(conn, reply(socksFailure(failure)));
  settings.connected({
    host: check.host,
    port: check.port,
    protocol: 'socks5',
    address: upstream.remoteAddress ?? '',
  });
  client.write(reply(SocksReply.Succeeded));
  relay(settings, conn, upstream, rest);
}

function socksFailure(error: unknown): number {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED') return SocksReply.ConnectionRefused;
  if (code === 'ENETUNREACH') return SocksReply.NetworkUnreachable;
  if (code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') return SocksReply.HostUnreachable;
  return SocksReply.GeneralFailure;
}

function endWith(conn: Conn, bytes: Buffer): void {
  if (conn.destroyed) return;
  conn.client.on('data', () => {});
  conn.client.resume();
  conn.client.setTimeout(LINGER_MS);
  conn.client.end(bytes);
}

// ---------------------------------------------------------------------------------------------------
// Upstream connections

/** Connect to the checked addresses in turn, never to anything re-resolved. */
async function connectUpstream(
  settings: Settings,
  conn: Conn,
  check: DestinationCheck,
  onFailure?: (error: unknown) => void,
): Promise<Socket | undefined> {
  if (!check.ok) return undefined;
  let last: unknown;
  for (const ip of check.addresses) {
    if (conn.destroyed) return undefined;
    try {
      return await connectOne(conn, ip, check.port, settings.connectTimeoutMs);
    } catch (error) {
      last = error;
    }
  }
  onFailure?.(last);
  return undefined;
}

function connectOne(conn: Conn, ip: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host: ip, port, allowHalfOpen: true, noDelay: true });
    conn.adopt(socket);
    socket.setTimeout(timeoutMs);
    const cleanup = (): void => {
      socket.off('connect', onConnect);
      socket.off('error', onError);
      socket.off('timeout', onTimeout);
      socket.off('close', onClose);
    };
    const fail = (error: unknown): void => {
      cleanup();
      socket.on('error', () => {});
      socket.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onConnect = (): void => {
      cleanup();
      socket.setTimeout(0);
      if (conn.destroyed) {
        socket.destroy();
        reject(new Error('connection closed'));
      } else resolve(socket);
    };
    const onError = (error: Error): void => fail(error);
    const onTimeout = (): void => fail(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    const onClose = (): void => fail(new Error('connection closed'));
    socket.on('connect', onConnect);
    socket.on('error', onError);
    socket.on('timeout', onTimeout);
    socket.on('close', onClose);
  });
}

/** Pipe both ways; a clean end on one side is passed on as a half-close. */
function relay(settings: Settings, conn: Conn, upstream: Socket, rest: Buffer): void {
  conn.wire(upstream, settings.idleTimeoutMs);
  if (rest.length > 0) upstream.write(rest);
  conn.client.pipe(upstream);
  upstream.pipe(conn.client);
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function listen(server: Server, path: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(unavailable(`egress proxy cannot listen on ${path}: ${error.message}`, error));
    };
    server.once('error', onError);
    server.listen({ path, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function checkSocketPath(path: unknown): string {
  if (typeof path !== 'string' || path === '' || !isAbsolute(path)) {
    throw unavailable('socketPath must be an absolute path');
  }
  if (Buffer.byteLength(path) > UNIX_PATH_MAX) {
    throw unavailable(`socketPath ${path} is longer than ${UNIX_PATH_MAX} bytes, the Unix socket limit`);
  }
  return path;
}

/** A socket left by a proxy that died may be replaced; any other file is not ours to remove. */
function removeStaleSocket(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw unavailable(`socketPath ${path} exists and is not a socket`);
  unlinkSync(path);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw unavailable(`${name} must be a positive number`);
  return value;
}

function unavailable(message: string, cause?: unknown): WardenError {
  return new WardenError(WardenErrorCode.SandboxUnavailable, message, cause === undefined ? {} : { cause });
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function hostOfUrl(text: string): string {
  return safeUrl(text)?.hostname ?? '';
}

/** The host part of a CONNECT target that failed to parse; userinfo (`user:secret@`) is dropped. */
function hostOfAuthority(target: string): string {
  const afterUserinfo = target.slice(target.lastIndexOf('@') + 1);
  const colon = afterUserinfo.lastIndexOf(':');
  return colon > 0 && !afterUserinfo.endsWith(']') ? afterUserinfo.slice(0, colon) : afterUserinfo;
}

/** Printable ASCII, at most 255 characters: a denial is read by people and parsed by tools. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 255);
}

function now(): string {
  return new Date().toISOString();
}
