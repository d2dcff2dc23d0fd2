import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { inspectConfig, loadConfig } from './load-config.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = `version: 1
agents:
  - name: researcher
    workspace: ./ws
    tools: { allow: ["fs.*", http.fetch, shell.run], deny: [code.execute] }
    files: { read: [./ws], write: [./ws/out] }
    network: { allow: [api.example.com, "*.github.com"] }
    commands: { allow: ["ls", "cat", "grep", "git status", "git log", "git diff"] }
    approval: { require: [fs.write] }
    limits: { maxToolCalls: 50, maxIterations: 10, rate: 60/min, budget: { tokens: 200000, usd: 5 } }
  - file: agents/reviewer.md
`;

const REVIEWER = `---
tools:
  allow: [fs.read]
files: { read: [./ws] }
---
Reviews pull requests. Never writes.
`;

describe('loadConfig', () => {
  it('loads the documented shape with inline and Markdown agents', () => {
    const dir = project({ 'warden.yaml': GOOD, 'agents/reviewer.md': REVIEWER });
    const loaded = loadConfig({ configFile: join(dir, 'warden.yaml') });
    expect(loaded.agents.map((a) => a.profile.name)).toEqual(['researcher', 'reviewer']);
    const reviewer = loaded.agents[1]!;
    expect(reviewer.profile.description).toBe('Reviews pull requests. Never writes.');
    expect(reviewer.file).toContain('reviewer.md');
    expect(loaded.agents[0]!.profile.limits?.rate).toBe('60/min');
  });

  it('reports every problem at once with file, line, column and a hint', () => {
    const dir = project({
      'warden.yaml': `version: 1
agents:
  - name: researcher
    tools: { allow: [fs.read], forbiddenTools: [shell.run] }
    netwrk: { allow: [api.example.com] }
    limits: { maxToolCalls: -5 }
    approval: { require: [{ tool: http.fetch, wen: { method: POST } }] }
`,
    });
    const { loaded, issues } = inspectConfig({ configFile: join(dir, 'warden.yaml') });
    expect(loaded).toBeUndefined();
    const byPath = new Map(issues.map((i) => [i.path, i]));
    const forbidden = byPath.get('agents[0].tools.forbiddenTools');
    expect(forbidden).toMatchObject({ line: 4, column: 32, severity: 'error', hint: 'use `tools.deny`' });
    expect(byPath.get('agents[0].netwrk')).toMatchObject({ line: 5, hint: 'did you mean `network`?' });
    expect(byPath.get('agents[0].limits.maxToolCalls')).toMatchObject({ line: 6 });
    expect(byPath.get('agents[0].approval.require[0].wen')).toMatchObject({
      line: 7,
      hint: 'did you mean `when`?',
    });
    expect(issues.every((i) => i.file?.endsWith('warden.yaml'))).toBe(true);
  });

  it('reports problems inside a Markdown agent against that file and line', () => {
    const dir = project({
      'warden.yaml': 'version: 1\nagents:\n  - file: agents/bad.md\n',
      'agents/bad.md': '---\nname: bad\ntools:\n  alow: [fs.read]\n---\nbody\n',
    });
    const { issues } = inspectConfig({ configFile: join(dir, 'warden.yaml') });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'tools.alow', line: 4, hint: 'did you mean `allow`?' });
    expect(issues[0]!.file).toContain('bad.md');
  });

  it('fails on a missing agent file, naming it', () => {
    const dir = project({ 'warden.yaml': 'version: 1\nagents:\n  - file: agents/missing.md\n' });
    const { issues } = inspectConfig({ configFile: join(dir, 'warden.yaml') });
    expect(issues[0]).toMatchObject({ path: 'agents[0].file', line: 3 });
    expect(issues[0]!.message).toContain('agents/missing.md');
  });

  it('rejects duplicate keys instead of silently keeping the last rule', () => {
    const dir = project({
      'warden.yaml':
        'version: 1\nagents:\n  - name: a\n    tools: { deny: [x] }\n    tools: { allow: ["*"] }\n',
    });
    expect(() => loadConfig({ configFile: join(dir, 'warden.yaml') })).toThrow(/unique|duplicate/i);
  });

  it('rejects duplicate agent names', () => {
    const { issues } = inspectConfig({ config: { version: 1, agents: [{ name: 'a' }, { name: 'a' }] } });
    expect(issues.some((i) => /defined twice/.test(i.message))).toBe(true);
  });

  it('throws a typed syntax error for malformed YAML', () => {
    const dir = project({ 'warden.yaml': 'version: 1\nagents: [\n' });
    try {
      loadConfig({ configFile: join(dir, 'warden.yaml') });
      expect.unreachable();
    } catch (error) {
      expect(WardenError.isInstance(error)).toBe(true);
      expect((error as WardenError).code).toBe(WardenErrorCode.ConfigSyntax);
      expect((error as WardenError).issues[0]!.line).toBeGreaterThan(0);
    }
  });

  it('throws CONFIG_NOT_FOUND for a missing file', () => {
    expect(() => loadConfig({ configFile: '/nonexistent/warden.yaml' })).toThrow(
      expect.objectContaining({ code: WardenErrorCode.ConfigNotFound }),
    );
  });

  it('interpolates ${ENV} after parsing, so values cannot inject YAML', () => {
    const loaded = loadConfig({
      config: {
        version: 1,
        agents: [{ name: 'a', network: { allow: ['${HOST}'] } }],
        audit: { store: 'sqlite:x', signingKey: '${KEY}' },
      },
      env: { HOST: 'api.example.com\nagents: []', KEY: 'k' },
    });
    expect(loaded.agents[0]!.profile.network?.allow).toEqual(['api.example.com\nagents: []']);
    expect(loaded.config.audit?.signingKey).toBe('k');
  });

  it('reports a missing environment variable with its location', () => {
    const dir = project({
      'warden.yaml':
        'version: 1\nagents:\n  - name: a\naudit:\n  store: sqlite:x\n  signingKey: ${NOPE_NOT_SET}\n',
    });
    try {
      loadConfig({ configFile: join(dir, 'warden.yaml'), env: {} });
      expect.unreachable();
    } catch (error) {
      expect((error as WardenError).code).toBe(WardenErrorCode.ConfigEnvMissing);
      expect((error as WardenError).issues[0]).toMatchObject({ path: 'audit.signingKey', line: 6 });
    }
  });

  it('warns about a literal secret but still loads', () => {
    const fakeKey = `AKIA${'Q'.repeat(16)}`;
    const loaded = loadConfig({
      config: {
        version: 1,
        agents: [{ name: 'a' }],
        servers: { gh: { command: 'x', env: { AWS_ACCESS_KEY_ID: fakeKey } } },
      },
    });
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatchObject({
      path: 'servers.gh.env.AWS_ACCESS_KEY_ID',
      severity: 'warning',
    });
    expect(loaded.warnings[0]!.message).not.toContain(fakeKey);
  });

  it('rejects a version other than 1 and an empty agent list', () => {
    const { issues } = inspectConfig({ config: { version: 2, agents: [] } });
    expect(issues.map((i) => i.path).sort()).toEqual(['agents', 'version']);
  });

  it('does not end Markdown frontmatter at a comment line that ends in ---', () => {
    const dir = project({
      'warden.yaml': 'version: 1\nagents:\n  - file: agents/rev.md\n',
      'agents/rev.md':
        "---\ntools:\n  allow: ['github.*']\n# ------------------- restrictions ---\n  deny: [github.delete_repo]\n---\nBody.\n",
    });
    const loaded = loadConfig({ configFile: join(dir, 'warden.yaml') });
    expect(loaded.agents[0]!.profile.tools?.deny).toEqual(['github.delete_repo']);
    expect(loaded.agents[0]!.profile.description).toBe('Body.');
  });

  it('accepts empty frontmatter and rejects a file whose frontmatter never closes', () => {
    const dir = project({
      'warden.yaml': 'version: 1\nagents:\n  - file: agents/empty.md\n  - file: agents/open.md\n',
      'agents/empty.md': '---\n---\nJust a description.\n',
      'agents/open.md': '---\nname: open\ntools: { allow: [x] }\n',
    });
    const { issues } = inspectConfig({ configFile: join(dir, 'warden.yaml') });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'agents[1].file', line: 4 });
    expect(issues[0]!.message).toContain('no YAML frontmatter');
    expect(issues[0]!.message).toContain('agents/open.md');
  });

  it('rejects keys that collide once stringified (1 and "1")', () => {
    const dir = project({
      'warden.yaml':
        'version: 1\nagents:\n  - name: a\n    tools:\n      rules:\n        1: {}\n        "1": {}\n',
    });
    expect(() => loadConfig({ configFile: join(dir, 'warden.yaml') })).toThrow(/unique|duplicate/i);
  });
});

describe('servers and gateway sections', () => {
  const yaml = (servers: string, gateway = '') =>
    `version: 1\nagents:\n  - name: a\nservers:\n${servers}\n${gateway}`;

  it("accepts the issue's example shape: a sandboxed stdio server and an HTTP server with env-sourced headers", () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-servers-'));
    const file = join(dir, 'warden.yaml');
    writeFileSync(
      file,
      yaml(
        [
          '  fs:',
          '    command: [node, ./node_modules/@modelcontextprotocol/server-filesystem/dist/index.js, ./ws]',
          '    env: [HOME]',
          '    files: { read: [./ws], write: [./ws/out] }',
          '    network: { allow: [] }',
          '  remote:',
          '    url: https://mcp.example.com/mcp',
          '    headers: { Authorization: "Bearer ${REMOTE_TOKEN}" }',
        ].join('\n'),
        [
          'gateway:',
          '  listen: 127.0.0.1:8787',
          '  auth:',
          '    apiKeys: true',
          '    jwt: { secret: "${WARDEN_JWT_SECRET}", issuer: https://issuer.example, audience: warden }',
        ].join('\n'),
      ),
    );
    const loaded = loadConfig({
      configFile: file,
      env: { REMOTE_TOKEN: 'fake-remote', WARDEN_JWT_SECRET: 'x'.repeat(40) },
    });
    expect(loaded.config.servers?.fs?.command).toEqual([
      'node',
      './node_modules/@modelcontextprotocol/server-filesystem/dist/index.js',
      './ws',
    ]);
    expect(loaded.config.servers?.remote?.headers).toEqual({ Authorization: 'Bearer fake-remote' });
    expect(loaded.config.gateway?.auth?.apiKeys).toBe(true);
  });

  it('refuses a server with both or neither of command and url, and stdio-only keys on an HTTP server', () => {
    const { issues } = inspectConfig({
      config: {
        version: 1,
        agents: [{ name: 'a' }],
        servers: {
          both: { command: ['x'], url: 'https://a.example/mcp' },
          neither: { env: ['HOME'] },
          mixed: { url: 'https://a.example/mcp', files: { read: ['./ws'] } },
          stdioHeaders: { command: ['x'], headers: { Authorization: 'Bearer ${T}' } },
        },
      },
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'servers.both',
        'servers.neither',
        'servers.mixed.files',
        'servers.stdioHeaders.headers',
      ]),
    );
  });
});
