import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { sandboxFilterBytes, seccompArchOf } from '../seccomp/sandbox-filter.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';

/** What preflight found: the bubblewrap binary to use and its version line. */
export interface SandboxHost {
  bwrap: string;
  version: string;
}

export interface PreflightOptions {
  /** bubblewrap binary (default: `bwrap` on PATH). */
  bwrap?: string;
  /** PATH to search (default: process.env.PATH). */
  path?: string;
}

const INSTALL_FIX =
  'install bubblewrap: `apt-get install bubblewrap` (Debian/Ubuntu) or `dnf install bubblewrap`';

/** Find an executable on PATH, or undefined. */
function which(name: string, path: string): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(
  file: string,
  args: string[],
  filter?: Buffer,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe'];
    if (filter) stdio.push('pipe');
    const child = spawn(file, args, { stdio, env: {} });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => resolve({ code: null, signal: null, out: String(e.message) }));
    child.on('close', (code, signal) => resolve({ code, signal, out: out.trim() }));
    if (filter) {
      const fd3 = child.stdio[3] as NodeJS.WritableStream;
      // A bwrap that exits without reading the filter closes the pipe: its exit status says why.
      fd3.on('error', () => {});
      fd3.end(filter);
    }
  });
}

function readSysctl(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Why user namespaces fail, from the sysctls that commonly disable them. */
function userNamespaceFix(): string {
  if (readSysctl('/proc/sys/kernel/unprivileged_userns_clone') === '0')
    return 'enable unprivileged user namespaces: `sysctl -w kernel.unprivileged_userns_clone=1`';
  if (readSysctl('/proc/sys/user/max_user_namespaces') === '0')
    return 'allow user namespaces: `sysctl -w user.max_user_namespaces=15000`';
  if (readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1')
    return 'allow bubblewrap to create user namespaces under AppArmor (an AppArmor profile for bwrap, or `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`)';
  return 'enable user namespaces for this user (in containers: run with a seccomp/AppArmor profile that allows unshare(CLONE_NEWUSER))';
}

const probeArgs = (extra: string[]) => [
  '--unshare-all',
  '--die-with-parent',
  '--ro-bind',
  '/',
  '/',
  '--proc',
  '/proc',
  '--dev',
  '/dev',
  ...extra,
  '--',
  'true',
];

let cached: Promise<SandboxHost> | undefined;
let cachedKey: string | undefined;

/**
 * Check that the process sandbox can run here: Linux on an architecture we have a syscall table
 * for, bubblewrap installed, user namespaces usable, and our seccomp filter accepted by the kernel.
 * Each check starts a real (empty) sandbox. Resolves with the host facts; rejects with
 * `SandboxUnavailableError` naming the failed requirement and the fix. A success is cached.
 *
 * @example
 * const host = await preflightSandbox(); // { bwrap: '/usr/bin/bwrap', version: 'bubblewrap 0.8.0' }
 */
export function preflightSandbox(options: PreflightOptions = {}): Promise<SandboxHost> {
  const key = `${options.bwrap ?? ''}\0${options.path ?? ''}`;
  if (cached && cachedKey === key) return cached;
  const attempt = check(options);
  cached = attempt;
  cachedKey = key;
  // Failures are not cached: the host may be fixed without restarting us.
  attempt.catch(() => {
    if (cached === attempt) cached = undefined;
  });
  return attempt;
}

async function check(options: PreflightOptions): Promise<SandboxHost> {
  if (process.platform !== 'linux') {
    throw new SandboxUnavailableError(
      'platform',
      `the process sandbox needs Linux, this is ${process.platform}`,
      'run Warden on a Linux host (or in a Linux VM) to sandbox processes',
    );
  }
  const arch = seccompArchOf();
  if (arch === undefined) {
    throw new SandboxUnavailableError(
      'platform',
      `no seccomp syscall table for architecture ${process.arch}`,
      'run on x86_64 or arm64',
    );
  }
  const bwrap = which(options.bwrap ?? 'bwrap', options.path ?? process.env.PATH ?? '');
  if (bwrap === undefined) {
    throw new SandboxUnavailableError(
      'bubblewrap',
      `bubblewrap (${options.bwrap ?? 'bwrap'}) not found`,
      INSTALL_FIX,
    );
  }
  const version = await run(bwrap, ['--version']);
  if (version.code !== 0 || !/^bubblewrap \d/.test(version.out)) {
    throw new SandboxUnavailableError(
      'bubblewrap',
      `${bwrap} --version failed: ${version.out.slice(0, 200)}`,
      INSTALL_FIX,
    );
  }
  const userns = await run(bwrap, probeArgs([]));
  if (userns.code !== 0) {
    throw new SandboxUnavailableError(
      'user-namespaces',
      `bubblewrap could not create its namespaces: ${userns.out.slice(0, 200) || `exit ${userns.code ?? userns.signal}`}`,
      userNamespaceFix(),
    );
  }
  const seccomp = await run(bwrap, probeArgs(['--seccomp', '3']), sandboxFilterBytes({ network: false }));
  if (seccomp.code !== 0) {
    throw new SandboxUnavailableError(
      'seccomp',
      `the kernel refused the sandbox's seccomp filter: ${seccomp.out.slice(0, 200) || `exit ${seccomp.code ?? seccomp.signal}`}`,
      'use a kernel with seccomp filter support (CONFIG_SECCOMP_FILTER) and no outer policy that forbids loading filters',
    );
  }
  return { bwrap, version: version.out };
}
