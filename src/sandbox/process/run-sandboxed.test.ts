// The process sandbox against a real kernel: each test runs bubblewrap and checks from inside what
// the program can and cannot see or do, and that every limit ends the run with its typed error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { SandboxError, type SandboxViolationReason } from '../sandbox-error.js';
import { runSandboxed, type RunSandboxedOptions } from './run-sandboxed.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';

const root = mkdtempSync(join(tmpdir(), 'warden-sbx-'));
const readDir = join(root, 'ro');
const writeDir = join(root, 'rw');
mkdirSync(readDir);
mkdirSync(writeDir);
writeFileSync(join(readDir, 'input.txt'), 'from the host\n');
const hostOnly = join(root, 'host-only.txt');
writeFileSync(hostOnly, 'not for the sandbox\n');

afterAll(() => execFileSync('rm', ['-rf', root]));

const sh = (script: string, options: Partial<RunSandboxedOptions> = {}) =>
  runSandboxed({ command: ['/bin/sh', '-c', script], read: [readDir], write: [writeDir], ...options });

async function violation(promise: Promise<unknown>): Promise<SandboxError> {
  try {
    await promise;
  } catch (e) {
    if (SandboxError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('the run succeeded where the sandbox had to stop it');
}

async function expectViolation(
  promise: Promise<unknown>,
  reason: SandboxViolationReason,
): Promise<SandboxError> {
  const e = await violation(promise);
  expect(e.reason, e.message).toBe(reason);
  expect(e.code).toBe(WardenErrorCode.SandboxViolation);
  return e;
}

/** Host processes whose command line contains `marker`. */
function hostProcesses(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('runSandboxed: what the program sees', () => {
  it('runs the command and returns its output and exit code', async () => {
    const r = await sh('cat input.txt; echo err >&2; exit 3', { cwd: readDir });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('from the host\n');
    expect(r.stderr).toBe('err\n');
  });

  it('passes stdin', async () => {
    const r = await runSandboxed({ command: ['/usr/bin/tr', 'a-z', 'A-Z'], stdin: 'hello' });
    expect(r.stdout).toBe('HELLO');
  });

  it('clears the environment: a secret in the host environment never reaches the program', async () => {
    const name = `WARDEN_TEST_SECRET_${process.pid}`;
    process.env[name] = `fake-${Math.random().toString(36).slice(2)}`;
    try {
      const r = await runSandboxed({ command: ['/usr/bin/env'], env: { ALLOWED: 'yes' } });
      expect(r.stdout).not.toContain(name);
      expect(r.stdout).not.toContain(process.env[name]);
      expect(r.stdout).toContain('ALLOWED=yes');
      const names = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('=')[0])
        .sort();
      // PWD is set by the shell-less exec of bwrap's --chdir; nothing else is there.
      expect(names).toEqual(['ALLOWED', 'HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']);
    } finally {
      delete process.env[name];
    }
  });

  it('runs as an unprivileged user with no capabilities, no new privileges and the seccomp filter', async () => {
    const r = await sh('id -u; grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):" /proc/self/status');
    const [uid, ...status] = r.stdout.trim().split('\n');
    expect(uid).toBe('65534');
    const fields = Object.fromEntries(status.map((l) => l.split(/:\s+/) as [string, string]));
    expect(fields).toEqual({
      CapEff: '0000000000000000',
      CapPrm: '0000000000000000',
      CapBnd: '0000000000000000',
      NoNewPrivs: '1',
      Seccomp: '2',
    });
  });

  it('shows no host home, no /root, no host /tmp, no shadow file, and synthesized accounts', async () => {
    const r = await sh(
      `for p in /root /home "${hostOnly}" /etc/shadow /etc/ssh /var/run/docker.sock /run/systemd; do ` +
        `if [ -e "$p" ]; then echo "VISIBLE $p"; fi; done; cat /etc/passwd; ls -A /tmp`,
    );
    expect(r.stdout).not.toContain('VISIBLE');
    expect(r.stdout).toContain('sandbox:x:65534:65534');
    expect(r.stdout.split('\n').filter((l) => l.includes(':x:')).length).toBe(2);
  });

  it('sees only its own processes (new pid namespace)', async () => {
    const r = await sh('ls /proc | grep -c "^[0-9]"');
    expect(Number(r.stdout.trim())).toBeLessThanOrEqual(4);
  });

  it('writes in a write directory, and the file appears on the host', async () => {
    await sh('echo made-inside > out.txt', { cwd: writeDir });
    expect(readFileSync(join(writeDir, 'out.txt'), 'utf8')).toBe('made-inside\n');
  });

  it('has a private /tmp that the host never sees', async () => {
    await sh('echo scratch > /tmp/scratch-file');
    expect(existsSync('/tmp/scratch-file')).toBe(false);
  });

  it('refuses a write into a read-only directory as denied-path', async () => {
    const e = await expectViolation(sh(`echo x > "${readDir}/new.txt"`), 'denied-path');
    expect(e.message).toMatch(/read/);
    expect(existsSync(join(readDir, 'new.txt'))).toBe(false);
  });

  it('does not follow a symlink planted in a write directory out to host files', async () => {
    const link = join(writeDir, 'escape');
    symlinkSync(hostOnly, link);
    const r = await sh(`cat "${link}" 2>&1; echo "rc=$?"`);
    expect(r.stdout).not.toContain('not for the sandbox');
    expect(r.stdout).toMatch(/No such file/);
  });

  it('cannot mount, unshare or reach the network when none was asked for', async () => {
    const r = await sh(
      'mount -t tmpfs none /tmp 2>/dev/null && echo MOUNTED; ' +
        'unshare -U true 2>/dev/null && echo UNSHARED; ' +
        '(echo > /dev/tcp/1.1.1.1/80) 2>/dev/null && echo CONNECTED; ' +
        `perl -MSocket -e 'socket(my $s, AF_INET, SOCK_STREAM, 0) or print "inet refused: $!\\n"'; ` +
        'echo done',
    );
    expect(r.stdout).not.toMatch(/MOUNTED|UNSHARED|CONNECTED/);
    expect(r.stdout).toContain('inet refused: Address family not supported');
    expect(r.stdout).toContain('done');
  });
});

describe('runSandboxed: limits end the run with a typed error', () => {
  it('kills the whole process tree at the timeout', async () => {
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.25`;
    const e = await expectViolation(
      sh(`sleep ${marker} & sleep ${marker} & sleep ${marker}`, { limits: { timeoutMs: 400 } }),
      'timeout',
    );
    expect(e.limit).toBe(400);
    await new Promise((r) => setTimeout(r, 100));
    expect(hostProcesses(`sleep ${marker}`)).toEqual([]);
  });

  it('contains a fork bomb at the process limit, leaving nothing behind', async () => {
    const marker = `forkbomb-${process.pid}-${Date.now()}`;
    const e = await expectViolation(
      runSandboxed({
        command: ['/bin/bash', '-c', `:(){ :|:& };: ; sleep 1 # ${marker}`],
        limits: { maxProcesses: 32, timeoutMs: 20_000 },
      }),
      'process-limit',
    );
    expect(e.limit).toBe(32);
    expect(hostProcesses(marker)).toEqual([]);
  });

  it('contains a fork bomb through RLIMIT_NPROC when started as an unprivileged host user', async () => {
    await expectViolation(
      runSandboxed({
        command: ['/bin/bash', '-c', `:(){ :|:& };: ; sleep 1 # nproc-${process.pid}`],
        limits: { maxProcesses: 32, timeoutMs: 20_000 },
        hostUser: { uid: 65534, gid: 65534 },
      }),
      'process-limit',
    );
    expect(hostProcesses(`nproc-${process.pid}`)).toEqual([]);
  });

  it('stops a program at the memory limit', async () => {
    await expectViolation(
      runSandboxed({
        command: ['/usr/bin/perl', '-e', '$x = "a" x (1024 * 1024 * 1024); print length $x'],
        limits: { memoryBytes: 256 * 1024 * 1024 },
      }),
      'memory',
    );
  });

  it('stops a write at the file-size limit', async () => {
    const e = await expectViolation(
      sh('head -c 3000000 /dev/zero > big.bin', { cwd: writeDir, limits: { fileSizeBytes: 1024 * 1024 } }),
      'file-size',
    );
    expect(e.limit).toBe(1024 * 1024);
  });

  it('caps the private /tmp', async () => {
    await expectViolation(
      sh('head -c 3000000 /dev/zero > /tmp/fill', { limits: { tmpBytes: 1024 * 1024 } }),
      'file-size',
    );
  });

  it('stops a busy loop at the CPU-time limit', async () => {
    await expectViolation(
      sh('while :; do :; done', { limits: { cpuSeconds: 1, timeoutMs: 15_000 } }),
      'cpu-time',
    );
  });

  it('stops a program at the open-file limit', async () => {
    await expectViolation(
      runSandboxed({
        command: [
          '/usr/bin/perl',
          '-e',
          'for (1..100) { open(my $f, "<", "/dev/null") or die "open: $!\\n"; push @f, $f }',
        ],
        limits: { openFiles: 16 },
      }),
      'open-files',
    );
  });

  it('kills a program that floods its output', async () => {
    await expectViolation(
      runSandboxed({ command: ['/usr/bin/yes'], limits: { outputBytes: 65_536 } }),
      'output-limit',
    );
  });

  it('kills the run when the caller aborts', async () => {
    const controller = new AbortController();
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.75`;
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expectViolation(sh(`sleep ${marker}`, { signal: controller.signal }), 'killed');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hostProcesses(`sleep ${marker}`)).toEqual([]);
  });
});

describe('runSandboxed: refusals before anything runs', () => {
  it('lists every problem of a bad spec with the option it concerns', async () => {
    try {
      await runSandboxed({
        command: [],
        read: ['relative/dir', '/no/such/dir'],
        write: ['/proc/self'],
        env: { 'BAD NAME': 'x', LD_PRELOAD: '/tmp/x.so' },
        limits: { timeoutMs: 0, bogus: 1 } as never,
      });
      throw new Error('accepted');
    } catch (e) {
      expect(WardenError.isInstance(e) && e.code).toBe(WardenErrorCode.InvalidArgument);
      const paths = (e as WardenError).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'command',
          'read[0]',
          'read[1]',
          'write[0]',
          'env.BAD NAME',
          'env.LD_PRELOAD',
          'limits.timeoutMs',
          'limits.bogus',
        ]),
      );
    }
  });

  it('never runs the command without bubblewrap', async () => {
    const marker = join(writeDir, 'ran-unsandboxed');
    await expect(
      runSandboxed({ command: ['/usr/bin/touch', marker], write: [writeDir], bwrap: '/nonexistent/bwrap' }),
    ).rejects.toSatisfy((e) => SandboxUnavailableError.isInstance(e) && e.requirement === 'bubblewrap');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a "host user" that is root (it would skip the process-limit cgroup and still be uid 0)', async () => {
    await expect(runSandboxed({ command: ['/bin/true'], hostUser: { uid: 0, gid: 0 } })).rejects.toSatisfy(
      (e) =>
        WardenError.isInstance(e) && e.code === WardenErrorCode.InvalidArgument && /hostUser/.test(e.message),
    );
    const { spawnSandboxed } = await import('./spawn-sandboxed.js');
    await expect(spawnSandboxed({ command: ['/bin/true'], hostUser: { uid: 0, gid: 0 } })).rejects.toSatisfy(
      (e) => WardenError.isInstance(e) && /hostUser/.test((e as Error).message),
    );
  });

  it('refuses a working directory outside the mounted ones', async () => {
    await expect(runSandboxed({ command: ['/bin/true'], cwd: root })).rejects.toSatisfy(
      (e) => WardenError.isInstance(e) && e.issues.some((i) => i.path === 'cwd'),
    );
  });
});
