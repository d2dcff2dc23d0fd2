// Syscall numbers of the calls the sandbox filter inspects, per architecture. Taken from the
// kernel's uapi headers (asm/unistd_64.h for x86_64, asm-generic/unistd.h for aarch64); numbers
// from 403 up are the same on both. The real-kernel tests (sandbox-filter.test.ts) prove the ones
// that matter by calling them inside bubblewrap.

/** The architectures we build filters for, named as Node's `process.arch`. */
export type SeccompArch = 'x64' | 'arm64';

/** AUDIT_ARCH_* values: `struct seccomp_data.arch` the filter must see, else it kills. */
export const AUDIT_ARCH: Readonly<Record<SeccompArch, number>> = {
  x64: 0xc000003e,
  arm64: 0xc00000b7,
};

/** x86_64's x32 ABI marks its syscall numbers with this bit; the filter refuses all of them. */
export const X32_SYSCALL_BIT = 0x40000000;

export type SyscallName =
  | 'ptrace'
  | 'process_vm_readv'
  | 'process_vm_writev'
  | 'bpf'
  | 'perf_event_open'
  | 'userfaultfd'
  | 'keyctl'
  | 'add_key'
  | 'request_key'
  | 'io_uring_setup'
  | 'io_uring_enter'
  | 'io_uring_register'
  | 'mount'
  | 'umount2'
  | 'pivot_root'
  | 'chroot'
  | 'move_mount'
  | 'open_tree'
  | 'fsopen'
  | 'fsconfig'
  | 'fsmount'
  | 'fspick'
  | 'mount_setattr'
  | 'statmount'
  | 'listmount'
  | 'unshare'
  | 'setns'
  | 'clone'
  | 'clone3'
  | 'kexec_load'
  | 'kexec_file_load'
  | 'init_module'
  | 'finit_module'
  | 'delete_module'
  | 'ioctl'
  | 'socket'
  | 'swapon'
  | 'swapoff'
  | 'reboot'
  | 'acct'
  | 'syslog'
  | 'quotactl'
  | 'quotactl_fd'
  | 'open_by_handle_at'
  | 'name_to_handle_at'
  | 'lookup_dcookie'
  | 'vhangup'
  | 'settimeofday'
  | 'clock_settime'
  | 'adjtimex'
  | 'clock_adjtime'
  | 'pidfd_getfd'
  | 'process_madvise'
  | 'kcmp'
  | 'fanotify_init'
  | 'nfsservctl'
  | 'iopl'
  | 'ioperm'
  | 'modify_ldt'
  | 'uselib'
  | '_sysctl'
  | 'create_module'
  | 'get_kernel_syms'
  | 'query_module';

type Table = Readonly<Partial<Record<SyscallName, number>>>;

// Unified numbering (same on every architecture since Linux 5.1).
const UNIFIED: Table = {
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  clone3: 435,
  pidfd_getfd: 438,
  process_madvise: 440,
  mount_setattr: 442,
  quotactl_fd: 443,
  statmount: 457,
  listmount: 458,
};

/** Syscall numbers per architecture; a name missing from an architecture does not exist there. */
export const SYSCALLS: Readonly<Record<SeccompArch, Table>> = {
  x64: {
    ...UNIFIED,
    ioctl: 16,
    socket: 41,
    clone: 56,
    ptrace: 101,
    syslog: 103,
    uselib: 134,
    vhangup: 153,
    modify_ldt: 154,
    pivot_root: 155,
    _sysctl: 156,
    adjtimex: 159,
    chroot: 161,
    acct: 163,
    settimeofday: 164,
    mount: 165,
    umount2: 166,
    swapon: 167,
    swapoff: 168,
    reboot: 169,
    iopl: 172,
    ioperm: 173,
    create_module: 174,
    init_module: 175,
    delete_module: 176,
    get_kernel_syms: 177,
    query_module: 178,
    quotactl: 179,
    nfsservctl: 180,
    lookup_dcookie: 212,
    clock_settime: 227,
    kexec_load: 246,
    add_key: 248,
    request_key: 249,
    keyctl: 250,
    unshare: 272,
    perf_event_open: 298,
    fanotify_init: 300,
    name_to_handle_at: 303,
    open_by_handle_at: 304,
    clock_adjtime: 305,
    setns: 308,
    process_vm_readv: 310,
    process_vm_writev: 311,
    kcmp: 312,
    finit_module: 313,
    kexec_file_load: 320,
    bpf: 321,
    userfaultfd: 323,
  },
  arm64: {
    ...UNIFIED,
    lookup_dcookie: 18,
    ioctl: 29,
    umount2: 39,
    mount: 40,
    pivot_root: 41,
    nfsservctl: 42,
    chroot: 51,
    vhangup: 58,
    quotactl: 60,
    acct: 89,
    unshare: 97,
    kexec_load: 104,
    init_module: 105,
    delete_module: 106,
    clock_settime: 112,
    syslog: 116,
    ptrace: 117,
    reboot: 142,
    settimeofday: 170,
    adjtimex: 171,
    socket: 198,
    add_key: 217,
    request_key: 218,
    keyctl: 219,
    clone: 220,
    swapon: 224,
    swapoff: 225,
    perf_event_open: 241,
    fanotify_init: 262,
    name_to_handle_at: 264,
    open_by_handle_at: 265,
    clock_adjtime: 266,
    setns: 268,
    process_vm_readv: 270,
    process_vm_writev: 271,
    kcmp: 272,
    finit_module: 273,
    bpf: 280,
    userfaultfd: 282,
    kexec_file_load: 294,
  },
};
