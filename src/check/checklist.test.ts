import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { compilePolicy } from '../policy/policy.js';
import { runChecklist } from './checklist.js';

async function findingsFor(config: Record<string, unknown>) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'warden-check-')));
  mkdirSync(join(dir, 'ws'));
  const loaded = loadConfig({ config, baseDir: dir });
  const policy = await compilePolicy(loaded);
  return runChecklist(
    loaded,
    policy.agents.map((a) => policy.profile(a)!),
  );
}

const SAFE = {
  name: 'safe',
  workspace: './ws',
  tools: { allow: ['fs.read', 'fs.write'] },
  files: { read: ['./ws'], write: ['./ws'] },
  approval: { require: ['fs.write'] },
  limits: { maxToolCalls: 10, rate: '10/min' },
};

describe('runChecklist', () => {
  it('finds nothing to say about a tight profile with audit', async () => {
    const findings = await findingsFor({
      version: 1,
      agents: [SAFE],
      audit: { store: 'sqlite:./a.db', signingKey: '${K:-x}' },
    });
    expect(findings).toEqual([]);
  });

  it('flags a missing audit log, missing limits and unapproved state-changing tools', async () => {
    const findings = await findingsFor({
      version: 1,
      agents: [{ name: 'loose', tools: { allow: ['fs.*', 'github.delete_repo'] } }],
    });
    const ids = findings.map((f) => f.id);
    expect(ids).toContain('audit.missing');
    expect(ids).toContain('limits.missing');
    const unapproved = findings.filter((f) => f.id === 'approval.missing').map((f) => f.message);
    expect(unapproved.some((m) => m.includes('"fs.write"'))).toBe(true);
    expect(unapproved.some((m) => m.includes('"github.delete_repo"'))).toBe(true);
    expect(findings.every((f) => f.severity !== 'error')).toBe(true);
  });

  it('makes a write scope over / or a home directory an error', async () => {
    for (const write of ['/', '/root', '/home']) {
      const findings = await findingsFor({
        version: 1,
        agents: [{ ...SAFE, files: { read: ['./ws'], write: [write] } }],
      });
      expect(findings.find((f) => f.id === 'files.write-too-broad')?.severity, write).toBe('error');
    }
  });

  it('flags code execution, allow-all and unpinned npx servers', async () => {
    const findings = await findingsFor({
      version: 1,
      agents: [{ ...SAFE, tools: { allow: ['*', 'code.execute', 'sandbox.execute_code'] } }],
      servers: {
        fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
        pinned: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '/tmp'] },
      },
    });
    const ids = findings.map((f) => f.id);
    expect(ids).toContain('tools.allow-all');
    expect(findings.filter((f) => f.id === 'tools.code-execution').map((f) => f.message)).toEqual([
      expect.stringContaining('"code.execute"'),
      expect.stringContaining('"sandbox.execute_code"'),
    ]);
    expect(findings.filter((f) => f.id === 'servers.unpinned-npx').map((f) => f.path)).toEqual([
      'servers.fs',
    ]);
  });

  it('reports literal secrets as warnings without repeating the secret', async () => {
    const fake = `ghp_${'a1B2c3D4'.repeat(5)}`;
    const findings = await findingsFor({
      version: 1,
      agents: [SAFE],
      audit: { store: 'sqlite:x', signingKey: fake },
    });
    const secret = findings.find((f) => f.id === 'config.literal-secret');
    expect(secret).toMatchObject({ severity: 'warning', path: 'audit.signingKey' });
    expect(JSON.stringify(findings)).not.toContain(fake);
  });

  it("treats any user's home directory as too broad to write, not just the current one", async () => {
    const findings = await findingsFor({
      version: 1,
      agents: [{ ...SAFE, files: { read: ['./ws'], write: ['/home/alice'] } }],
    });
    expect(findings.find((f) => f.id === 'files.write-too-broad')?.severity).toBe('error');
    const project = await findingsFor({
      version: 1,
      agents: [{ ...SAFE, files: { read: ['./ws'], write: ['/home/alice/project'] } }],
    });
    expect(project.find((f) => f.id === 'files.write-too-broad')).toBeUndefined();
  });

  it('flags arguments exempted from checks with type: none', async () => {
    const findings = await findingsFor({
      version: 1,
      agents: [
        {
          ...SAFE,
          tools: { allow: ['fs.read', 'x.*'], rules: { 'x.*': { args: { path: { type: 'none' } } } } },
        },
      ],
    });
    expect(findings.find((f) => f.id === 'args.check-disabled')?.path).toBe('tools.rules["x.*"].args.path');
  });
});
