// How a sandboxed process is started: the program and arguments to spawn (bwrap, behind a shell
// that joins the pids cgroup first when we are root) and the bytes bwrap reads from its extra file
// descriptors. Shared by one-shot runs (runSandboxed) and long-lived hosts (the JS sandbox).
import type { Writable } from 'node:stream';
import { sandboxFilterBytes } from '../seccomp/sandbox-filter.js';
import { type BwrapFds, type BwrapOptions, bwrapArgs, FD, sandboxAccounts } from './bwrap-args.js';
import { createProcessCgroup, type ProcessCgroup } from './process-cgroup.js';
import type { ResolvedSpec } from './sandbox-spec.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

/** An unprivileged host user to start bwrap as (root only). */
export interface HostUser {
  uid: number;
  gid: number;
}

export interface SandboxLaunch {
  /** What to spawn. */
  file: string;
  args: string[];
  /** Bytes for bwrap's descriptors, written (and closed) right after the spawn. */
  fdData: readonly (readonly [fd: number, data: Uint8Array | string])[];
  /** The status descriptor, if any: bwrap writes `"child-pid"` there once the program started. */
  statusFd: number | undefined;
  /** The pids cgroup of a root-started sandbox; remove it when the process is gone. */
  cgroup: ProcessCgroup | undefined;
  /** Spawn options the launch needs. */
  spawnOptions: { detached: true; uid?: number; gid?: number };
}

/** Tasks that are not the program's own: bwrap's monitor and its init. */
const BWRAP_TASKS = 2;

/**
 * Build the launch for a resolved spec. As root without `hostUser`, creates the pids cgroup (root
 * ignores RLIMIT_NPROC) or throws `SandboxUnavailableError` when none can be made.
 *
 * @example
 * const launch = prepareLaunch('/usr/bin/bwrap', spec, { network: false }, { extraTasks: 0 });
 * const child = spawn(launch.file, launch.args, { stdio: [...], ...launch.spawnOptions });
 * writeLaunchData(child, launch);
 */
export function prepareLaunch(
  bwrap: string,
  spec: ResolvedSpec,
  bwrapOptions: Omit<BwrapOptions, 'fds'>,
  options: { fds?: BwrapFds; hostUser?: HostUser; extraTasks?: number } = {},
): SandboxLaunch {
  const fds = options.fds ?? FD;
  const hostUser = options.hostUser;
  // A "host user" of uid 0 would skip the cgroup and still be root: the process limit would not hold.
  if (
    hostUser !== undefined &&
    (!Number.isInteger(hostUser.uid) ||
      hostUser.uid <= 0 ||
      !Number.isInteger(hostUser.gid) ||
      hostUser.gid <= 0)
  ) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      'sandbox: hostUser: uid and gid must be positive integers (not root)',
    );
  }
  let cgroup: ProcessCgroup | undefined;
  if (process.getuid?.() === 0 && options.hostUser === undefined) {
    cgroup = createProcessCgroup(spec.limits.maxProcesses + BWRAP_TASKS + (options.extraTasks ?? 0));
    if (cgroup === undefined) {
      throw new SandboxUnavailableError(
        'process-limit',
        'running as root, where RLIMIT_NPROC does not hold, and no writable pids cgroup controller was found',
        'run Warden as an unprivileged user (the process limit then holds through RLIMIT_NPROC), pass hostUser, or give it a writable cgroup with the pids controller',
      );
    }
  }
  const args = bwrapArgs(spec, { ...bwrapOptions, fds });
  const accounts = sandboxAccounts();
  return {
    // As root the process joins its pids cgroup before bwrap starts, so nothing escapes the count.
    file: cgroup ? '/bin/sh' : bwrap,
    args: cgroup ? ['-c', 'echo $$ > "$0" && exec "$@"', cgroup.procs, bwrap, ...args] : args,
    fdData: [
      [fds.seccomp, sandboxFilterBytes({ network: bwrapOptions.network })],
      [fds.passwd, accounts.passwd],
      [fds.group, accounts.group],
    ],
    statusFd: fds.status,
    cgroup,
    spawnOptions: options.hostUser
      ? { detached: true, uid: options.hostUser.uid, gid: options.hostUser.gid }
      : { detached: true },
  };
}

/** Write the launch's descriptor data into a just-spawned child. */
export function writeLaunchData(child: { stdio: readonly unknown[] }, launch: SandboxLaunch): void {
  for (const [fd, data] of launch.fdData) {
    const stream = child.stdio[fd] as Writable | null | undefined;
    // A bwrap that exits early closes its end: its exit status says why.
    stream?.on('error', () => {});
    stream?.end(data);
  }
}
