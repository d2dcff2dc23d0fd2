// A pids cgroup for runs started as root. Root is exempt from RLIMIT_NPROC (also inside a user
// namespace mapped to root), so for root the process limit comes from the kernel's pids controller;
// where no writable one exists, runs as root are refused rather than left without a process limit.
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessCgroup {
  /** The cgroup's directory; processes join by writing their pid to `procs`. */
  readonly dir: string;
  /** The `cgroup.procs` file. */
  readonly procs: string;
  /** Times a fork was refused because the limit was reached. */
  refusedForks(): number;
  /** Kill every process still in the cgroup, wait for it to empty, then keep it for the next run (or remove it). */
  remove(): Promise<void>;
}

/** Where a pids controller lives for this process: cgroup v1's pids hierarchy, or our v2 group. */
export function findPidsController(
  mountinfo: string = safeRead('/proc/self/mountinfo'),
  selfCgroup: string = safeRead('/proc/self/cgroup'),
): { version: 1 | 2; base: string } | undefined {
  for (const line of mountinfo.split('\n')) {
    // fields: id parent major:minor root mountpoint options ... - fstype source superoptions
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const mountPoint = left.split(' ')[4];
    const [fsType, , superOptions = ''] = right.split(' ');
    if (!mountPoint) continue;
    if (fsType === 'cgroup' && superOptions.split(',').includes('pids')) {
      const own = /^\d+:[^:]*\bpids\b[^:]*:(.*)$/m.exec(selfCgroup)?.[1] ?? '/';
      return { version: 1, base: join(mountPoint.replace(/\\040/g, ' '), own) };
    }
  }
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right || right.split(' ')[0] !== 'cgroup2') continue;
    const mountPoint = left.split(' ')[4]!;
    const own = /^0::(.*)$/m.exec(selfCgroup)?.[1] ?? '/';
    const base = join(mountPoint, own);
    if (safeRead(join(base, 'cgroup.subtree_control')).split(/\s+/).includes('pids'))
      return { version: 2, base };
  }
  return undefined;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

let serial = 0;
let swept = false;

/**
 * Remove empty groups left by Warden processes that died before cleaning up (a crash, a killed
 * test worker). Once per process; a group still holding tasks is left alone.
 */
function sweepStale(base: string): void {
  if (swept) return;
  swept = true;
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^warden-sandbox-(\d+)-/.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isAlive(Number(owner))) continue;
    try {
      rmdirSync(join(base, name));
    } catch {
      // Not empty, or not ours to remove.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Empty groups kept for the next run. Joining a cgroup v1 group takes the kernel's
 * cgroup_threadgroup_rwsem for writing, which waits for an RCU grace period (~10 ms here) unless
 * another join happened just before; reusing groups avoids the mkdir/rmdir on top of that.
 */
const idle: string[] = [];
const MAX_IDLE = 8;
let exitHookInstalled = false;

function removeIdleOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const dir of idle.splice(0)) {
      try {
        rmdirSync(dir);
      } catch {
        // Swept by the next Warden process (sweepStale).
      }
    }
  });
}

/** The pids in a group. */
function runTasks(dir: string): number[] {
  return safeRead(join(dir, 'cgroup.procs')).split('\n').filter(Boolean).map(Number);
}

const refused = (dir: string): number =>
  Number(/^max (\d+)/m.exec(safeRead(join(dir, 'pids.events')))?.[1] ?? 0);

/**
 * A pids cgroup limited to `maxProcesses` tasks, reused from earlier runs when one is idle, or
 * undefined when this host has no writable pids controller.
 *
 * @example
 * const cg = createProcessCgroup(64); // then: sh -c 'echo $$ > "$0" && exec bwrap ...' cg.procs
 */
export function createProcessCgroup(maxProcesses: number): ProcessCgroup | undefined {
  let dir: string | undefined;
  while (idle.length > 0 && dir === undefined) {
    const candidate = idle.pop()!;
    if (runTasks(candidate).length > 0) continue;
    try {
      writeFileSync(join(candidate, 'pids.max'), String(maxProcesses));
      dir = candidate;
    } catch {
      // Gone (removed by someone else): make a new one.
    }
  }
  if (dir === undefined) {
    const controller = findPidsController();
    if (controller === undefined) return undefined;
    sweepStale(controller.base);
    const fresh = join(controller.base, `warden-sandbox-${process.pid}-${Date.now()}-${serial++}`);
    try {
      mkdirSync(fresh);
    } catch {
      return undefined;
    }
    try {
      writeFileSync(join(fresh, 'pids.max'), String(maxProcesses));
    } catch {
      try {
        rmdirSync(fresh);
      } catch {
        // Left for the host's cleanup: an empty cgroup holds nothing.
      }
      return undefined;
    }
    dir = fresh;
  }
  const group = dir;
  const procs = join(group, 'cgroup.procs');
  const baseline = refused(group);
  return {
    dir: group,
    procs,
    refusedForks: () => refused(group) - baseline,
    remove: async () => {
      let empty = false;
      for (let attempt = 0; attempt < 1000; attempt++) {
        const pids = runTasks(group);
        if (pids.length === 0) {
          empty = true;
          break;
        }
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      if (empty && idle.length < MAX_IDLE) {
        removeIdleOnExit();
        idle.push(group);
        return;
      }
      try {
        rmdirSync(group);
      } catch {
        // A process that outlived SIGKILL for 2 s keeps the group; the limit still holds it.
      }
    },
  };
}
