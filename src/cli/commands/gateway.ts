import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.js';
import type { LoadedConfig } from '../../config/load-config.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

export const GATEWAY_HELP = `Usage:
  warden gateway [--config FILE] [--listen HOST:PORT] [--agent NAME]
  warden gateway --stdio --agent NAME [--config FILE]

Serve the MCP servers of the config's \`servers:\` behind one endpoint: streamable HTTP at
http://HOST:PORT/mcp (default 127.0.0.1:8787), or one session over standard input/output (for
clients that launch servers: Claude Desktop, Cursor). Tools are namespaced server__tool, shown only
when the agent's profile allows them and their definition is pinned, and every call goes through
the policy, limits, approvals, kill switch, output scanning and the audit log.

Options:
  --config FILE      warden.yaml (default ./warden.yaml)
  --listen H:P       overrides gateway.listen
  --agent NAME       without gateway.auth (loopback only): the agent every client acts as;
                     with --stdio: the agent of the session
  --stdio            serve one session on standard input/output
`;

export const KEYS_HELP = `Usage:
  warden keys create --agent NAME [--config FILE]     prints the new API key alone on stdout (shown once)
  warden keys list [--json] [--config FILE]
  warden keys revoke ID [--config FILE]

API keys for gateway clients (Authorization: Bearer <key>); stored hashed (scrypt) in the
gateway's state file (gateway.state, default warden-gateway.db beside the config).
`;

export const PINS_HELP = `Usage:
  warden pins list [--json] [--config FILE]            pinned and quarantined tools
  warden pins diff SERVER TOOL [--config FILE]         what changed since the pinned definition
  warden pins approve SERVER TOOL [--config FILE]      pin the definition last seen (ends quarantine)
  warden pins revoke SERVER TOOL [--config FILE]       forget a tool's pin

A tool whose definition changes after approval (a rug pull), reads as poisoned, or was never
approved is hidden and refused until approved here.
`;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function load(config: string | undefined, io: CliIo): LoadedConfig {
  return loadConfig({ configFile: resolve(io.cwd, config ?? 'warden.yaml'), env: io.env });
}

/** `warden gateway`. */
export async function gatewayCommand(argv: string[], io: CliIo): Promise<number> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      options: {
        config: { type: 'string' },
        listen: { type: 'string' },
        agent: { type: 'string' },
        stdio: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${GATEWAY_HELP}`);
  }
  if (v.help) {
    io.stdout(GATEWAY_HELP);
    return EXIT.ok;
  }
  const loaded = load(v.config, io);
  if (v.agent !== undefined && !loaded.agents.some((a) => a.profile.name === v.agent)) {
    throw usageError(`--agent ${v.agent}: no such agent in ${loaded.file}`);
  }
  if (v.stdio) {
    if (v.agent === undefined) throw usageError('--stdio needs --agent NAME');
    return serveStdio(loaded, v.agent, io);
  }
  const { startGateway } = await import('../../gateway/start-gateway.js');
  const running = await startGateway(loaded, {
    onServerError: (server, error) =>
      io.stderr(`warden gateway: server "${server}" unavailable: ${errorText(error)}\n`),
    ...(v.listen !== undefined ? { listen: v.listen } : {}),
    ...(v.agent !== undefined ? { agent: v.agent } : {}),
  });
  io.stderr(`warden gateway: listening on ${running.http.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  return EXIT.ok;
}

async function serveStdio(loaded: LoadedConfig, agent: string, io: CliIo): Promise<number> {
  const [
    { createWarden },
    { openGatewayState },
    { gatewayFor },
    { createGatewayServer },
    { StdioServerTransport },
  ] = await Promise.all([
    import('../../guard/warden.js'),
    import('../../gateway/gateway-state.js'),
    import('../../gateway/start-gateway.js'),
    import('../../gateway/server/mcp-server.js'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
  ]);
  const state = openGatewayState(loaded);
  const warden = await createWarden({ configFile: loaded.file, env: io.env });
  const gateway = gatewayFor(loaded, warden, state.pins, (server, error) =>
    io.stderr(`warden gateway: server "${server}" unavailable: ${errorText(error)}\n`),
  );
  try {
    const server = createGatewayServer(gateway, { agent, session: randomUUID(), principal: 'stdio' });
    const closed = new Promise<void>((done) => (server.onclose = done));
    await server.connect(new StdioServerTransport());
    io.stderr(`warden gateway: serving agent "${agent}" on stdio\n`);
    await closed;
    return EXIT.ok;
  } finally {
    await gateway.close();
    await warden.close();
    state.close();
  }
}

/** `warden keys`. */
export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(KEYS_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: { config: { type: 'string' }, agent: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${KEYS_HELP}`);
  }
  const v = parsed.values;
  const loaded = load(v.config, io);
  const { openGatewayState } = await import('../../gateway/gateway-state.js');
  const state = openGatewayState(loaded);
  try {
    if (sub === 'create') {
      if (!v.agent) throw usageError('keys create: give --agent NAME');
      if (!loaded.agents.some((a) => a.profile.name === v.agent)) {
        throw usageError(`keys create --agent ${v.agent}: no such agent in ${loaded.file}`);
      }
      const { createApiKey } = await import('../../gateway/auth/index.js');
      const created = await createApiKey(v.agent);
      state.apiKeys.put(created.record);
      io.stdout(`${created.key}\n`);
      io.stderr(`warden keys: created key ${created.id} for agent "${v.agent}"; it is not shown again\n`);
      return EXIT.ok;
    }
    if (sub === 'list') {
      const keys = state.apiKeys.list();
      if (v.json) io.stdout(`${JSON.stringify({ keys })}\n`);
      else
        for (const k of keys)
          io.stdout(
            `${k.id}  ${k.agent}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`,
          );
      return EXIT.ok;
    }
    if (sub === 'revoke') {
      const id = parsed.positionals[0];
      if (!id) throw usageError('keys revoke: give the key ID (warden keys list)');
      const done = state.apiKeys.revoke(id);
      if (!done) throw usageError(`keys revoke: no key ${id}`);
      io.stdout(`revoked ${id}\n`);
      return EXIT.ok;
    }
    throw usageError(`unknown subcommand "keys ${sub}"\n\n${KEYS_HELP}`);
  } finally {
    state.close();
  }
}

/** `warden pins`. */
export async function pinsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(PINS_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: { config: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${PINS_HELP}`);
  }
  const loaded = load(parsed.values.config, io);
  const { openGatewayState } = await import('../../gateway/gateway-state.js');
  const { diffDefinitions } = await import('../../gateway/pins/index.js');
  const state = openGatewayState(loaded);
  const pins = state.pins;
  try {
    if (sub === 'list') {
      const pinned = pins.list();
      const quarantined = pins.listQuarantine();
      if (parsed.values.json) {
        io.stdout(
          `${JSON.stringify({
            pinned: pinned.map(({ definition: _d, ...p }) => p),
            quarantined: quarantined.map(({ definition: _d, ...q }) => q),
          })}\n`,
        );
        return EXIT.ok;
      }
      for (const p of pinned)
        io.stdout(`pinned       ${p.server} ${p.tool}  ${p.fingerprint.slice(0, 19)}  ${p.approvedAt}\n`);
      for (const q of quarantined) {
        const why = q.findings.map((f) => f.type).join(', ');
        io.stdout(
          `quarantined  ${q.server} ${q.tool}  ${q.reason}${why ? ` (${why})` : ''}  ${q.detectedAt}\n`,
        );
      }
      return EXIT.ok;
    }
    const [server, tool] = parsed.positionals;
    if (!server || !tool) throw usageError(`pins ${sub}: give SERVER and TOOL\n\n${PINS_HELP}`);
    if (sub === 'diff') {
      const pin = pins.get(server, tool);
      const seen = pins.getQuarantine(server, tool);
      if (!seen) throw usageError(`pins diff: ${server} ${tool} is not quarantined`);
      io.stdout(
        pin
          ? `${diffDefinitions(pin.definition, seen.definition)}\n`
          : `(never approved)\n${seen.definition}\n`,
      );
      return EXIT.ok;
    }
    if (sub === 'approve') {
      const seen = pins.getQuarantine(server, tool);
      if (!seen) throw usageError(`pins approve: ${server} ${tool} is not quarantined (nothing to approve)`);
      const pin = pins.approve(
        server,
        tool,
        JSON.parse(seen.definition) as { name: string },
        `cli:${io.env.USER ?? 'unknown'}`,
      );
      io.stdout(`approved ${server} ${tool} ${pin.fingerprint}\n`);
      return EXIT.ok;
    }
    if (sub === 'revoke') {
      if (!pins.revoke(server, tool)) throw usageError(`pins revoke: ${server} ${tool} is not pinned`);
      io.stdout(`revoked ${server} ${tool}\n`);
      return EXIT.ok;
    }
    throw usageError(`unknown subcommand "pins ${sub}"\n\n${PINS_HELP}`);
  } finally {
    state.close();
  }
}
