// Run one command inside bubblewrap with the seccomp filter, resource limits, a process limit that
// holds for root too, and (when asked) egress through the allowlisting proxy. Nothing here ever
// runs the command without the sandbox: every failure to set one up is an error.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { NetworkScope, NetworkScopeConfig } from '../../policy/rules/urls/network-scope.js';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import type { EgressDenial, EgressProxy } from '../egress/index.js';
import { SandboxError } from '../sandbox-error.js';
import { FD } from './bwrap-args.js';
import { classifyExit } from './classify-exit.js';
import { preflightSandbox } from './preflight.js';
import { resourceLimitArgs } from './resource-limits.js';
import { BRIDGE_TASKS, startSandboxEgress } from './sandbox-egress.js';
import { prepareLaunch, type SandboxLaunch, writeLaunchData } from './sandbox-launch.js';
import { type ResolvedSpec, resolveSandboxSpec, type SandboxSpec } from './sandbox-spec.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';

/** Network egress: allowlist entries (compiled here), or a profile's compiled scope as `scope`. */
export type SandboxNetworkOption =
  SandboxNetwork | (Omit<SandboxNetwork, 'allow' | 'deny' | 'schemes'> & { scope: NetworkScope });

export interface SandboxNetwork extends NetworkScopeConfig {
  /**
   * Which resolved addresses connections may go to. Default: public addresses only (loopback,
   * private, link-local and metadata addresses are refused). Tests pass an explicit allowance.
   */
  isAddressAllowed?: (ip: string) => boolean;
  /** DNS resolution (default: the system resolver); the proxy connects to the address it checked. */
  lookup?: (host: string) => Promise<readonly { address: string; family: number }[]>;
}

export interface RunSandboxedOptions extends SandboxSpec {
  /** Network egress through the proxy, to these hosts only. Without it the sandbox has no network. */
  network?: SandboxNetworkOption;
  /** Told of every egress attempt, allowed or refused (for the guard's audit: `context.report({ kind: 'egress', ...e })`). */
  onEgress?: (event: SandboxEgressEvent) => void;
  /** Aborting kills the whole process tree; the run rejects with reason `killed`. */
  signal?: AbortSignal;
  /** bubblewrap binary (default `bwrap` on PATH). */
  bwrap?: string;
  /**
   * When Warden runs as root: start the sandbox as this unprivileged host user instead of using a
   * pids cgroup (RLIMIT_NPROC holds for it). Read and write directories must be accessible to it.
   */
  hostUser?: { uid: number; gid: number };
}

export interface SandboxResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallTimeMs: number;
  /** Destinations the egress proxy refused during the run (the run went on). */
  deniedHosts: readonly EgressDenial[];
}

/**
 * Run `command` in the process sandbox and collect its output. Resolves with the exit code for an
 * ordinary exit, zero or not; rejects with `SandboxError` when a limit or rule stopped the run
 * (timeout, CPU time, memory, processes, file size, open files, output, denied path or host,
 * abort), with `SandboxUnavailableError` when no sandbox can be made here (nothing ran), and with
 * `WardenError` (`INVALID_ARGUMENT`) for a bad spec.
 *
 * @example
 * const r = await runSandboxed({ command: ['python3', 'job.py'], read: ['/srv/job'], write: ['/srv/job/out'],
 *   limits: { timeoutMs: 10_000, memoryBytes: 512 * 2 ** 20 }, network: { allow: ['pypi.org'] } });
 */
export async function runSandboxed(options: RunSandboxedOptions): Promise<SandboxResult> {
  const spec = resolveSandboxSpec(options);
  if (options.signal?.aborted) throw new SandboxError('killed', 'the run was aborted before it started');
  const host = await preflightSandbox(options.bwrap === undefined ? {} : { bwrap: options.bwrap });
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    const network = options.network;
    const hostUser = options.hostUser;
    let proxy: EgressProxy | undefined;
    const runtimeRead: string[] = [];
    const sockets: [string, string][] = [];
    const prefix: string[] = [];
    const env = { ...spec.env };
    if (network) {
      const egress = await startSandboxEgress(network, {
        ...(hostUser ? { hostUser } : {}),
        ...(options.onEgress ? { onEgress: options.onEgress } : {}),
      });
      cleanup.push(() => egress.release());
      proxy = egress.proxy;
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
    // Waits (briefly) for the kernel to reap the pid namespace, so the group can serve the next run.
    if (cgroup) cleanup.push(() => cgroup.remove());
    const started = performance.now();
    const outcome = await execute(launch, spec, options.signal);
    const wallTimeMs = performance.now() - started;
    if (!outcome.started && outcome.stoppedBy === undefined) {
      // bwrap failed before the program ran (a mount, a namespace): a sandbox failure, never the command's exit.
      throw new SandboxUnavailableError(
        'bubblewrap',
        `bubblewrap could not set up the sandbox: ${outcome.stderr.trim().slice(0, 300) || `exit ${outcome.exitCode}`}`,
        'check that the paths exist and that bubblewrap and user namespaces work (warden sandbox run -- true)',
      );
    }
    const deniedHosts = proxy ? [...proxy.denials] : [];
    const violation = classifyExit({
      exitCode: outcome.exitCode,
      stderr: outcome.stderr,
      ...(outcome.stoppedBy ? { stoppedBy: outcome.stoppedBy } : {}),
      refusedForks: cgroup?.refusedForks() ?? 0,
      deniedHosts: deniedHosts.map((d) => `${d.host}:${d.port}`),
      limits: spec.limits,
    });
    if (violation) throw violation;
    return {
      exitCode: outcome.exitCode,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      wallTimeMs,
      deniedHosts,
    };
  } finally {
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch {
        // Cleanup of one part must not hide the run's outcome or skip the others.
      }
    }
  }
}

interface Outcome {
  exitCode: number;
  /** Whether bwrap reported the program started; if not, the exit status and stderr are bwrap's own. */
  started: boolean;
  stdout: string;
  stderr: string;
  stoppedBy?: 'timeout' | 'output-limit' | 'killed';
}

function execute(
  launch: SandboxLaunch,
  spec: ResolvedSpec,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const unavailable = (error: unknown) =>
      new SandboxUnavailableError(
        'bubblewrap',
        `could not start ${launch.file}`,
        'check the bubblewrap install',
        error,
      );
    let child: ChildProcess;
    try {
      child = spawn(launch.file, launch.args, {
        stdio: [spec.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
        env: {},
        ...launch.spawnOptions,
      });
    } catch (error) {
      reject(unavailable(error));
      return;
    }
    const stdio = child.stdio as unknown as (Readable | Writable | null)[];
    const limit = spec.limits.outputBytes;
    let status = '';
    (stdio[launch.statusFd ?? FD.status] as Readable).on('data', (d: Buffer) => {
      if (status.length < 4096) status += d.toString('utf8');
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let stoppedBy: Outcome['stoppedBy'];
    const kill = (why: NonNullable<Outcome['stoppedBy']>) => {
      stoppedBy ??= why;
      try {
        // The whole process group: sh/bwrap; bwrap's child dies with it and takes the pid namespace along.
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('timeout'), spec.limits.timeoutMs);
    const onAbort = () => kill('killed');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes > limit) return kill('output-limit');
      out.push(d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      errBytes += d.length;
      if (errBytes > limit) return kill('output-limit');
      err.push(d);
    });
    writeLaunchData(child, launch);
    if (spec.stdin) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(spec.stdin);
    }
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(unavailable(error));
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      const outcome: Outcome = {
        started: status.includes('"child-pid"'),
        exitCode: code ?? 128 + signalNumber(sig),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (stoppedBy) outcome.stoppedBy = stoppedBy;
      resolve(outcome);
    });
  });
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGKILL: 9,
    SIGTERM: 15,
    SIGXCPU: 24,
    SIGXFSZ: 25,
  };
  return (sig && numbers[sig]) ?? 0;
}
