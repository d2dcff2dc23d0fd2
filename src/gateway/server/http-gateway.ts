// The gateway's streamable-HTTP endpoint: Host and Origin checked (DNS rebinding), every request
// authenticated, each MCP session bound to the agent and principal that opened it, and no client
// credential ever forwarded upstream (upstreams get only their configured headers).
import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { assertSafeListen, type Authenticator, checkHost, checkOrigin } from '../auth/index.js';
import type { Gateway, GatewayCaller } from './gateway.js';
import { createGatewayServer } from './mcp-server.js';

export interface HttpGatewayOptions {
  gateway: Gateway;
  host?: string;
  port?: number;
  /** Default `/mcp`. */
  path?: string;
  /** Client authentication; required unless `anonymousAgent` is set and the host is loopback. */
  authenticator?: Authenticator;
  /** Without authentication (loopback only): the agent every client acts as. */
  anonymousAgent?: string;
  allowedOrigins?: readonly string[];
  /** Most concurrent MCP sessions (default 1000); more get 503. */
  maxSessions?: number;
  /**
   * Failed authentications allowed per client address per minute (default 20); more get 429 until
   * the minute passes. Each bad API key costs a scrypt run: this keeps guessing and CPU burning slow.
   */
  maxFailedAuthPerMinute?: number;
}

export interface HttpGateway {
  /** `http://host:port/path` as listening. */
  readonly url: string;
  readonly sessions: number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  caller: GatewayCaller;
}

/**
 * Listen for MCP clients over streamable HTTP.
 *
 * @example
 * const http = await startHttpGateway({ gateway, host: '127.0.0.1', port: 8787, authenticator });
 * console.log(http.url); // http://127.0.0.1:8787/mcp
 */
export async function startHttpGateway(options: HttpGatewayOptions): Promise<HttpGateway> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  const maxSessions = options.maxSessions ?? 1000;
  if (!options.authenticator && options.anonymousAgent === undefined) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      'gateway.auth: configure API keys or JWT, or run on loopback for one agent (--agent NAME)',
    );
  }
  assertSafeListen(host, options.authenticator !== undefined);
  const sessions = new Map<string, Session>();
  const maxFailures = options.maxFailedAuthPerMinute ?? 20;
  const failures = new Map<string, { count: number; since: number }>();
  const throttled = (address: string): boolean => {
    const entry = failures.get(address);
    if (!entry) return false;
    if (Date.now() - entry.since > 60_000) {
      failures.delete(address);
      return false;
    }
    return entry.count >= maxFailures;
  };
  const noteFailure = (address: string) => {
    const entry = failures.get(address);
    if (!entry || Date.now() - entry.since > 60_000) failures.set(address, { count: 1, since: Date.now() });
    else entry.count++;
    // Bounded: an attacker with many addresses cannot grow this without limit.
    if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
  };

  const deny = (
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return deny(res, 404, 'not found');
    if (!checkHost(req.headers.host, host)) return deny(res, 403, 'forbidden host');
    if (!checkOrigin(req.headers.origin, options.allowedOrigins ?? [], host))
      return deny(res, 403, 'forbidden origin');
    let caller: GatewayCaller;
    if (options.authenticator) {
      const address = req.socket.remoteAddress ?? 'unknown';
      if (throttled(address))
        return deny(res, 429, 'too many failed authentications; retry later', { 'retry-after': '60' });
      const auth = await options.authenticator.authenticate(req.headers);
      if (!auth.ok) {
        if (auth.reason !== 'missing') noteFailure(address);
        return deny(res, auth.status, auth.message, { 'www-authenticate': auth.wwwAuthenticate });
      }
      caller = { agent: auth.agent, principal: auth.principal };
    } else caller = { agent: options.anonymousAgent!, principal: 'anonymous-loopback' };
    // The credential stops here: the SDK must not see it (and never forwards it anyway).
    delete req.headers.authorization;

    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const session = sessions.get(sid);
      if (!session) return deny(res, 404, 'unknown or expired session');
      // A session belongs to whoever opened it: another key or token cannot ride on it.
      if (session.caller.agent !== caller.agent || session.caller.principal !== caller.principal) {
        return deny(res, 403, 'this session belongs to another client');
      }
      return session.transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return deny(res, 400, 'start a session with an initialize request');
    if (sessions.size >= maxSessions) return deny(res, 503, 'too many sessions');
    const sessionCaller: GatewayCaller = { ...caller };
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessionCaller.session = id;
        sessions.set(id, { transport, server, caller: sessionCaller });
      },
    });
    const server = createGatewayServer(options.gateway, sessionCaller);
    transport.onclose = () => {
      if (sessionCaller.session) sessions.delete(sessionCaller.session);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) deny(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8787, host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${path}`,
    get sessions() {
      return sessions.size;
    },
    close: async () => {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.server.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
