import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMatchDotDirs, compileSegment, expandGlob, matchSegment } from './glob-check.js';

describe('glob segments', () => {
  const matches = (segment: string, name: string): boolean => matchSegment(compileSegment(segment), name);

  it('match at least what bash matches', () => {
    expect(matches('*.ts', 'a.ts')).toBe(true);
    expect(matches('*.ts', 'a.tsx')).toBe(false);
    expect(matches('a?c', 'abc')).toBe(true);
    expect(matches('?', '😀')).toBe(true); // one character, not one UTF-16 unit
    expect(matches('[ab]c', 'bc')).toBe(true);
    expect(matches('[a-c]x', 'dx')).toBe(false);
    expect(matches('[!.]x', '.x')).toBe(false);
    expect(matches('[[:alpha:]]x', '.x')).toBe(true); // classes are widened
    expect(matches('\\*', '*')).toBe(true);
    expect(matches('\\*', 'a')).toBe(false);
    expect(matches('*a*b', 'xaxxb')).toBe(true);
  });

  it('match in linear time where a backtracking RegExp would hang', () => {
    const started = Date.now();
    expect(matches(`${'*a'.repeat(40)}b`, 'a'.repeat(255))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('know which patterns can match . or ..', () => {
    expect(canMatchDotDirs('*')).toBe(false);
    expect(canMatchDotDirs('.*')).toBe(true);
    expect(canMatchDotDirs('.?')).toBe(true);
    expect(canMatchDotDirs('.[!.]*')).toBe(false);
    expect(canMatchDotDirs('.[^.]*')).toBe(false);
  });
});

describe('expandGlob', () => {
  it('expands like bash: no dotfiles unless asked, limited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-glob-'));
    mkdirSync(join(dir, 'src'));
    for (const f of ['a.ts', 'b.ts', '.hidden.ts', 'c.js']) writeFileSync(join(dir, 'src', f), '');
    expect(expandGlob(dir, ['src', '*.ts'], 10).sort()).toEqual([
      join(dir, 'src/a.ts'),
      join(dir, 'src/b.ts'),
    ]);
    expect(expandGlob(dir, ['src', '.*'], 10)).toEqual([join(dir, 'src/.hidden.ts')]);
    expect(expandGlob(dir, ['*', '*'], 2)).toHaveLength(3); // limit + 1: the caller refuses
    expect(expandGlob(join(dir, 'missing'), ['*'], 10)).toEqual([]);
  });
});
