// How the gateway reaches one configured server: stdio servers start inside the process sandbox
// with only their declared directories, variables and hosts; HTTP servers get their configured
// headers (from the environment, via `${VAR}`), and never the client's credentials.
import { isAbsolute, resolve } from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ServerConfig } from '../../config/schema.js';
import { parseDuration, parseSize } from '../../config/units.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { SandboxEgressEvent } from '../../sandbox/egress/egress-event.js';
import type { SpawnSandboxedOptions } from '../../sandbox/process/spawn-sandboxed.js';
import { SandboxedStdioTransport } from './sandboxed-stdio-transport.js';

export interface UpstreamContext {
  /** Directory relative paths in the config are resolved against. */
  baseDir: string;
  /** Where `env: [NAME]` values come from (default: this process's environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Extra read-only mounts every stdio server gets (e.g. the node_modules its script imports). */
  runtimeRead?: readonly string[];
  /** Egress attempts of stdio servers, for the audit. */
  onEgress?: (server: string, event: SandboxEgressEvent) => void;
  /** Test seam: address allowance and DNS for the servers' egress proxy. */
  egress?: Pick<NonNullable<SpawnSandboxedOptions['network']>, 'isAddressAllowed' | 'lookup'>;
}

/** The sandbox options of a stdio server, resolved from its config. */
export function stdioSandboxOptions(
  name: string,
  server: ServerConfig,
  ctx: UpstreamContext,
): SpawnSandboxedOptions {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(ctx.baseDir, p));
  const command =
    typeof server.command === 'string'
      ? [server.command, ...(server.args ?? [])]
      : [...(server.command ?? []), ...(server.args ?? [])];
  if (command.length === 0) {
    throw new WardenError(WardenErrorCode.ConfigInvalid, `servers.${name}.command: give the program to run`);
  }
  // A relative program path (./server.js) is a file under the config directory; a bare name (node) is looked up on PATH.
  if (command[0]!.startsWith('.')) command[0] = abs(command[0]!);
  const source = ctx.env ?? process.env;
  const env: Record<string, string> = {};
  if (Array.isArray(server.env)) {
    for (const n of server.env) {
      const value = source[n];
      if (value !== undefined) env[n] = value;
    }
  } else if (server.env) Object.assign(env, server.env);
  const s = server.sandbox ?? {};
  const allow = server.network?.allow ?? [];
  return {
    command,
    read: [...(ctx.runtimeRead ?? []), ...(server.files?.read ?? []).map(abs)],
    write: (server.files?.write ?? []).map(abs),
    ...(server.cwd ? { cwd: abs(server.cwd) } : {}),
    env,
    limits: {
      memoryBytes: s.memory !== undefined ? parseSize(s.memory) : 4 * 1024 ** 3,
      ...(s.cpu !== undefined ? { cpuSeconds: Math.max(1, Math.ceil(parseDuration(s.cpu) / 1000)) } : {}),
      ...(s.maxProcesses !== undefined ? { maxProcesses: s.maxProcesses } : {}),
      ...(s.fileSize !== undefined ? { fileSizeBytes: parseSize(s.fileSize) } : {}),
    },
    ...(allow.length > 0
      ? {
          network: {
            allow,
            ...(server.network?.deny ? { deny: server.network.deny } : {}),
            ...(ctx.egress?.isAddressAllowed ? { isAddressAllowed: ctx.egress.isAddressAllowed } : {}),
            ...(ctx.egress?.lookup ? { lookup: ctx.egress.lookup } : {}),
          },
        }
      : {}),
    ...(ctx.onEgress ? { onEgress: (e: SandboxEgressEvent) => ctx.onEgress!(name, e) } : {}),
  };
}

/**
 * A fresh client transport for one configured server.
 *
 * @example
 * const transport = upstreamTransport('fs', config.servers.fs, { baseDir: loaded.dir });
 * await client.connect(transport);
 */
export function upstreamTransport(name: string, server: ServerConfig, ctx: UpstreamContext): Transport {
  if (server.url !== undefined) {
    return new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { ...(server.headers ?? {}) } },
    });
  }
  return new SandboxedStdioTransport(stdioSandboxOptions(name, server, ctx));
}
