// The gateway's connections to its upstream servers: one MCP client per server, connected on
// first use (or at boot), reconnected with exponential backoff after it dies, told about tool
// list changes, and closed together with the gateway.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  type Tool,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { ServerConfig } from '../../config/schema.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { type UpstreamContext, upstreamTransport } from './upstream-transport.js';

export interface UpstreamPoolOptions extends UpstreamContext {
  servers: Readonly<Record<string, ServerConfig>>;
  /** Called when a server says its tool list changed (the gateway re-lists and re-checks pins). */
  onToolsChanged?: (server: string) => void;
  /** Called after every (re)connect: a restarted server may list different tools. */
  onConnected?: (server: string) => void;
  /** Resource and prompt notifications of a server (updated resource, changed lists). */
  onNotification?: (
    server: string,
    notification:
      { kind: 'resource-updated'; uri: string } | { kind: 'resources-changed' } | { kind: 'prompts-changed' },
  ) => void;
  /** Test seam: build the transport (default: upstreamTransport). */
  transport?: (name: string, server: ServerConfig) => Transport;
  /** Backoff after a failed connect: first delay and cap (ms). */
  backoff?: { initialMs: number; maxMs: number };
}

interface Connection {
  client: Client;
  ready: Promise<Client>;
}

/** One MCP client per upstream server. */
export class UpstreamPool {
  private readonly connections = new Map<string, Connection>();
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly toolCache = new Map<string, Promise<Tool[]>>();
  private closed = false;

  constructor(private readonly options: UpstreamPoolOptions) {}

  /** Names of the configured servers. */
  get servers(): string[] {
    return Object.keys(this.options.servers);
  }

  /** Connect every server configured with `start: boot` (failures are retried on first use). */
  async boot(): Promise<void> {
    await Promise.all(
      this.servers
        .filter((name) => this.options.servers[name]!.start === 'boot')
        .map((name) => this.client(name).catch(() => undefined)),
    );
  }

  /**
   * The connected client of `server`, connecting it if needed. Rejects with WardenError
   * `DEPENDENCY_UNAVAILABLE` while the server is down and inside its backoff window.
   */
  client(server: string): Promise<Client> {
    if (this.closed) return Promise.reject(unavailable(server, 'the gateway is closed'));
    const config = this.options.servers[server];
    if (!config)
      return Promise.reject(new WardenError(WardenErrorCode.InvalidArgument, `unknown server "${server}"`));
    const existing = this.connections.get(server);
    if (existing) return existing.ready;
    const failure = this.failures.get(server);
    if (failure && Date.now() < failure.until) {
      return Promise.reject(unavailable(server, `reconnecting after ${failure.count} failed attempt(s)`));
    }
    const client = new Client({ name: 'warden-gateway', version: '0.1.0' });
    const transport = (this.options.transport ?? ((n, s) => upstreamTransport(n, s, this.options)))(
      server,
      config,
    );
    const ready = client
      .connect(transport)
      .then(() => {
        this.failures.delete(server);
        this.toolCache.delete(server);
        this.options.onConnected?.(server);
        client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
          this.toolCache.delete(server);
          this.options.onToolsChanged?.(server);
        });
        const notify = this.options.onNotification;
        if (notify) {
          client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) =>
            notify(server, { kind: 'resource-updated', uri: n.params.uri }),
          );
          client.setNotificationHandler(ResourceListChangedNotificationSchema, () =>
            notify(server, { kind: 'resources-changed' }),
          );
          client.setNotificationHandler(PromptListChangedNotificationSchema, () =>
            notify(server, { kind: 'prompts-changed' }),
          );
        }
        return client;
      })
      .catch((error: unknown) => {
        this.forget(server, client);
        this.noteFailure(server);
        throw unavailable(server, error instanceof Error ? error.message : String(error));
      });
    const connection: Connection = { client, ready };
    this.connections.set(server, connection);
    client.onclose = () => {
      // The server died (or was closed): the next use reconnects, after a backoff if it keeps dying.
      if (this.connections.get(server) === connection) {
        this.forget(server, client);
        if (!this.closed) this.noteFailure(server);
      }
    };
    return ready;
  }

  /** The server's tools (cached until it reports a change or reconnects). */
  tools(server: string): Promise<Tool[]> {
    let cached = this.toolCache.get(server);
    if (!cached) {
      cached = this.client(server).then(async (client) => {
        const tools: Tool[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor === undefined ? {} : { cursor });
          tools.push(...page.tools);
          cursor = page.nextCursor;
        } while (cursor !== undefined && tools.length < 10_000);
        return tools;
      });
      const pending = cached;
      this.toolCache.set(server, pending);
      pending.catch(() => {
        if (this.toolCache.get(server) === pending) this.toolCache.delete(server);
      });
    }
    return cached;
  }

  /** Forget the cached tool list of `server` (or all). */
  invalidate(server?: string): void {
    if (server === undefined) this.toolCache.clear();
    else this.toolCache.delete(server);
  }

  /** Close every connection (stdio servers' sandboxes are killed). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.client.close().catch(() => undefined)));
  }

  private forget(server: string, client: Client): void {
    if (this.connections.get(server)?.client === client) this.connections.delete(server);
    this.toolCache.delete(server);
  }

  private noteFailure(server: string): void {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 250, maxMs: 30_000 };
    const count = (this.failures.get(server)?.count ?? 0) + 1;
    this.failures.set(server, { count, until: Date.now() + Math.min(maxMs, initialMs * 2 ** (count - 1)) });
  }
}

function unavailable(server: string, why: string): WardenError {
  return new WardenError(WardenErrorCode.DependencyUnavailable, `server "${server}" is unavailable: ${why}`);
}
