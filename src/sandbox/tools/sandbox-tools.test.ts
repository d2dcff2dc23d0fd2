// shell.run and code.execute: the policy decides, the sandbox runs, and egress attempts made from
// inside end up in the guard's audit log.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, type Warden } from '../../guard/warden.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import { SandboxError } from '../sandbox-error.js';
import { createCodeExecute, createShellRun } from './index.js';

const base = mkdtempSync(join(tmpdir(), 'warden-sbtools-'));
const ws = join(base, 'ws');
const out = join(ws, 'out');
mkdirSync(out, { recursive: true });
writeFileSync(join(ws, 'notes.txt'), 'workspace notes\n');

let server: Server;
let port = 0;
let warden: Warden;
let store: MemoryStore;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('upstream says hi\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  store = new MemoryStore();
  warden = await createWarden({
    config: {
      version: 1,
      agents: [
        {
          name: 'coder',
          workspace: './ws',
          tools: { allow: ['shell.run', 'code.execute'] },
          files: { read: ['./ws'], write: ['./ws/out'] },
          commands: { allow: ['cat', 'echo', 'ls', 'rm'] },
        },
      ],
    },
    baseDir: base,
    store,
  });
});
afterAll(async () => {
  await warden.close();
  server.close();
});

const network = () => ({
  allow: [`allowed.test:${port}`],
  lookup: async (host: string) => (host === 'allowed.test' ? [{ address: '127.0.0.1', family: 4 }] : []),
  isAddressAllowed: (ip: string) => ip === '127.0.0.1',
});

describe('shell.run', () => {
  const shell = createShellRun({ workspace: ws, read: [ws], write: [out], limits: { timeoutMs: 10_000 } });

  it('runs an allowed command in the workspace, through the guard', async () => {
    const run = warden.guard({ agent: 'coder', session: 'sh1' }).wrap('shell.run', shell['shell.run']);
    const r = await run({ command: 'cat notes.txt && echo done > out/log.txt' });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'workspace notes\n' });
    expect(readFileSync(join(out, 'log.txt'), 'utf8')).toBe('done\n');
  });

  it('is refused by the policy before anything runs (program not allowed)', async () => {
    const run = warden.guard({ agent: 'coder', session: 'sh2' }).wrap('shell.run', shell['shell.run']);
    await expect(run({ command: 'curl http://evil.example/' })).rejects.toMatchObject({ code: 'DENIED' });
  });

  it('cannot write outside the write scope even where the policy allowed the program', async () => {
    const e = await shell['shell.run']({ command: 'echo x > notes.txt' }).catch((error: unknown) => error);
    expect(SandboxError.isInstance(e) && e.reason).toBe('denied-path');
    expect(readFileSync(join(ws, 'notes.txt'), 'utf8')).toBe('workspace notes\n');
  });

  it('reports every egress attempt, allowed and refused, to the context', async () => {
    const withNet = createShellRun({
      workspace: ws,
      read: [ws],
      network: network(),
      limits: { timeoutMs: 20_000 },
    });
    const events: SandboxEgressEvent[] = [];
    const r = await withNet['shell.run'](
      { command: `curl -sS http://allowed.test:${port}/; curl -sS http://blocked.test/ || true` },
      { report: ({ kind: _kind, ...e }) => events.push(e) },
    );
    expect(r.stdout).toContain('upstream says hi');
    expect(events.map((e) => [e.host, e.allowed])).toEqual([
      ['allowed.test', true],
      ['blocked.test', false],
    ]);
  });
});

describe('code.execute', () => {
  const code = createCodeExecute({ process: { limits: { timeoutMs: 10_000 } } });

  it('runs JavaScript in the isolate with its input', async () => {
    const r = await code['code.execute']({
      language: 'javascript',
      code: 'return input.a * 2',
      input: { a: 21 },
    });
    expect(r).toEqual({ language: 'javascript', value: 42, logs: [] });
  });

  it('runs Python and sh in the process sandbox, the code on stdin and the input as WARDEN_INPUT', async () => {
    const py = await code['code.execute']({
      language: 'python',
      code: 'import json, os\nprint(json.loads(os.environ["WARDEN_INPUT"])["n"] + 1)',
      input: { n: 1 },
    });
    expect(py).toMatchObject({ language: 'python', exitCode: 0, stdout: '2\n' });
    const sh = await code['code.execute']({ language: 'sh', code: 'id -u; ls /root 2>&1 | head -1' });
    expect(sh).toMatchObject({ exitCode: 0 });
    expect((sh as { stdout: string }).stdout).toMatch(/^65534\n.*No such file/);
  });

  it('refuses a language it was not built for, naming the argument', async () => {
    const jsOnly = createCodeExecute({ languages: ['javascript'] });
    await expect(jsOnly['code.execute']({ language: 'python', code: 'print(1)' })).rejects.toThrow(
      /language/,
    );
  });

  it('runs through the guard, and a sandbox egress report becomes an audit record', async () => {
    const guard = warden.guard({ agent: 'coder', session: 'ce1' });
    const events: unknown[] = [];
    const off = warden.on('egress', (e) => events.push(e));
    const exec = guard.wrap('code.execute', async (args: { language: string; code: string }, context) => {
      context.report({
        kind: 'egress',
        host: 'blocked.test',
        port: 443,
        protocol: 'connect',
        allowed: false,
        reason: 'not-allowlisted',
      });
      return code['code.execute'](args, context);
    });
    const r = await exec({ language: 'javascript', code: 'return 1' });
    off();
    expect(r).toMatchObject({ value: 1 });
    expect(events).toEqual([
      expect.objectContaining({
        agent: 'coder',
        session: 'ce1',
        tool: 'code.execute',
        host: 'blocked.test',
        allowed: false,
      }),
    ]);
    const record = store.audit.recordList.find((rec) => rec.kind === 'egress');
    expect(record).toMatchObject({
      agent: 'coder',
      session: 'ce1',
      tool: 'code.execute',
      data: { host: 'blocked.test', allowed: false },
    });
  });
});
