// A long-lived process in the process sandbox (an MCP stdio server, a worker): the same layers as
// runSandboxed — bubblewrap, seccomp, limits, egress proxy — but with its stdio left to the caller
// and no wall-clock limit. Never falls back to an unsandboxed spawn.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { preflightSandbox } from './preflight.js';
import { resourceLimitArgs } from './resource-limits.js';
import { BRIDGE_TASKS, startSandboxEgress } from './sandbox-egress.js';
import type { RunSandboxedOptions } from './run-sandboxed.js';
import { type HostUser, prepareLaunch, writeLaunchData } from './sandbox-launch.js';
import { resolveSandboxSpec } from './sandbox-spec.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';

/** Long-lived processes have no wall-clock limit; this only satisfies the spec's bounds. */
const NO_TIMEOUT_MS = 24 * 3600 * 1000;

export type SpawnSandboxedOptions = Omit<RunSandboxedOptions, 'stdin' | 'signal'>;

/** A sandboxed process: its stdio, and a stop that kills the whole sandbox. */
export interface SandboxedProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Host pid of the launcher (bwrap, or the shell that joins the pids cgroup). */
  readonly pid: number | undefined;
  /** Resolves with the exit code (128 + signal when killed) once the sandbox is gone. */
  readonly exited: Promise<number>;
  /** Kill the sandbox (its pid namespace dies with bwrap) and release the proxy and cgroup. */
  stop(): Promise<void>;
}

/**
 * Start `command` in the process sandbox and hand back its stdio. Rejects with
 * `SandboxUnavailableError` when no sandbox can be made and `WardenError` for a bad spec.
 *
 * @example
 * const p = await spawnSandboxed({ command: ['node', 'server.js'], read: ['/srv/app'] });
 * p.stdin.write('{"jsonrpc":"2.0",...}\n');
 * await p.stop();
 */
export async function spawnSandboxed(options: SpawnSandboxedOptions): Promise<SandboxedProcess> {
  const spec = resolveSandboxSpec({
    ...options,
    // CPU time accumulates over a long life: the default is a day unless the caller sets one.
    limits: { cpuSeconds: 24 * 3600, ...options.limits, timeoutMs: NO_TIMEOUT_MS, outputBytes: 0 },
  });
  const host = await preflightSandbox(options.bwrap === undefined ? {} : { bwrap: options.bwrap });
  const cleanup: (() => Promise<void> | void)[] = [];
  const release = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // One failed release must not skip the others.
      }
    }
  };
  try {
    const hostUser: HostUser | undefined = options.hostUser;
    const env = { ...spec.env };
    const runtimeRead: string[] = [];
    const sockets: [string, string][] = [];
    const prefix: string[] = [];
    const network = options.network;
    if (network) {
      const egress = await startSandboxEgress(network, {
        ...(hostUser ? { hostUser } : {}),
        ...(options.onEgress ? { onEgress: options.onEgress } : {}),
      });
      cleanup.push(() => egress.release());
      runtimeRead.push(...egress.runtimeRead);
      sockets.push(...egress.sockets);
      prefix.push(...egress.prefix);
      Object.assign(env, egress.env);
    }
    prefix.push(...resourceLimitArgs(spec.limits));
    const launch = prepareLaunch(
      host.bwrap,
      { ...spec, env },
      { network: network !== undefined, runtimeRead, sockets, prefix },
      { ...(hostUser ? { hostUser } : {}), extraTasks: network ? BRIDGE_TASKS : 0 },
    );
    const cgroup = launch.cgroup;
    if (cgroup) cleanup.push(() => cgroup.remove());
    let child: ChildProcess;
    try {
      child = spawn(launch.file, launch.args, {
        stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
        env: {},
        ...launch.spawnOptions,
      });
    } catch (error) {
      throw new SandboxUnavailableError(
        'bubblewrap',
        `could not start ${launch.file}`,
        'check the bubblewrap install',
        error,
      );
    }
    writeLaunchData(child, launch);
    // The status descriptor must stay open (bwrap writes to it); drain it.
    (child.stdio as unknown as (Readable | null)[])[launch.statusFd ?? 6]?.resume();
    const exited = new Promise<number>((resolve) => {
      child.on('error', () => resolve(127));
      child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : 128)));
    });
    void exited.then(release);
    const stop = async () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
      await release();
    };
    return {
      stdin: child.stdin!,
      stdout: child.stdout!,
      stderr: child.stderr!,
      pid: child.pid,
      exited,
      stop,
    };
  } catch (error) {
    await release();
    throw error;
  }
}
