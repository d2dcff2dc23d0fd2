// Network for one sandbox: the host-side egress proxy on a private Unix socket, the bridge that
// runs in front of the command inside, and the proxy variables. Shared by one-shot runs and
// long-lived processes so the two cannot drift apart.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileNetworkScope } from '../../policy/rules/urls/network-scope.js';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import type { EgressProxy } from '../egress/index.js';
import { nodeBinaryMount } from './bwrap-args.js';
import type { SandboxNetworkOption } from './run-sandboxed.js';
import type { HostUser } from './sandbox-launch.js';

/** Where the bridge listens inside the sandbox, and where the proxy socket appears. */
export const EGRESS_PORT = 3128;
const EGRESS_SOCKET_INSIDE = '/run/warden/egress.sock';
/** Tasks of the bridge (Node's threads), counted on top of the program's process limit. */
export const BRIDGE_TASKS = 16;

export interface SandboxEgress {
  proxy: EgressProxy;
  /** Read-only mounts the bridge needs (the bridge script, the Node binary if outside /usr). */
  runtimeRead: string[];
  /** The proxy socket: host path -> sandbox path. */
  sockets: [string, string][];
  /** The bridge command, run in front of the program. */
  prefix: string[];
  /** Proxy variables for the program. */
  env: Record<string, string>;
  /** Stop the proxy and remove its directory. */
  release(): Promise<void>;
}

/**
 * Start the egress proxy for one sandbox.
 *
 * @example
 * const egress = await startSandboxEgress({ allow: ['pypi.org'] });
 * try { ... bwrapArgs(spec, { sockets: egress.sockets, prefix: egress.prefix, ... }) } finally { await egress.release(); }
 */
export async function startSandboxEgress(
  network: SandboxNetworkOption,
  options: { hostUser?: HostUser; onEgress?: (event: SandboxEgressEvent) => void } = {},
): Promise<SandboxEgress> {
  const { hostUser, onEgress } = options;
  const dir = mkdtempSync(join(tmpdir(), 'warden-egress-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (hostUser) chownSync(dir, hostUser.uid, hostUser.gid);
    // Loaded only for runs with a network: most runs have none.
    const { egressBridgePath, egressProxyEnv, startEgressProxy } = await import('../egress/index.js');
    const proxy = await startEgressProxy({
      socketPath: join(dir, 'egress.sock'),
      network: 'scope' in network ? network.scope : compileNetworkScope(network),
      ...(network.isAddressAllowed ? { isAddressAllowed: network.isAddressAllowed } : {}),
      ...(network.lookup ? { lookup: network.lookup } : {}),
      ...(onEgress
        ? {
            onDenied: (d) =>
              onEgress({
                host: d.host,
                port: d.port,
                protocol: d.protocol,
                allowed: false,
                reason: d.reason,
              }),
            onConnected: (c) => onEgress({ ...c, allowed: true }),
          }
        : {}),
    });
    try {
      if (hostUser) chownSync(proxy.socketPath, hostUser.uid, hostUser.gid);
      const bridge = egressBridgePath();
      const nodeDir = nodeBinaryMount();
      return {
        proxy,
        runtimeRead: nodeDir === undefined ? [bridge] : [bridge, nodeDir],
        sockets: [[proxy.socketPath, EGRESS_SOCKET_INSIDE]],
        prefix: [process.execPath, bridge, String(EGRESS_PORT), EGRESS_SOCKET_INSIDE, '--'],
        env: egressProxyEnv(EGRESS_PORT),
        release: async () => {
          await proxy.close();
          removeDir();
        },
      };
    } catch (error) {
      await proxy.close();
      throw error;
    }
  } catch (error) {
    removeDir();
    throw error;
  }
}
