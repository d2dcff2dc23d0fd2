import { describe, expect, it } from 'vitest';
import { compileCommandPolicy, matchAllowed, matchDenied } from './command-policy.js';

describe('compileCommandPolicy', () => {
  it('splits prefixes into words', () => {
    const policy = compileCommandPolicy(['git  status', 'ls']);
    expect(policy.allow.map((p) => p.words)).toEqual([['git', 'status'], ['ls']]);
  });

  it('throws a clear error on a malformed prefix', () => {
    expect(() => compileCommandPolicy(['ls $(id)'])).toThrow(
      /commands\.allow\[0\] "ls \$\(id\)": word "\$\(id\)"/,
    );
    expect(() => compileCommandPolicy(['ls', ''])).toThrow('commands.allow[1] is empty');
    expect(() => compileCommandPolicy(['"git" status'])).toThrow(/commands\.allow\[0\]/);
    expect(() => compileCommandPolicy(['git *'])).toThrow(/interprets/);
    expect(() => compileCommandPolicy(['if'])).toThrow(/shell keyword/);
    expect(() => compileCommandPolicy(['-rf'])).toThrow(/plain name/);
    expect(() => compileCommandPolicy([], ['rm;'])).toThrow(/commands\.deny\[0\]/);
    expect(() => compileCommandPolicy([42 as unknown as string])).toThrow(/must be a string/);
  });

  it('accepts a program given by path', () => {
    expect(compileCommandPolicy(['./scripts/test.sh --fast']).allow[0]?.words).toEqual([
      './scripts/test.sh',
      '--fast',
    ]);
  });
});

describe('matchAllowed', () => {
  const policy = compileCommandPolicy(['git status', 'git', 'ls']);

  it('matches word by word and prefers the longest prefix', () => {
    expect(matchAllowed(policy, ['git', 'status', '-s'])?.text).toBe('git status');
    expect(matchAllowed(policy, ['git', 'log'])?.text).toBe('git');
    expect(matchAllowed(policy, ['lsblk'])).toBeUndefined();
    expect(matchAllowed(compileCommandPolicy(['git status']), ['git', 'statusx'])).toBeUndefined();
  });
});

describe('matchDenied', () => {
  const policy = compileCommandPolicy(['git'], ['git push', 'rm']);

  it('matches deny words in order with anything in between', () => {
    expect(matchDenied(policy, ['git', 'push'], 'git')?.text).toBe('git push');
    expect(matchDenied(policy, ['git', '-C', '.', 'push', 'origin'], 'git')?.text).toBe('git push');
    expect(matchDenied(policy, ['git', 'pull'], 'git')).toBeUndefined();
    expect(matchDenied(policy, ['/bin/rm', 'x'], 'rm')?.text).toBe('rm');
  });
});
