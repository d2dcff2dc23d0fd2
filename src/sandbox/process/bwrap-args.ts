// The bubblewrap command line for one run: what the sandbox can see and nothing more. Kept a pure
// function of the spec so that tests can read exactly which host paths a run gets.
import { chmodSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ResolvedSpec } from './sandbox-spec.js';

/** The uid/gid the program sees inside (nobody): it owns nothing it did not create. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

/** File descriptors the runner passes to bwrap beside stdio: the seccomp program, passwd, group, and bwrap's status. */
export interface BwrapFds {
  seccomp: number;
  passwd: number;
  group: number;
  /** Where bwrap reports that the program started; omitted for long-lived hosts that never read it. */
  status?: number;
}

/** The default descriptors, right after stdio. */
export const FD = { seccomp: 3, passwd: 4, group: 5, status: 6 } as const satisfies BwrapFds;

/** System directories mounted read-only when present: programs and their libraries, nothing else. */
const SYSTEM_DIRS = ['/usr', '/opt'];
/** Top-level names that are symlinks into /usr on merged-usr systems, or directories otherwise. */
const USR_LINKS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/**
 * Files from /etc a program may need: the loader cache, TLS roots (for HTTPS through the proxy),
 * time zones, name-service config. Not passwd/group (synthesized), shadow, hosts of the host, ssh,
 * or anything with credentials.
 */
const ETC_FILES = [
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/alternatives',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/ca-certificates.conf',
  '/etc/pki',
  '/etc/localtime',
  '/etc/nsswitch.conf',
  '/etc/os-release',
  '/etc/mime.types',
  '/etc/bash.bashrc',
  '/etc/profile',
  '/etc/inputrc',
  '/etc/debian_version',
];

/**
 * /proc entries hidden from the sandbox (as Docker does). A sandbox started as root maps its user to
 * host uid 0, and the kernel checks many /proc files by uid alone: /proc/sys/kernel/core_pattern
 * would be writable, and a core_pattern pipe runs as host root. Sysctls are hidden (an empty
 * read-only directory); the files below become empty; the directories become empty.
 */
const PROC_MASKED_FILES = [
  '/proc/kcore',
  '/proc/keys',
  '/proc/key-users',
  '/proc/timer_list',
  '/proc/sched_debug',
  '/proc/kallsyms',
  '/proc/kpagecount',
  '/proc/kpageflags',
  '/proc/kpagecgroup',
  '/proc/kmsg',
  '/proc/sysrq-trigger',
  '/proc/slabinfo',
  '/proc/vmallocinfo',
  '/proc/config.gz',
];
const PROC_MASKED_DIRS = [
  '/proc/sys',
  '/proc/acpi',
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/scsi',
  '/proc/asound',
  '/proc/driver',
];

export interface BwrapOptions {
  /** Whether a network (loopback only, with the egress bridge) is wanted; the namespace is new either way. */
  network: boolean;
  /** Extra read-only mounts the runner needs (the egress bridge, the proxy socket's directory). */
  runtimeRead?: readonly string[];
  /** Unix sockets to bind, host path to sandbox path (read-write: connecting needs write permission). */
  sockets?: readonly (readonly [host: string, inside: string])[];
  /** Program and arguments run in front of the command (the bridge, prlimit). */
  prefix?: readonly string[];
  /** Descriptor numbers (default {@link FD}). */
  fds?: BwrapFds;
}

/**
 * bwrap arguments: every namespace new (user, pid, net, ipc, uts, cgroup), all capabilities
 * dropped, no new privileges (bwrap sets it), a session of its own (no TIOCSTI into our terminal),
 * killed with its parent, a private size-capped /tmp, read-only system directories, only the
 * spec's read and write directories, a cleared environment with the spec's variables, and the
 * seccomp filter, passwd and group from file descriptors.
 *
 * @example
 * const args = bwrapArgs(resolveSandboxSpec({ command: ['ls'] }), { network: false });
 */
export function bwrapArgs(spec: ResolvedSpec, options: BwrapOptions): string[] {
  const fds = options.fds ?? FD;
  const args: string[] = [
    '--unshare-all',
    '--unshare-user', // --unshare-all only tries the user namespace; we require it
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    '--uid',
    String(SANDBOX_UID),
    '--gid',
    String(SANDBOX_GID),
    '--hostname',
    'sandbox',
    '--disable-userns',
    '--assert-userns-disabled',
  ];
  for (const dir of SYSTEM_DIRS) if (existsSync(dir)) args.push('--ro-bind', dir, dir);
  for (const link of USR_LINKS) {
    if (!existsSync(link)) continue;
    const st = lstatSync(link);
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(link), link);
    else args.push('--ro-bind', link, link);
  }
  for (const file of ETC_FILES) if (existsSync(file)) args.push('--ro-bind', file, file);
  args.push('--ro-bind-data', String(fds.passwd), '/etc/passwd');
  args.push('--ro-bind-data', String(fds.group), '/etc/group');
  args.push('--proc', '/proc', '--dev', '/dev');
  for (const file of PROC_MASKED_FILES) if (existsSync(file)) args.push('--ro-bind', '/dev/null', file);
  const empty = emptyDirectory();
  for (const dir of PROC_MASKED_DIRS) if (existsSync(dir)) args.push('--ro-bind', empty, dir);
  args.push('--size', String(spec.limits.tmpBytes), '--tmpfs', '/tmp');
  // /dev/shm is memory too: capped like /tmp, or a program could fill RAM with shared-memory files.
  args.push('--size', String(spec.limits.tmpBytes), '--tmpfs', '/dev/shm');
  args.push('--dir', '/var/tmp');
  for (const path of options.runtimeRead ?? []) args.push('--ro-bind', path, path);
  for (const path of spec.read) args.push('--ro-bind', path, path);
  // Write directories come after read ones, so a writable child of a read-only parent stays writable.
  for (const path of spec.write) args.push('--bind', path, path);
  for (const [host, inside] of options.sockets ?? []) args.push('--bind', host, inside);
  // The root is bwrap's tmpfs: without this, /etc/x or /x would be writable (private, but uncapped memory).
  args.push('--remount-ro', '/');
  args.push('--chdir', spec.cwd);
  args.push('--clearenv');
  for (const [name, value] of Object.entries(spec.env)) args.push('--setenv', name, value);
  args.push('--seccomp', String(fds.seccomp));
  if (fds.status !== undefined) args.push('--json-status-fd', String(fds.status));
  args.push('--', ...(options.prefix ?? []), ...spec.command);
  return args;
}

let emptyDir: string | undefined;

/** A read-only empty directory to mount over hidden /proc directories (one mount instead of tmpfs + remount). */
function emptyDirectory(): string {
  if (emptyDir !== undefined && existsSync(emptyDir)) return emptyDir;
  const dir = mkdtempSync(join(tmpdir(), 'warden-empty-'));
  chmodSync(dir, 0o555);
  emptyDir = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** /etc/passwd and /etc/group for inside: the sandbox user and root, nobody else's names or homes. */
export function sandboxAccounts(): { passwd: string; group: string } {
  return {
    passwd: `root:x:0:0:root:/nonexistent:/usr/sbin/nologin\nsandbox:x:${SANDBOX_UID}:${SANDBOX_GID}:sandbox:/tmp:/bin/sh\n`,
    group: `root:x:0:\nsandbox:x:${SANDBOX_GID}:\n`,
  };
}

/** Where the running Node binary must be mounted for helpers inside (the egress bridge), if not under /usr. */
export function nodeBinaryMount(execPath: string = process.execPath): string | undefined {
  const covered = [...SYSTEM_DIRS, ...USR_LINKS].some((d) => execPath.startsWith(`${d}/`));
  return covered ? undefined : dirname(execPath);
}
