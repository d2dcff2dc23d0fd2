// The JS host process runs inside the process sandbox: if V8 or isolated-vm is ever broken out of,
// the attacker lands in a bubblewrap sandbox with no network, no writable files, the seccomp filter
// and hard limits, not in the caller's process with its rights.
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { nodeBinaryMount } from '../process/bwrap-args.js';
import { preflightSandbox } from '../process/preflight.js';
import { resourceLimitArgs } from '../process/resource-limits.js';
import { prepareLaunch, type SandboxLaunch } from '../process/sandbox-launch.js';
import { resolveSandboxSpec } from '../process/sandbox-spec.js';

/** Descriptors: 0-2 stdio, 3 Node's IPC channel (fork), then what bwrap reads. No status fd: the host says "ready" itself. */
export const HOST_FDS = { seccomp: 4, passwd: 5, group: 6 } as const;

/** Limits of the host process as a whole; each run has its own, tighter ones inside the isolate. */
export interface JsHostLimits {
  /** Address space of the host (bytes). Default 4 GiB: V8 reserves address space per isolate. */
  memoryBytes?: number;
  /** Processes and threads (V8 and isolated-vm threads). Default 128. */
  maxProcesses?: number;
}

/**
 * The launch of a sandboxed JS host: `node <nodeFlags> js-host.mjs <ivmEntry>` inside bubblewrap
 * with read access to the host's folder, isolated-vm's folder and the Node binary only; no
 * network; no writable directory; no file may be written at all (RLIMIT_FSIZE 0).
 *
 * @example
 * const launch = await sandboxedHostLaunch(['--no-node-snapshot'], hostFile, ivmEntry);
 * fork(hostFile, [ivmEntry], { execPath: launch.file, execArgv: launch.args, ... });
 */
export async function sandboxedHostLaunch(
  nodeFlags: readonly string[],
  hostFile: string,
  ivmEntry: string,
  limits: JsHostLimits = {},
): Promise<SandboxLaunch> {
  const host = await preflightSandbox();
  const read = [realpathSync(dirname(hostFile)), realpathSync(dirname(ivmEntry))];
  const spec = resolveSandboxSpec({
    command: [process.execPath, ...nodeFlags],
    read,
    cwd: '/tmp',
    // fork() tells the child its IPC descriptor through these; bwrap clears everything else.
    env: { NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' },
    limits: {
      timeoutMs: 24 * 3600 * 1000,
      cpuSeconds: 24 * 3600,
      memoryBytes: limits.memoryBytes ?? 4 * 1024 ** 3,
      maxProcesses: limits.maxProcesses ?? 128,
      fileSizeBytes: 0,
      openFiles: 256,
      tmpBytes: 1024 * 1024,
    },
  });
  const nodeDir = nodeBinaryMount();
  // The command is completed by fork(): it appends js-host.mjs and the isolated-vm entry.
  return prepareLaunch(
    host.bwrap,
    spec,
    {
      network: false,
      runtimeRead: nodeDir === undefined ? [] : [nodeDir],
      prefix: resourceLimitArgs(spec.limits),
    },
    { fds: HOST_FDS },
  );
}
