import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMatchDotDirs, expandGlob, segmentRegex } from './glob-check.js';

describe('glob segments', () => {
  it('match at least what bash matches', () => {
    expect(segmentRegex('*.ts').test('a.ts')).toBe(true);
    expect(segmentRegex('a?c').test('abc')).toBe(true);
    expect(segmentRegex('[ab]c').test('bc')).toBe(true);
    expect(segmentRegex('[!.]x').test('.x')).toBe(false);
    expect(segmentRegex('[[:alpha:]]x').test('.x')).toBe(true); // classes are widened
    expect(segmentRegex('\\*').test('*')).toBe(true);
    expect(segmentRegex('\\*').test('a')).toBe(false);
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
    expect(expandGlob(dir, ['src', '*.ts'], 10).sort()).toEqual([join(dir, 'src/a.ts'), join(dir, 'src/b.ts')]);
    expect(expandGlob(dir, ['src', '.*'], 10)).toEqual([join(dir, 'src/.hidden.ts')]);
    expect(expandGlob(dir, ['*', '*'], 2)).toHaveLength(3); // limit + 1: the caller refuses
    expect(expandGlob(join(dir, 'missing'), ['*'], 10)).toEqual([]);
  });
});
