import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { createWarden } from '../guard/warden.js';
import { runCli } from './run-cli.js';

const CONFIG = `version: 1
agents:
  - name: bot
    workspace: ./ws
    tools: { allow: ["fs.*", slow.op] }
    files: { read: [./ws], write: [./ws/out] }
    approval: { require: [{ tool: fs.write, timeout: 20s }] }
audit: { store: "sqlite:./state/warden.db" }
`;

function deployment(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'warden-runtime-cli-')));
  mkdirSync(join(dir, 'ws', 'out'), { recursive: true });
  mkdirSync(join(dir, 'state'));
  writeFileSync(join(dir, 'ws', 'notes.txt'), 'hi\n');
  writeFileSync(join(dir, 'warden.yaml'), CONFIG);
  return dir;
}

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('warden audit', () => {
  it('verifies an intact log, names the first tampered record, and exports JSONL that verifies alone', async () => {
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {} });
    const read = warden.guard({ agent: 'bot', session: 's' }).wrap('fs.read', () => 'x');
    await read({ path: 'notes.txt' });
    await read({ path: 'notes.txt' });
    await warden.close();

    expect(await cli(['audit', 'verify'], dir)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('ok: 5 records'),
    });
    const exported = await cli(['audit', 'export'], dir);
    writeFileSync(join(dir, 'audit.jsonl'), exported.stdout);
    writeFileSync(join(dir, 'audit.pub'), (await cli(['audit', 'public-key'], dir)).stdout);
    expect(
      (await cli(['audit', 'verify', '--jsonl', 'audit.jsonl', '--public-key', 'audit.pub'], dir)).code,
    ).toBe(0);

    const tamperedLines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').replace(
      '"effect":"allow"',
      '"effect":"deny"',
    );
    writeFileSync(join(dir, 'tampered.jsonl'), tamperedLines);
    const bad = await cli(
      ['audit', 'verify', '--jsonl', 'tampered.jsonl', '--public-key', 'audit.pub', '--json'],
      dir,
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, seq: 2 });

    const db = new Database(join(dir, 'state', 'warden.db'));
    db.prepare('DELETE FROM audit_records WHERE seq = 3').run();
    db.close();
    expect(await cli(['audit', 'verify', '--db', 'state/warden.db'], dir)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('TAMPERED at seq 3'),
    });
  });

  it('exits 2 on bad input', async () => {
    const dir = deployment();
    expect((await cli(['audit', 'verify', '--jsonl', 'nope.jsonl'], dir)).code).toBe(2);
    expect((await cli(['audit', 'verify', '--db', 'missing.db'], dir)).code).toBe(2);
    expect((await cli(['audit', 'frobnicate'], dir)).code).toBe(2);
  });
});

describe('warden kill / revive', () => {
  it('kills a session of a running Warden from another "process" and revives it', async () => {
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {}, killPollMs: 20 });
    const guard = warden.guard({ agent: 'bot', session: 's1' });
    const slow = guard.wrap(
      'slow.op',
      (_a, { signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const running = slow({}).catch((e: WardenError) => e.code);
    await sleep(20);
    expect(await cli(['kill', '--session', 's1', '--reason', 'incident'], dir)).toMatchObject({ code: 0 });
    expect(await running).toBe(WardenErrorCode.Killed);
    expect(await cli(['revive', '--session', 's1'], dir)).toMatchObject({
      code: 0,
      stdout: 'revived session:s1\n',
    });
    await sleep(60);
    expect(await guard.wrap('fs.read', () => 'ok')({ path: 'notes.txt' })).toBe('ok');
    await warden.close();
    expect((await cli(['kill', '--agent', 'bot'], dir)).stderr).toContain('missing --reason');
    expect((await cli(['kill', '--all', '--agent', 'bot', '--reason', 'x'], dir)).code).toBe(2);
  });
});

describe('a second process', () => {
  it('kills an in-flight call through the shared database within a second', async () => {
    const bin = new URL('../../dist/cli/main.js', import.meta.url);
    expect(existsSync(bin), 'run `npm run build` first (npm test does)').toBe(true);
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {} });
    const slow = warden
      .guard({ agent: 'bot', session: 'remote' })
      .wrap(
        'slow.op',
        (_a, { signal }) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      );
    const running = slow({}).catch((e: WardenError) => e.code);
    const killedAt = Date.now();
    const r = spawnSync(
      process.execPath,
      [bin.pathname, 'kill', '--session', 'remote', '--reason', 'from process 2'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(await running).toBe(WardenErrorCode.Killed);
    expect(Date.now() - killedAt).toBeLessThan(1000 + 1000); // the CLI's own start-up, plus < 1 s
    await warden.close();
  });
});

describe('warden audit tail', () => {
  it('prints the last N records', async () => {
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {} });
    await warden.guard({ agent: 'bot' }).wrap('fs.read', () => 'x')({ path: 'notes.txt' });
    await warden.close();
    const r = await cli(['audit', 'tail', '-n', '2'], dir);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; kind: string });
    expect(lines.map((l) => l.kind)).toEqual(['decision', 'execution']);
    expect(lines[1]!.seq).toBe(lines[0]!.seq + 1);
  });
});

describe('warden approvals', () => {
  it('lists a pending request and approves it from another terminal; a second answer is refused', async () => {
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {} });
    const write = warden.guard({ agent: 'bot', session: 's' }).wrap('fs.write', () => 'written');
    const pending = write({ path: 'out/a.txt', content: 'hello' });
    await sleep(50);
    const listed = await cli(['approvals', 'list', '--json'], dir);
    const [request] = JSON.parse(listed.stdout) as { id: string; tool: string; args: unknown }[];
    expect(request).toMatchObject({ tool: 'fs.write', args: { path: 'out/a.txt', content: 'hello' } });
    expect(await cli(['approvals', 'approve', request!.id, '--reason', 'looks fine'], dir)).toMatchObject({
      code: 0,
    });
    expect(await pending).toBe('written');
    const again = await cli(['approvals', 'deny', request!.id], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is used, not pending');
    await warden.close();
  });

  it('denies through the CLI', async () => {
    const dir = deployment();
    const warden = await createWarden({ configFile: join(dir, 'warden.yaml'), env: {} });
    const pending = warden
      .guard({ agent: 'bot' })
      .wrap(
        'fs.write',
        () => 'written',
      )({ path: 'out/b.txt', content: 'x' })
      .catch((e: WardenError) => e.code);
    await sleep(50);
    const [request] = JSON.parse((await cli(['approvals', 'list', '--json'], dir)).stdout) as {
      id: string;
    }[];
    expect((await cli(['approvals', 'deny', request!.id, '--reason', 'no'], dir)).code).toBe(0);
    expect(await pending).toBe(WardenErrorCode.ApprovalDenied);
    await warden.close();
  });
});
