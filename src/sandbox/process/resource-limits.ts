// Per-process limits, set inside the sandbox by util-linux `prlimit` just before the program runs.
// Inside (not on bwrap): in a fresh user namespace the process count is kept per namespace
// (Linux >= 5.14), so RLIMIT_NPROC counts only the sandbox's processes, not the user's others.
import type { ResolvedLimits } from './sandbox-spec.js';

/** The prlimit binary inside the sandbox (util-linux, part of every Debian/Ubuntu/Fedora base). */
export const PRLIMIT = '/usr/bin/prlimit';

/**
 * `prlimit` arguments setting soft = hard for CPU time, address space, file size, open files and
 * processes, and no core dumps (a core of a process that read secrets is a leak). The hard CPU
 * limit is one second past the soft one, so SIGXCPU arrives before SIGKILL and says why.
 *
 * @example
 * resourceLimitArgs(DEFAULT_LIMITS) // ['/usr/bin/prlimit', '--cpu=30:31', ..., '--']
 */
export function resourceLimitArgs(limits: ResolvedLimits): string[] {
  return [
    PRLIMIT,
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--as=${limits.memoryBytes}`,
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    `--nproc=${limits.maxProcesses}`,
    '--core=0',
    '--',
  ];
}
