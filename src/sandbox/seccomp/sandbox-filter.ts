import {
  type BpfInstruction,
  encodeProgram,
  jumpIfAnyBit,
  jumpIfAtLeast,
  jumpIfEqual,
  loadWord,
  ret,
} from './bpf.js';
import {
  AUDIT_ARCH,
  type SeccompArch,
  SYSCALLS,
  type SyscallName,
  X32_SYSCALL_BIT,
} from './syscall-table.js';

/** seccomp return actions (linux/seccomp.h). */
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;

const EPERM = 1;
const ENOSYS = 38;
const EAFNOSUPPORT = 97;

/** Offsets in `struct seccomp_data`: nr, arch, instruction pointer, then six 64-bit args. */
export const SECCOMP_DATA = { nr: 0, arch: 4, argLow: (i: number) => 16 + 8 * i } as const;

const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const TIOCSTI = 0x5412; // push characters into the terminal's input: a classic sandbox escape
const TIOCLINUX = 0x541c; // the same through the Linux console (copy/paste selection)

/** clone() flags that create namespaces: nested namespaces are how most container escapes start. */
const CLONE_NAMESPACE_FLAGS =
  0x00000080 | // CLONE_NEWTIME
  0x00020000 | // CLONE_NEWNS
  0x02000000 | // CLONE_NEWCGROUP
  0x04000000 | // CLONE_NEWUTS
  0x08000000 | // CLONE_NEWIPC
  0x10000000 | // CLONE_NEWUSER
  0x20000000 | // CLONE_NEWPID
  0x40000000; // CLONE_NEWNET

/**
 * Calls refused outright with EPERM: debugging and reading other processes, kernel attack surface
 * an untrusted process never needs (bpf, perf, userfaultfd, keyrings, io_uring, which also
 * bypasses the socket check), mounting and namespaces, kernel modules and kexec, and host-wide
 * administration.
 */
export const DENIED_SYSCALLS: readonly SyscallName[] = [
  'ptrace',
  'process_vm_readv',
  'process_vm_writev',
  'pidfd_getfd',
  'process_madvise',
  'kcmp',
  'bpf',
  'perf_event_open',
  'userfaultfd',
  'keyctl',
  'add_key',
  'request_key',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'mount',
  'umount2',
  'pivot_root',
  'chroot',
  'move_mount',
  'open_tree',
  'fsopen',
  'fsconfig',
  'fsmount',
  'fspick',
  'mount_setattr',
  'statmount',
  'listmount',
  'unshare',
  'setns',
  'kexec_load',
  'kexec_file_load',
  'init_module',
  'finit_module',
  'delete_module',
  'create_module',
  'get_kernel_syms',
  'query_module',
  'swapon',
  'swapoff',
  'reboot',
  'acct',
  'syslog',
  'quotactl',
  'quotactl_fd',
  'open_by_handle_at',
  'name_to_handle_at',
  'lookup_dcookie',
  'vhangup',
  'settimeofday',
  'clock_settime',
  'adjtimex',
  'clock_adjtime',
  'fanotify_init',
  'nfsservctl',
  'iopl',
  'ioperm',
  'modify_ldt',
  'uselib',
  '_sysctl',
];

export interface SandboxFilterOptions {
  /** Architecture to build for (default: this process's). */
  arch?: SeccompArch;
  /**
   * Whether the sandboxed process may open IP sockets. Without network only AF_UNIX sockets are
   * allowed; with it, AF_INET and AF_INET6 too (the sandbox's network namespace still has only
   * loopback, where the egress proxy's bridge listens).
   */
  network: boolean;
}

/** Node's `process.arch` as a filter architecture, or undefined where we have no syscall table. */
export function seccompArchOf(arch: string = process.arch): SeccompArch | undefined {
  return arch === 'x64' || arch === 'arm64' ? arch : undefined;
}

/**
 * The sandbox's seccomp program: kill on a foreign architecture (e.g. i386 `int 0x80` on x86_64),
 * ENOSYS for x32 calls and clone3 (whose flags live in memory a filter cannot read; libc falls
 * back to clone), EPERM for `DENIED_SYSCALLS`, for clone with namespace flags and for the
 * TIOCSTI/TIOCLINUX ioctls, EAFNOSUPPORT for sockets other than the allowed families; everything
 * else is allowed (the namespaces, mounts and limits around it do the rest).
 *
 * @example
 * const bytes = encodeProgram(buildSandboxFilter({ network: false })); // for bwrap --seccomp FD
 */
export function buildSandboxFilter(options: SandboxFilterOptions): BpfInstruction[] {
  const arch = options.arch ?? seccompArchOf();
  if (arch === undefined) throw new RangeError(`no seccomp syscall table for architecture ${process.arch}`);
  const table = SYSCALLS[arch];
  const nr = (name: SyscallName): number | undefined => table[name];
  const errno = (e: number) => ret(SECCOMP_RET_ERRNO | e);
  const allow = ret(SECCOMP_RET_ALLOW);

  const program: BpfInstruction[] = [
    loadWord(SECCOMP_DATA.arch),
    jumpIfEqual(AUDIT_ARCH[arch], 1, 0),
    ret(SECCOMP_RET_KILL_PROCESS),
    loadWord(SECCOMP_DATA.nr),
  ];
  if (arch === 'x64') program.push(jumpIfAtLeast(X32_SYSCALL_BIT, 0, 1), errno(ENOSYS));

  for (const name of DENIED_SYSCALLS) {
    const n = nr(name);
    if (n !== undefined) program.push(jumpIfEqual(n, 0, 1), errno(EPERM));
  }
  const clone3 = nr('clone3');
  if (clone3 !== undefined) program.push(jumpIfEqual(clone3, 0, 1), errno(ENOSYS));

  // Each block below starts by matching its syscall and ends in a return, so the accumulator it
  // overwrites with an argument is never read as a syscall number again.
  const block = (name: SyscallName, body: BpfInstruction[]) => {
    const n = nr(name);
    if (n === undefined) throw new RangeError(`${name} missing from the ${arch} syscall table`);
    program.push(jumpIfEqual(n, 0, body.length), ...body);
  };
  block('clone', [
    loadWord(SECCOMP_DATA.argLow(0)),
    jumpIfAnyBit(CLONE_NAMESPACE_FLAGS, 1, 0),
    allow,
    errno(EPERM),
  ]);
  block('ioctl', [
    loadWord(SECCOMP_DATA.argLow(1)),
    jumpIfEqual(TIOCSTI, 2, 0),
    jumpIfEqual(TIOCLINUX, 1, 0),
    allow,
    errno(EPERM),
  ]);
  const families = options.network ? [AF_UNIX, AF_INET, AF_INET6] : [AF_UNIX];
  block('socket', [
    loadWord(SECCOMP_DATA.argLow(0)),
    ...families.map((f, i) => jumpIfEqual(f, families.length - i, 0)),
    errno(EAFNOSUPPORT),
    allow,
  ]);
  program.push(allow);
  return program;
}

/** `buildSandboxFilter` serialized for `bwrap --seccomp FD`. */
export function sandboxFilterBytes(options: SandboxFilterOptions): Buffer {
  return encodeProgram(buildSandboxFilter(options));
}
