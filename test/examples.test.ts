import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecklist } from '../src/check/checklist.js';
import { loadConfig } from '../src/config/load-config.js';
import { compilePolicy } from '../src/policy/policy.js';

const EXAMPLE = fileURLToPath(new URL('../examples/warden.yaml', import.meta.url));

describe('examples/warden.yaml', () => {
  it('validates, and the checklist finds no error-level risk', async () => {
    const loaded = loadConfig({ configFile: EXAMPLE, env: {} });
    const policy = await compilePolicy(loaded);
    expect(policy.agents).toEqual(['researcher', 'reviewer']);
    const findings = runChecklist(
      loaded,
      policy.agents.map((a) => policy.profile(a)!),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('lets the reviewer propose only well-formed comments on acme repositories, each approved by a human', async () => {
    const policy = await compilePolicy(loadConfig({ configFile: EXAMPLE, env: {} }));
    const comment = (args: Record<string, unknown>) =>
      policy.decide({ agent: 'reviewer', tool: 'github.create_review_comment', args });
    expect(comment({ repo: 'acme/app', number: 7, body: 'nit' }).effect).toBe('ask');
    expect(comment({ repo: 'evil/app', number: 7, body: 'nit' }).effect).toBe('deny');
    expect(comment({ repo: 'acme/app', number: 7, body: 'nit', assignee: 'x' }).effect).toBe('deny');
    expect(comment({ repo: 'acme/app', number: '7', body: 'nit' }).effect).toBe('deny');
    expect(
      policy.decide({ agent: 'reviewer', tool: 'fs.write', args: { path: 'a', content: 'x' } }).effect,
    ).toBe('deny');
  });
});

describe('examples/guarded-tools.mjs', () => {
  it('runs and shows each guard behaviour', () => {
    expect(
      existsSync(new URL('../dist/index.js', import.meta.url)),
      'run `npm run build` first (npm test does)',
    ).toBe(true);
    const script = fileURLToPath(new URL('../examples/guarded-tools.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('ok      read notes.txt');
    expect(r.stdout).toContain('refused read ../../../../etc/passwd: DENIED');
    expect(r.stdout).toContain('ok      write out/summary.md (approved)');
    expect(r.stdout).toContain('refused report.build, killed while running: KILLED');
    expect(r.stdout).toContain('5 allowed (5/s)');
    expect(r.stdout).toMatch(/audit {3}\d+ records, chain and \d+ signed checkpoint\(s\) verify/);
  });
});
