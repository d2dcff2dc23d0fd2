// Why a sandboxed run ended, from what the runner saw: its own timers and caps, the exit status
// (bwrap reports a signal as 128 + its number), the pids cgroup's counters, the egress proxy's
// denials and the standard error text of the usual C, Python and Node failures.
import { SandboxError } from '../sandbox-error.js';
import type { ResolvedLimits } from './sandbox-spec.js';

const SIGKILL = 9;
const SIGXCPU = 24;
const SIGXFSZ = 25;

/** What the runner observed about one finished run. */
export interface RunObservation {
  exitCode: number;
  stderr: string;
  /** Set by the runner when it killed the run itself. */
  stoppedBy?: 'timeout' | 'output-limit' | 'killed';
  /** Forks the pids cgroup refused (root runs). */
  refusedForks: number;
  /** Hosts the egress proxy refused, in order. */
  deniedHosts: readonly string[];
  /** The limits the run had, for the messages. */
  limits: ResolvedLimits;
}

const PROCESS_LIMIT =
  /fork: (?:retry: )?Resource temporarily unavailable|Cannot fork|can't fork|BlockingIOError: \[Errno 11\]|spawn EAGAIN|pthread_create: Resource temporarily unavailable/;
const MEMORY =
  /Cannot allocate memory|[Oo]ut of memory|MemoryError|std::bad_alloc|heap out of memory|ENOMEM|memory allocation of \d+ bytes failed|Failed to reserve virtual memory/;
const OPEN_FILES = /Too many open files|EMFILE/;
const READ_ONLY = /Read-only file system|EROFS/;

/**
 * The violation that ended (or marred) a run, or undefined for an ordinary exit, however it
 * exited. Order matters: what the runner did itself is certain; signals from limits are next;
 * messages on standard error last, and only for a failed exit.
 *
 * @example
 * const violation = classifyExit({ exitCode: 153, stderr: '', refusedForks: 0, deniedHosts: [], limits });
 * violation?.reason // 'file-size'
 */
export function classifyExit(o: RunObservation): SandboxError | undefined {
  const l = o.limits;
  if (o.stoppedBy === 'timeout')
    return new SandboxError('timeout', `the run passed its ${l.timeoutMs} ms time limit and was killed`, {
      limit: l.timeoutMs,
    });
  if (o.stoppedBy === 'output-limit')
    return new SandboxError(
      'output-limit',
      `the run wrote more than ${l.outputBytes} bytes of output and was killed`,
      {
        limit: l.outputBytes,
      },
    );
  if (o.stoppedBy === 'killed') return new SandboxError('killed', 'the run was aborted and killed');
  if (o.exitCode === 128 + SIGXCPU || (o.exitCode === 128 + SIGKILL && /CPU time limit/.test(o.stderr)))
    return new SandboxError('cpu-time', `the run used its ${l.cpuSeconds} s of CPU time and was killed`, {
      limit: l.cpuSeconds,
    });
  if (o.exitCode !== 0 && /No space left on device|ENOSPC/.test(o.stderr))
    return new SandboxError('file-size', `the private /tmp is full (${l.tmpBytes} bytes)`, {
      limit: l.tmpBytes,
    });
  if (o.exitCode === 128 + SIGXFSZ || /File too large|EFBIG/.test(o.stderr))
    return new SandboxError('file-size', `a write went past the ${l.fileSizeBytes}-byte file size limit`, {
      limit: l.fileSizeBytes,
    });
  if (o.refusedForks > 0 || PROCESS_LIMIT.test(o.stderr))
    return new SandboxError('process-limit', `the run reached its limit of ${l.maxProcesses} processes`, {
      limit: l.maxProcesses,
    });
  if (o.exitCode === 0) return undefined;
  if (o.deniedHosts.length > 0)
    return new SandboxError('denied-host', `the network destination ${o.deniedHosts[0]} is not allowed`, {
      target: o.deniedHosts[0],
    });
  if (MEMORY.test(o.stderr))
    return new SandboxError('memory', `the run reached its ${l.memoryBytes}-byte memory limit`, {
      limit: l.memoryBytes,
    });
  if (OPEN_FILES.test(o.stderr))
    return new SandboxError('open-files', `the run reached its limit of ${l.openFiles} open files`, {
      limit: l.openFiles,
    });
  if (READ_ONLY.test(o.stderr))
    return new SandboxError('denied-path', 'the run tried to write where it may only read', {
      target: /(?:'|‘|")([^'’"]+)(?:'|’|"): Read-only file system/.exec(o.stderr)?.[1],
    });
  return undefined;
}
