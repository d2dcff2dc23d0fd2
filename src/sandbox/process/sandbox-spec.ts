// What a caller asks of one sandboxed run, validated up front: every problem is reported with the
// option's name, and nothing starts until the whole spec is sound.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { WardenError, WardenErrorCode, type WardenIssue } from '../../errors/warden-error.js';

/** Resource limits. Every limit has a default; none can be switched off. */
export interface SandboxLimits {
  /** Wall-clock time before the whole process tree is killed (ms). Default 30 s. */
  timeoutMs?: number;
  /** CPU time (seconds, RLIMIT_CPU). Default 30. */
  cpuSeconds?: number;
  /** Address space per process (bytes, RLIMIT_AS). Default 1 GiB (Node needs ~1 GiB of address space). */
  memoryBytes?: number;
  /** Processes and threads the run may have at once. Default 64. */
  maxProcesses?: number;
  /** Largest file a process may write (bytes, RLIMIT_FSIZE). Default 64 MiB. */
  fileSizeBytes?: number;
  /** Open file descriptors per process (RLIMIT_NOFILE). Default 256. */
  openFiles?: number;
  /** Size of the private /tmp (bytes). Default 64 MiB. */
  tmpBytes?: number;
  /** stdout and stderr kept, each (bytes); more kills the run. Default 1 MiB. */
  outputBytes?: number;
}

/** One sandboxed run. Paths are host paths; they appear at the same place inside the sandbox. */
export interface SandboxSpec {
  /** Program and arguments; the program is looked up on the sandbox's PATH. */
  command: readonly string[];
  /** Working directory: inside a read or write directory, or `/tmp` (the private one). Default: the first write dir, else the first read dir, else /tmp. */
  cwd?: string;
  /** Directories (or files) mounted read-only. */
  read?: readonly string[];
  /** Directories mounted read-write. */
  write?: readonly string[];
  /** Environment: only these variables exist inside (nothing is inherited). PATH has a safe default. */
  env?: Readonly<Record<string, string>>;
  /** Bytes given to the program's stdin (default: none, stdin is /dev/null). */
  stdin?: string | Uint8Array;
  limits?: SandboxLimits;
}

export interface ResolvedLimits {
  timeoutMs: number;
  cpuSeconds: number;
  memoryBytes: number;
  maxProcesses: number;
  fileSizeBytes: number;
  openFiles: number;
  tmpBytes: number;
  outputBytes: number;
}

export interface ResolvedSpec {
  command: readonly string[];
  cwd: string;
  read: readonly string[];
  write: readonly string[];
  env: Readonly<Record<string, string>>;
  stdin: Uint8Array | undefined;
  limits: ResolvedLimits;
}

export const DEFAULT_LIMITS: Readonly<ResolvedLimits> = {
  timeoutMs: 30_000,
  cpuSeconds: 30,
  memoryBytes: 1024 * 1024 * 1024,
  maxProcesses: 64,
  fileSizeBytes: 64 * 1024 * 1024,
  openFiles: 256,
  tmpBytes: 64 * 1024 * 1024,
  outputBytes: 1024 * 1024,
};

export const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Bounds that keep a limit meaningful: a 0 ms timeout or a 10 TB file size is a mistake. */
const LIMIT_BOUNDS: Readonly<Record<keyof ResolvedLimits, readonly [number, number]>> = {
  timeoutMs: [1, 24 * 3600 * 1000],
  cpuSeconds: [1, 24 * 3600],
  memoryBytes: [16 * 1024 * 1024, 1024 ** 4],
  maxProcesses: [1, 65_536],
  fileSizeBytes: [0, 1024 ** 4],
  openFiles: [8, 1_048_576],
  tmpBytes: [1024 * 1024, 64 * 1024 ** 3],
  outputBytes: [0, 1024 ** 3],
};

// Host paths a sandbox must never see, even when a profile lists them (or a parent of them).
const NEVER_MOUNTED = ['/proc', '/sys', '/dev', '/run', '/boot', '/root', '/etc/shadow', '/etc/sudoers'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Check a spec and fill in defaults. Throws `WardenError` (`INVALID_ARGUMENT`) listing every problem
 * with the option it concerns; paths are resolved through symlinks so that a mount cannot be
 * redirected after the check.
 *
 * @example
 * const spec = resolveSandboxSpec({ command: ['ls'], read: ['/srv/repo'], limits: { timeoutMs: 5000 } });
 */
export function resolveSandboxSpec(spec: SandboxSpec): ResolvedSpec {
  const issues: WardenIssue[] = [];
  const problem = (path: string, message: string) => issues.push({ path, message, severity: 'error' });

  if (
    !Array.isArray(spec.command) ||
    spec.command.length === 0 ||
    !spec.command.every((a) => typeof a === 'string')
  ) {
    problem('command', 'must be a non-empty list of strings (program, then arguments)');
  } else {
    if (spec.command[0] === '') problem('command[0]', 'the program name is empty');
    spec.command.forEach((a, i) => {
      if (a.includes('\0')) problem(`command[${i}]`, 'contains a NUL byte');
    });
  }

  const mounts = (field: 'read' | 'write'): string[] => {
    const list = spec[field] ?? [];
    if (!Array.isArray(list)) {
      problem(field, 'must be a list of paths');
      return [];
    }
    const out: string[] = [];
    list.forEach((p: unknown, i) => {
      const where = `${field}[${i}]`;
      if (typeof p !== 'string' || p === '' || p.includes('\0')) return problem(where, 'must be a path');
      if (!isAbsolute(p)) return problem(where, `"${p}" must be an absolute path`);
      if (!existsSync(p)) return problem(where, `"${p}" does not exist`);
      const real = realpathSync(p);
      if (real === '/') return problem(where, 'the root directory cannot be mounted whole');
      const hidden = NEVER_MOUNTED.find(
        (n) => real === n || real.startsWith(`${n}/`) || n.startsWith(`${real}/`),
      );
      if (hidden !== undefined)
        return problem(where, `"${p}" is or contains ${hidden}, which is never mounted`);
      out.push(real);
    });
    return out;
  };
  const read = mounts('read');
  const write = mounts('write');

  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOME: '/tmp', LANG: 'C.UTF-8', TMPDIR: '/tmp' };
  if (spec.env !== undefined) {
    if (typeof spec.env !== 'object' || spec.env === null) problem('env', 'must be an object of strings');
    else {
      for (const [name, value] of Object.entries(spec.env)) {
        if (!ENV_NAME.test(name)) problem(`env.${name}`, 'is not a valid variable name');
        else if (typeof value !== 'string' || value.includes('\0'))
          problem(`env.${name}`, 'must be a string without NUL bytes');
        else if (name === 'LD_PRELOAD' || name === 'LD_LIBRARY_PATH' || name === 'LD_AUDIT')
          problem(`env.${name}`, 'the dynamic loader variables are not passed into the sandbox');
        else env[name] = value;
      }
    }
  }

  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  if (spec.limits !== undefined) {
    for (const [name, value] of Object.entries(spec.limits)) {
      if (!(name in LIMIT_BOUNDS)) {
        problem(`limits.${name}`, `unknown limit (known: ${Object.keys(LIMIT_BOUNDS).join(', ')})`);
        continue;
      }
      if (value === undefined) continue;
      const [min, max] = LIMIT_BOUNDS[name as keyof ResolvedLimits];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        problem(`limits.${name}`, `must be an integer from ${min} to ${max}, got ${String(value)}`);
      } else limits[name] = value;
    }
  }

  let cwd = '/tmp';
  if (spec.cwd !== undefined) {
    if (typeof spec.cwd !== 'string' || !isAbsolute(spec.cwd)) problem('cwd', 'must be an absolute path');
    else {
      const real = existsSync(spec.cwd) ? realpathSync(spec.cwd) : resolve(spec.cwd);
      const inside = [...read, ...write].some((d) => real === d || real.startsWith(`${d}/`));
      if (!inside && spec.cwd !== '/tmp')
        problem('cwd', `"${spec.cwd}" is not inside a read or write directory (or /tmp, the private one)`);
      else if (inside && !(existsSync(real) && statSync(real).isDirectory()))
        problem('cwd', `"${spec.cwd}" is not a directory`);
      cwd = inside ? real : '/tmp';
    }
  } else if (write.length > 0) cwd = write[0]!;
  else if (read.length > 0 && statSync(read[0]!).isDirectory()) cwd = read[0]!;

  let stdin: Uint8Array | undefined;
  if (spec.stdin !== undefined) {
    if (typeof spec.stdin === 'string') stdin = Buffer.from(spec.stdin);
    else if (spec.stdin instanceof Uint8Array) stdin = spec.stdin;
    else problem('stdin', 'must be a string or bytes');
  }

  if (issues.length > 0) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      `sandbox: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  return {
    command: spec.command,
    cwd,
    read,
    write,
    env,
    stdin,
    limits: limits as unknown as ResolvedLimits,
  };
}
