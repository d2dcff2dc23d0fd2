import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommandWith } from './check-command.js';
import { checkCommand, compileCommandPolicy, initShellParser } from './index.js';
import { ParseCache } from './parse-cache.js';
import { makeSandbox } from './test-support/sandbox.js';

describe('parse cache', () => {
  const sandbox = makeSandbox();
  const policy = compileCommandPolicy(['cat', 'ls', 'grep', 'git log']);
  beforeAll(initShellParser);

  it('re-checks the filesystem on every call: a symlink planted after the first check is caught', () => {
    const file = join(sandbox.ws, 'later.txt');
    writeFileSync(file, 'fine\n');
    const command = 'cat later.txt | grep fine > out/result.txt';
    expect(checkCommand(policy, command, { scope: sandbox.scope })).toEqual([]);
    unlinkSync(file);
    symlinkSync(join(sandbox.outside, 'secret.txt'), file);
    const second = checkCommand(policy, command, { scope: sandbox.scope });
    expect(second.length).toBeGreaterThan(0);
    expect(second.map((r) => r.rule)).toContain('commands.paths.outside-scope');
  });

  it('gives the same reasons cached, uncached and on a repeat', () => {
    for (const command of [
      'ls $(id)',
      "git log --format='%h' | grep x",
      'cat <(ls)',
      'ls; rm -rf /',
      'ls \\',
    ]) {
      const uncached = checkCommandWith(policy, command, { scope: sandbox.scope }, { fastPath: false }).map(
        (r) => r.rule,
      );
      const first = checkCommand(policy, command, { scope: sandbox.scope }).map((r) => r.rule);
      const again = checkCommand(policy, command, { scope: sandbox.scope }).map((r) => r.rule);
      expect(again).toEqual(first);
      expect(first.length > 0).toBe(uncached.length > 0);
    }
  });

  it('hands out frozen entries and evicts the oldest when full', () => {
    const cache = new ParseCache();
    cache.set('a', { line: undefined, reasons: [{ rule: 'commands.x', effect: 'deny', message: 'm' }] });
    const hit = cache.get('a')!;
    expect(Object.isFrozen(hit.reasons)).toBe(true);
    expect(() => (hit.reasons as unknown[]).push(1)).toThrow(TypeError);
    for (let i = 0; i < 600; i++) cache.set(`c${i}`, { line: undefined, reasons: [] });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c599')).toBeDefined();
    cache.set('x'.repeat(2000), { line: undefined, reasons: [] });
    expect(cache.get('x'.repeat(2000))).toBeUndefined();
  });
});
