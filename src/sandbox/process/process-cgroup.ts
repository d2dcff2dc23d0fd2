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
  /** Kill every process still in the cgroup, wait for it to empty, remove it. */
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
 * Create a pids cgroup limited to `maxProcesses` tasks, or return undefined when this host has no
 * writable pids controller.
 *
 * @example
 * const cg = createProcessCgroup(64); // then: sh -c 'echo $$ > "$0" && exec bwrap ...' cg.procs
 */
export function createProcessCgroup(maxProcesses: number): ProcessCgroup | undefined {
  const controller = findPidsController();
  if (controller === undefined) return undefined;
  sweepStale(controller.base);
  const dir = join(controller.base, `warden-sandbox-${process.pid}-${Date.now()}-${serial++}`);
  try {
    mkdirSync(dir);
  } catch {
    return undefined;
  }
  try {
    writeFileSync(join(dir, 'pids.max'), String(maxProcesses));
  } catch {
    try {
      rmdirSync(dir);
    } catch {
      // Left for the host's cleanup: an empty cgroup holds nothing.
    }
    return undefined;
  }
  const procs = join(dir, 'cgroup.procs');
  return {
    dir,
    procs,
    refusedForks: () => Number(/^max (\d+)/m.exec(safeRead(join(dir, 'pids.events')))?.[1] ?? 0),
    remove: async () => {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const pids = safeRead(procs).split('\n').filter(Boolean);
        if (pids.length === 0) break;
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      try {
        rmdirSync(dir);
      } catch {
        // A process that outlived SIGKILL for 2 s keeps the group; the limit still holds it.
      }
    },
  };
}
