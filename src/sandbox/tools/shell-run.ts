// The built-in `shell.run`: a command line the policy has already parsed and allowed, run by bash
// inside the process sandbox with the workspace mounted (read-only unless it is a write scope) and
// egress only to the profile's hosts. Attempts to reach the network are reported to the guard.
import { isAbsolute, resolve } from 'node:path';
import type { SandboxLimits } from '../process/sandbox-spec.js';
import { runSandboxed, type SandboxNetworkOption } from '../process/run-sandboxed.js';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import { invalidArgument } from './errors.js';

/** What a sandboxed tool receives from the guard (a subset of ToolCallContext). */
export interface SandboxToolContext {
  signal?: AbortSignal;
  /** The guard audits what is reported here (egress attempts). */
  report?: (event: { kind: 'egress' } & SandboxEgressEvent) => void;
}

export interface ShellRunOptions {
  /** Root for relative `cwd` values; the default working directory. */
  workspace: string;
  /** Directories mounted read-only (the workspace is, unless it is in `write`). */
  read?: readonly string[];
  /** Directories mounted read-write. */
  write?: readonly string[];
  /** Hosts the command may reach (through the egress proxy); none by default. */
  network?: SandboxNetworkOption;
  /** Resource limits of each run. */
  limits?: SandboxLimits;
  /** Environment variables given to the command (nothing else is inherited). */
  env?: Readonly<Record<string, string>>;
  /** Shell used to run the command line. Default /bin/bash. */
  shell?: string;
}

export type ShellRunArgs = {
  command: string;
  /** Working directory, relative to the workspace. */
  cwd?: string;
  /** Wall-clock limit in ms (capped by the configured limit). */
  timeout?: number;
};

export interface ShellRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Build `shell.run`. The guard's policy checks the command line (programs, paths, dangerous
 * options) before this runs it; the sandbox contains what the check cannot see.
 *
 * @example
 * const shell = createShellRun({ workspace: '/srv/ws', write: ['/srv/ws'], limits: { timeoutMs: 30_000 } });
 * const run = guard.wrap('shell.run', shell['shell.run']);
 * const { exitCode, stdout } = await run({ command: 'git status --short' });
 */
export function createShellRun(options: ShellRunOptions): {
  'shell.run': (args: ShellRunArgs, context?: SandboxToolContext) => Promise<ShellRunResult>;
} {
  if (!isAbsolute(options.workspace)) throw invalidArgument('workspace', 'must be an absolute path');
  const write = [...(options.write ?? [])];
  const inWrite = write.some((d) => options.workspace === d || options.workspace.startsWith(`${d}/`));
  const read = [...(options.read ?? []), ...(inWrite ? [] : [options.workspace])];
  return {
    'shell.run': async (args, context = {}) => {
      if (typeof args?.command !== 'string' || args.command.trim() === '')
        throw invalidArgument('command', 'must be a non-empty string');
      if (args.cwd !== undefined && typeof args.cwd !== 'string')
        throw invalidArgument('cwd', 'must be a string');
      if (args.timeout !== undefined && (!Number.isInteger(args.timeout) || args.timeout < 1))
        throw invalidArgument('timeout', 'must be a positive integer (ms)');
      const limits = { ...options.limits };
      if (args.timeout !== undefined)
        limits.timeoutMs = Math.min(args.timeout, limits.timeoutMs ?? args.timeout);
      const report = context.report;
      const result = await runSandboxed({
        command: [options.shell ?? '/bin/bash', '-c', args.command],
        cwd: resolve(options.workspace, args.cwd ?? '.'),
        read,
        write,
        limits,
        ...(options.env ? { env: options.env } : {}),
        ...(options.network ? { network: options.network } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(report ? { onEgress: (e: SandboxEgressEvent) => report({ kind: 'egress', ...e }) } : {}),
      });
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
