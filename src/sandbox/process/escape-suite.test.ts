// Escape and abuse attempts against the process sandbox, each named after the attack. Every one
// must be contained: the program learns nothing from the host and changes nothing outside its
// write directory. Limits (fork/memory/CPU/file-size bombs) are in run-sandboxed.test.ts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandboxed } from './run-sandboxed.js';

const root = mkdtempSync(join(tmpdir(), 'warden-escape-'));
const writeDir = join(root, 'rw');
mkdirSync(writeDir);
const outside = join(root, 'outside.txt');
writeFileSync(outside, 'host data\n');

let listener: Server;
let listenerPort = 0;
let connections = 0;
beforeAll(async () => {
  listener = createServer((s) => {
    connections++;
    s.end('host loopback service\n');
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  listenerPort = (listener.address() as { port: number }).port;
});
afterAll(() => {
  listener.close();
  execFileSync('rm', ['-rf', root]);
});

const sh = (script: string) =>
  runSandboxed({ command: ['/bin/bash', '-c', script], write: [writeDir], limits: { timeoutMs: 10_000 } });

function hostProcesses(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('process sandbox escape suite', () => {
  it('reading another process environment through /proc/PID/environ: host processes are not there', async () => {
    // A long-lived host process with a fake secret in its environment.
    const secret = `fake-token-${Math.random().toString(36).slice(2)}`;
    const victim = spawn('sleep', ['30'], { env: { VICTIM_SECRET: secret } });
    try {
      const r = await sh(
        `cat /proc/${victim.pid}/environ 2>&1; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'`,
      );
      expect(r.stdout).not.toContain(secret);
      expect(r.stdout).toMatch(/No such file/);
    } finally {
      victim.kill('SIGKILL');
    }
  });

  it('reading /root and the host home', async () => {
    const r = await sh('ls -A /root 2>&1; ls -A /home 2>&1; cat /root/.bashrc 2>&1; echo end');
    expect(r.stdout).toMatch(/\/root.*No such file/);
    expect(r.stdout).not.toMatch(/\.bashrc\n|\.npm|\.ssh/);
  });

  it('hard link from the write directory to a host file: the file is not in the sandbox to link', async () => {
    const r = await sh(
      `ln "${outside}" "${writeDir}/hl" 2>&1; ln /etc/passwd "${writeDir}/pw" 2>&1; echo end`,
    );
    expect(existsSync(join(writeDir, 'hl'))).toBe(false);
    expect(existsSync(join(writeDir, 'pw'))).toBe(false);
    expect(r.stdout).toMatch(/No such file|Invalid cross-device link/);
  });

  it('symlink out of the write directory, followed on the host later: it points into the sandbox view only', async () => {
    await sh(`ln -s /etc/shadow "${writeDir}/shadow-link"; ln -s "${outside}" "${writeDir}/outside-link"`);
    // The links exist on the host (the sandbox may write links); Warden's fs tools refuse to follow
    // them out of scope (see src/sandbox/tools). Inside, they led nowhere:
    const r = await sh(`cat "${writeDir}/shadow-link" 2>&1; cat "${writeDir}/outside-link" 2>&1`);
    expect(r.stdout).not.toContain('host data');
    expect(r.stdout).not.toMatch(/root:[^:]*:\d+:/);
  });

  it('writing outside the write directory: everything else is read-only or absent', async () => {
    const r = await sh(
      `for p in /usr/x /etc/x /opt/x /x /var/x; do (echo pwn > "$p") 2>/dev/null && echo "WROTE $p"; done; ` +
        // Host paths under /tmp land in the private /tmp, never on the host.
        `mkdir -p "${root}" 2>/dev/null; echo pwn > "${root}/x" 2>/dev/null; echo end`,
    );
    expect(r.stdout).not.toContain('WROTE');
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('writing host sysctls through /proc/sys (core_pattern runs a program as host root on a crash)', async () => {
    const before = readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    const r = await sh(
      'for p in /proc/sys/kernel/core_pattern /proc/sys/kernel/hostname /proc/sys/vm/drop_caches /proc/sysrq-trigger /proc/kcore; do ' +
        '(echo "|/bin/sh -c id" > "$p") 2>/dev/null && echo "WROTE $p"; done; cat /proc/kallsyms | head -c 100; ls /proc/sys; echo end',
    );
    expect(r.stdout).not.toContain('WROTE');
    expect(r.stdout).toBe('end\n');
    expect(readFileSync('/proc/sys/kernel/core_pattern', 'utf8')).toBe(before);
  });

  it('filling /dev/shm (memory outside the process limits) stops at its cap', async () => {
    const r = await runSandboxed({
      command: [
        '/bin/bash',
        '-c',
        'head -c 8000000 /dev/zero > /dev/shm/fill; echo "rc=$?"; df -k /dev/shm | tail -1',
      ],
      limits: { tmpBytes: 2 * 1024 * 1024 },
    });
    expect(r.stdout).toMatch(/rc=1/);
  });

  it('setuid binaries (su, passwd, mount) gain nothing: no new privileges', async () => {
    const r = await sh(
      'su -c id root </dev/null 2>&1; mount -t tmpfs none /mnt 2>&1; newgrp root </dev/null 2>&1; id -u; echo end',
    );
    expect(r.stdout).toMatch(/\n65534\nend\n$/);
    expect(r.stdout).not.toMatch(/uid=0/);
  });

  it('ptrace of a sibling process is refused', async () => {
    const r = await sh('sleep 5 & strace -p $! -e trace=none 2>&1 | head -2; kill %1; echo end');
    expect(r.stdout).toMatch(/Operation not permitted/);
  });

  it('TCP connect to a listener on the host loopback: the sandbox has its own loopback', async () => {
    const before = connections;
    const r = await runSandboxed({
      command: ['/bin/bash', '-c', `(echo hi > /dev/tcp/127.0.0.1/${listenerPort}) 2>&1; echo end`],
      network: { allow: ['example.com'] },
    });
    expect(r.stdout).toMatch(/refused|not supported/i);
    expect(connections).toBe(before);
  });

  it('raw, netlink and packet sockets with the network off', async () => {
    const r = await sh(
      `perl -MSocket -e 'for ([AF_INET, SOCK_RAW, 1], [AF_NETLINK, SOCK_RAW, 0], [17, SOCK_RAW, 0], [AF_INET6, SOCK_DGRAM, 0]) { socket(my $s, $_->[0], $_->[1], $_->[2]) ? print "OPENED $_->[0]\\n" : print "refused $_->[0]: $!\\n" }'`,
    );
    expect(r.stdout).not.toContain('OPENED');
    expect(r.stdout.match(/refused/g)).toHaveLength(4);
  });

  it('DNS lookups go nowhere without the network', async () => {
    const r = await sh('getent hosts example.com; echo "rc=$?"; cat /etc/resolv.conf 2>&1');
    expect(r.stdout).toMatch(/rc=2/);
    expect(r.stdout).toMatch(/No such file/);
  });

  it('unshare and nested user namespaces are refused', async () => {
    const r = await sh('unshare -U -r id 2>&1; unshare -n true 2>&1; echo end');
    expect(r.stdout).not.toMatch(/uid=0/);
    expect(r.stdout).toMatch(/Operation not permitted|No space left|Invalid argument/);
  });

  it('orphans do not outlive the sandbox', async () => {
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.5`;
    const r = await sh(
      `setsid sleep ${marker} & nohup sleep ${marker} >/dev/null 2>&1 & disown -a; echo started`,
    );
    expect(r.stdout).toBe('started\n');
    await new Promise((res) => setTimeout(res, 200));
    expect(hostProcesses(`sleep ${marker}`)).toEqual([]);
  });

  it('TIOCSTI cannot push keystrokes into a terminal (own session, and the ioctl is filtered)', async () => {
    const r = await sh(
      `perl -e 'require "sys/ioctl.ph"; my $c = "x"; ioctl(STDIN, 0x5412, $c) ? print "PUSHED\\n" : print "refused: $!\\n"' < /dev/tty 2>&1; echo end`,
    );
    expect(r.stdout).not.toContain('PUSHED');
  });

  it('a host file stays unchanged after all of the above', () => {
    expect(readFileSync(outside, 'utf8')).toBe('host data\n');
  });
});
