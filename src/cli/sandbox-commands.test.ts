import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

const dir = () => mkdtempSync(join(tmpdir(), 'warden-sandbox-cli-'));

describe('warden sandbox run', () => {
  it("runs the command in the sandbox and exits with the command's own code", async () => {
    const d = dir();
    mkdirSync(join(d, 'out'));
    writeFileSync(join(d, 'in.txt'), 'input\n');
    const r = await cli(
      [
        'sandbox',
        'run',
        '--read',
        '.',
        '--write',
        'out',
        '--env',
        'GREETING=hi',
        '--',
        '/bin/sh',
        '-c',
        'cat in.txt; echo "$GREETING" > out/o.txt; id -u; exit 7',
      ],
      d,
    );
    expect(r).toMatchObject({ code: 7, stdout: 'input\n65534\n' });
    expect(readFileSync(join(d, 'out', 'o.txt'), 'utf8')).toBe('hi\n');
  });

  it('passes a variable from the environment only when named', async () => {
    const d = dir();
    const r = await cli(['sandbox', 'run', '--env', 'KEEP', '--', '/usr/bin/env'], d, {
      KEEP: 'yes',
      DROP: 'fake-secret',
    });
    expect(r.stdout).toContain('KEEP=yes');
    expect(r.stdout).not.toContain('fake-secret');
  });

  it('exits 124 at the timeout and 125 at another limit, naming it in one line', async () => {
    const d = dir();
    const t = await cli(['sandbox', 'run', '--timeout', '300ms', '--', '/bin/sleep', '10'], d);
    expect(t.code).toBe(124);
    expect(t.stderr).toMatch(/^warden sandbox: timeout: .*300 ms.*\n$/);
    const m = await cli(
      ['sandbox', 'run', '--max-procs', '16', '--', '/bin/bash', '-c', ':(){ :|:& };:; sleep 1'],
      d,
    );
    expect(m.code).toBe(125);
    expect(m.stderr).toMatch(/warden sandbox: process-limit: /);
    const f = await cli(
      [
        'sandbox',
        'run',
        '--write',
        '.',
        '--file-size',
        '64K',
        '--',
        '/bin/sh',
        '-c',
        'head -c 1000000 /dev/zero > big',
      ],
      d,
    );
    expect(f.code).toBe(125);
    expect(f.stderr).toMatch(/file-size/);
  });

  it('exits 2 on bad options before running anything', async () => {
    const d = dir();
    expect((await cli(['sandbox', 'run', '--memory', 'lots', '--', '/bin/true'], d)).code).toBe(2);
    expect((await cli(['sandbox', 'run', '--read', 'missing-dir', '--', '/bin/true'], d)).stderr).toMatch(
      /read\[0\].*does not exist/,
    );
    expect((await cli(['sandbox', 'run', '--read', '.'], d)).stderr).toMatch(/give the command after "--"/);
  });
});

describe('warden sandbox js', () => {
  it('prints the completion value, awaited if a promise', async () => {
    const d = dir();
    writeFileSync(join(d, 'job.js'), 'const xs = [1, 2, 3];\nPromise.resolve(xs.map((x) => x * 2))');
    const r = await cli(['sandbox', 'js', 'job.js'], d);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, result: [2, 4, 6] });
  });

  it('prints ok:false with the error for a throw or a limit, exit 1', async () => {
    const d = dir();
    writeFileSync(join(d, 'bad.js'), 'throw new TypeError("nope")');
    writeFileSync(join(d, 'loop.js'), 'while (true) {}');
    const bad = await cli(['sandbox', 'js', 'bad.js'], d);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ok: false, error: expect.stringContaining('nope') });
    const loop = await cli(['sandbox', 'js', '--timeout', '200ms', 'loop.js'], d);
    expect(loop.code).toBe(1);
    expect(JSON.parse(loop.stdout)).toEqual({ ok: false, error: expect.stringMatching(/time limit/) });
  });

  it('reads the script from standard input in the real CLI', () => {
    const main = join(process.cwd(), 'dist', 'cli', 'main.js');
    if (!existsSync(main)) throw new Error('run npm run build first (npm test does)');
    const r = spawnSync(process.execPath, [main, 'sandbox', 'js', '-'], { input: '6 * 7', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, result: 42 });
  });
});
