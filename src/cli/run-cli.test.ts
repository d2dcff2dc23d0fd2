import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../config/schema.js';
import { runCli } from './run-cli.js';

const CONFIG = `version: 1
agents:
  - name: researcher
    workspace: ./ws
    tools: { allow: ["fs.*", http.fetch, shell.run], deny: [code.execute] }
    files: { read: [./ws], write: [./ws/out] }
    network: { allow: [api.example.com] }
    commands: { allow: ["ls", "git status"] }
    approval: { require: [fs.write] }
    limits: { maxToolCalls: 50 }
`;

function project(config = CONFIG): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'warden-cli-')));
  mkdirSync(join(dir, 'ws', 'out'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'notes.txt'), 'hi\n');
  writeFileSync(join(dir, 'warden.yaml'), config);
  return dir;
}

async function cli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

describe('warden policy eval', () => {
  it('prints exactly one JSON object with --json and exits 0 on deny', async () => {
    const dir = project();
    const r = await cli(
      [
        'policy',
        'eval',
        '--agent',
        'researcher',
        '--tool',
        'fs.read',
        '--args',
        '{"path":"../../etc/passwd"}',
        '--json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['effect', 'reasons']);
    expect(out.effect).toBe('deny');
    expect(out.reasons.map((x: { rule: string }) => x.rule)).toContain('paths.outside-scope');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints a human decision without --json', async () => {
    const r = await cli(
      [
        'policy',
        'eval',
        '--config',
        'warden.yaml',
        '--agent',
        'researcher',
        '--tool',
        'fs.write',
        '--args',
        '{"path":"out/a","content":"x"}',
      ],
      project(),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ASK fs\.write\n/);
    expect(r.stdout).toContain('approval.require');
  });

  it('decides a JSONL file line by line, in order', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'calls.jsonl'),
      [
        '{"tool":"fs.read","args":{"path":"notes.txt"}}',
        '',
        '{"tool":"shell.run","args":{"command":"ls $(id)"}}',
        '{"tool":"code.execute"}',
      ].join('\n'),
    );
    const r = await cli(['policy', 'eval', '--agent', 'researcher', '--jsonl', 'calls.jsonl'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.effect)).toEqual(['allow', 'deny', 'deny']);
  });

  it('exits 2 on a malformed JSONL line without printing any decision', async () => {
    const dir = project();
    writeFileSync(join(dir, 'calls.jsonl'), '{"tool":"fs.read","args":{"path":"notes.txt"}}\n{"tool":\n');
    const r = await cli(['policy', 'eval', '--agent', 'researcher', '--jsonl', 'calls.jsonl'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('calls.jsonl:2');
  });

  it.each([
    [
      ['policy', 'eval', '--agent', 'researcher', '--tool', 'fs.read', '--args', '{bad'],
      '--args is not valid JSON',
    ],
    [
      ['policy', 'eval', '--agent', 'researcher', '--tool', 'fs.read', '--args', '[1]'],
      '--args must be a JSON object',
    ],
    [['policy', 'eval', '--tool', 'fs.read'], 'missing --agent'],
    [['policy', 'eval', '--agent', 'researcher'], 'missing --tool'],
    [['policy', 'eval', '--agent', 'nobody', '--tool', 'fs.read'], 'no such agent'],
    [['policy', 'eval', '--agent', 'researcher', '--tool', 'fs.read', '--bogus'], "Unknown option '--bogus'"],
    [
      ['policy', 'eval', '--config', 'missing.yaml', '--agent', 'researcher', '--tool', 'fs.read'],
      'CONFIG_NOT_FOUND',
    ],
  ])('exits 2 with a clear message on bad input %j', async (argv, message) => {
    const r = await cli(argv, project());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('exits 2 on an invalid config, naming file, line and key', async () => {
    const dir = project('version: 1\nagents:\n  - name: a\n    tools: { forbiddenTools: [x] }\n');
    const r = await cli(['policy', 'eval', '--agent', 'a', '--tool', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/warden\.yaml:4:\d+: error: agents\[0\]\.tools\.forbiddenTools: unknown key/);
  });
});

describe('warden check', () => {
  it('exits 0 with warnings only, and prints JSON findings', async () => {
    const r = await cli(['check', '--json'], project());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.findings.map((f: { id: string }) => f.id)).toContain('audit.missing');
  });

  it('exits 1 on an error-level finding', async () => {
    const dir = project(CONFIG.replace('write: [./ws/out]', 'write: [/]'));
    const r = await cli(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('files.write-too-broad');
  });

  it('exits 1 listing every validation problem of an invalid config', async () => {
    const dir = project(
      'version: 1\nagents:\n  - name: a\n    tools: { alow: [x] }\n    limits: { rate: fast }\n',
    );
    const r = await cli(['check', '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { path: string }) => f.path).sort()).toEqual([
      'agents[0].limits.rate',
      'agents[0].tools.alow',
    ]);
  });

  it('exits 2 when the config cannot be read', async () => {
    expect((await cli(['check', '--config', 'nope.yaml'], project())).code).toBe(2);
  });
});

describe('warden', () => {
  it('prints help with the exit codes, and per-command help', async () => {
    const r = await cli(['--help'], project());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes');
    expect((await cli(['policy', 'eval', '--help'], project())).stdout).toContain('--jsonl FILE');
    expect((await cli(['check', '--help'], project())).stdout).toContain('checklist');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await cli(['polcy'], project());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "polcy"');
  });

  it('prints the JSON Schema, identical to the committed schema file', async () => {
    const r = await cli(['schema'], project());
    expect(JSON.parse(r.stdout)).toEqual(configJsonSchema());
    const committed = new URL('../../schema/warden.schema.json', import.meta.url);
    expect(existsSync(committed)).toBe(true);
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(configJsonSchema());
  });

  it('runs as a real process from the built bin', () => {
    const bin = new URL('../../dist/cli/main.js', import.meta.url);
    expect(existsSync(bin), 'run `npm run build` first (npm test does)').toBe(true);
    const dir = project();
    const r = spawnSync(
      process.execPath,
      [
        bin.pathname,
        'policy',
        'eval',
        '--agent',
        'researcher',
        '--tool',
        'shell.run',
        '--args',
        '{"command":"git status"}',
        '--json',
      ],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).effect).toBe('allow');
  });
});
