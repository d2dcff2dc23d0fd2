import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { encodeProgram } from './bpf.js';
import { runFilter } from './run-filter.js';
import {
  DENIED_SYSCALLS,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  SECCOMP_RET_KILL_PROCESS,
  buildSandboxFilter,
  sandboxFilterBytes,
  seccompArchOf,
} from './sandbox-filter.js';
import { AUDIT_ARCH, SYSCALLS, type SeccompArch } from './syscall-table.js';

const EPERM = SECCOMP_RET_ERRNO | 1;
const ENOSYS = SECCOMP_RET_ERRNO | 38;
const EAFNOSUPPORT = SECCOMP_RET_ERRNO | 97;

describe('buildSandboxFilter (every path, interpreted)', () => {
  for (const arch of ['x64', 'arm64'] as SeccompArch[]) {
    const table = SYSCALLS[arch];
    const off = buildSandboxFilter({ arch, network: false });
    const on = buildSandboxFilter({ arch, network: true });
    const call = (program: typeof off, name: keyof typeof table, ...args: bigint[]) =>
      runFilter(program, { nr: table[name]!, arch: AUDIT_ARCH[arch], args });

    it(`${arch}: refuses every denied syscall with EPERM`, () => {
      let checked = 0;
      for (const name of DENIED_SYSCALLS) {
        if (table[name] === undefined) continue;
        expect(call(off, name), name).toBe(EPERM);
        expect(call(on, name), name).toBe(EPERM);
        checked++;
      }
      expect(checked).toBeGreaterThan(45);
    });

    it(`${arch}: allows ordinary syscalls`, () => {
      for (const nr of [0, 1, 2, 3, 57, 59, 60, 63, 64, 93, 202, 231, 260, 300 + 1000])
        if (!Object.values(table).includes(nr))
          expect(runFilter(off, { nr, arch: AUDIT_ARCH[arch] }), String(nr)).toBe(SECCOMP_RET_ALLOW);
    });

    it(`${arch}: kills a syscall made under another architecture (i386 int 0x80)`, () => {
      expect(runFilter(off, { nr: 1, arch: 0x40000003 })).toBe(SECCOMP_RET_KILL_PROCESS);
      expect(runFilter(off, { nr: 1, arch: arch === 'x64' ? AUDIT_ARCH.arm64 : AUDIT_ARCH.x64 })).toBe(
        SECCOMP_RET_KILL_PROCESS,
      );
    });

    it(`${arch}: clone with any namespace flag is refused, a plain fork or thread is not`, () => {
      const SIGCHLD = 17n;
      const THREAD = 0x3d0f00n; // what glibc's pthread_create passes
      expect(call(off, 'clone', SIGCHLD)).toBe(SECCOMP_RET_ALLOW);
      expect(call(off, 'clone', THREAD)).toBe(SECCOMP_RET_ALLOW);
      for (const flag of [
        0x80n,
        0x20000n,
        0x2000000n,
        0x4000000n,
        0x8000000n,
        0x10000000n,
        0x20000000n,
        0x40000000n,
      ])
        expect(call(off, 'clone', SIGCHLD | flag), flag.toString(16)).toBe(EPERM);
      // The flags are an unsigned long; the kernel reads all of it but namespace bits are low.
      expect(call(off, 'clone', (1n << 40n) | SIGCHLD | 0x10000000n)).toBe(EPERM);
      expect(call(off, 'clone3')).toBe(ENOSYS);
    });

    it(`${arch}: TIOCSTI and TIOCLINUX ioctls are refused, other ioctls pass`, () => {
      expect(call(off, 'ioctl', 0n, 0x5412n)).toBe(EPERM);
      expect(call(off, 'ioctl', 0n, 0x541cn)).toBe(EPERM);
      // The kernel truncates the command to 32 bits, so high garbage must not hide it.
      expect(call(off, 'ioctl', 0n, (0xdeadn << 32n) | 0x5412n)).toBe(EPERM);
      expect(call(off, 'ioctl', 0n, 0x5401n)).toBe(SECCOMP_RET_ALLOW); // TCGETS
      expect(call(off, 'ioctl', 0n, 0x541bn)).toBe(SECCOMP_RET_ALLOW); // FIONREAD
    });

    it(`${arch}: sockets: AF_UNIX only without network, IP too with it, never raw families`, () => {
      expect(call(off, 'socket', 1n)).toBe(SECCOMP_RET_ALLOW);
      for (const family of [2n, 10n, 16n, 17n, 38n, 40n, 44n])
        expect(call(off, 'socket', family)).toBe(EAFNOSUPPORT);
      for (const family of [1n, 2n, 10n]) expect(call(on, 'socket', family)).toBe(SECCOMP_RET_ALLOW);
      for (const family of [16n, 17n, 38n, 40n]) expect(call(on, 'socket', family)).toBe(EAFNOSUPPORT);
    });
  }

  it('x64: refuses the x32 ABI wholesale (it would reach the denied calls by other numbers)', () => {
    const x64 = buildSandboxFilter({ arch: 'x64', network: false });
    for (const nr of [0x40000000 + 101, 0x40000000 + 39, 0x40000000 + 545])
      expect(runFilter(x64, { nr, arch: AUDIT_ARCH.x64 })).toBe(ENOSYS);
  });

  it('serializes 8 bytes per instruction, little-endian', () => {
    const program = buildSandboxFilter({ arch: 'x64', network: false });
    const bytes = encodeProgram(program);
    expect(bytes.length).toBe(program.length * 8);
    expect(bytes.readUInt16LE(0)).toBe(0x20);
    expect(bytes.readUInt32LE(4)).toBe(4);
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(SECCOMP_RET_ALLOW);
  });
});

// The same filter loaded by the kernel, through bubblewrap, with perl making the raw syscalls.
function inSandbox(script: string, network = false): Promise<{ code: number | null; out: string }> {
  const arch = seccompArchOf();
  if (arch === undefined) throw new Error(`no seccomp table for ${process.arch}`);
  const args = [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--symlink',
    'usr/bin',
    '/bin',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '--cap-drop',
    'ALL',
    '--seccomp',
    '3',
    '/usr/bin/perl',
    '-e',
    script,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('bwrap', args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    const fd3 = child.stdio[3] as NodeJS.WritableStream;
    fd3.on('error', reject);
    fd3.end(sandboxFilterBytes({ network }));
  });
}

describe('the sandbox filter in the kernel (bubblewrap --seccomp)', () => {
  const arch = seccompArchOf()!;
  const nr = (name: keyof (typeof SYSCALLS)['x64']) => SYSCALLS[arch][name]!;
  // Prints the errno of each call (0 when it succeeded).
  const errnos = (calls: string[]) =>
    `$|=1; for my $c (${calls.map((c) => `sub { ${c} }`).join(', ')}) { $! = 0; my $r = $c->(); print(($r == -1 || !defined $r ? $!+0 : 0), " "); }`;

  it('denies ptrace, unshare, namespace clones, io_uring, bpf, keyctl, mount and TIOCSTI', async () => {
    const { code, out } = await inSandbox(
      errnos([
        `syscall(${nr('ptrace')}, 0, 0, 0, 0)`,
        `syscall(${nr('unshare')}, 0x10000000)`,
        `syscall(${nr('clone')}, 0x10000000 | 17, 0, 0, 0, 0)`,
        `syscall(${nr('io_uring_setup')}, 8, 0)`,
        `syscall(${nr('bpf')}, 0, 0, 0)`,
        `syscall(${nr('keyctl')}, 0, 0)`,
        `syscall(${nr('mount')}, 0, 0, 0, 0, 0)`,
        `syscall(${nr('ioctl')}, 0, 0x5412, 0)`,
        `syscall(${nr('perf_event_open')}, 0, 0, 0, 0, 0)`,
        `syscall(${nr('userfaultfd')}, 0)`,
        `syscall(${nr('process_vm_readv')}, 1, 0, 0, 0, 0, 0)`,
      ]),
    );
    expect(code).toBe(0);
    expect(out.trim().split(' ')).toEqual(Array(11).fill('1'));
  });

  it('allows only AF_UNIX sockets without network (inet, inet6, netlink, packet refused)', async () => {
    const { out } = await inSandbox(
      errnos(
        [1, 2, 10, 16, 17].map((family) => `socket(my $s, ${family}, ${family === 17 ? 3 : 1}, 0) ? 0 : -1`),
      ),
    );
    expect(out.trim().split(' ')).toEqual(['0', '97', '97', '97', '97']);
  });

  it('allows IP sockets when the network is on (the namespace still has only loopback)', async () => {
    const { out } = await inSandbox(
      errnos([`socket(my $s, 2, 1, 0) ? 0 : -1`, `socket(my $s, 16, 3, 0) ? 0 : -1`]),
      true,
    );
    expect(out.trim().split(' ')).toEqual(['0', '97']);
  });

  it('leaves ordinary work alone: fork, exec, pipes, files in /tmp', async () => {
    const { code, out } = await inSandbox(
      `open(my $f, '>', '/tmp/x') or die; print $f "hi"; close $f; my $r = \`/usr/bin/cat /tmp/x | /usr/bin/tr a-z A-Z\`; print "$r";`,
    );
    expect(out).toBe('HI');
    expect(code).toBe(0);
  });
});
