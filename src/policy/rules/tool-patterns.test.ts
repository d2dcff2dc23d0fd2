import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileToolPatterns } from './tool-patterns.js';

describe('compileToolPatterns', () => {
  it('matches literal names exactly', () => {
    const set = compileToolPatterns(['fs.read']);
    expect(set.match('fs.read')).toBe('fs.read');
    expect(set.match('fs.readx')).toBeUndefined();
    expect(set.match('FS.READ')).toBeUndefined();
    expect(set.match('fs.rea')).toBeUndefined();
  });

  it('matches a family glob only below its prefix, not the bare prefix or a sibling family', () => {
    const set = compileToolPatterns(['github.*']);
    expect(set.match('github.create_issue')).toBe('github.*');
    expect(set.match('github.repos.list')).toBe('github.*');
    expect(set.match('github.')).toBeUndefined();
    expect(set.match('github')).toBeUndefined();
    expect(set.match('githubevil.x')).toBeUndefined();
    expect(set.match('evil.github.x')).toBeUndefined();
  });

  it('handles infix globs, ? and match-all', () => {
    expect(compileToolPatterns(['*_read']).match('files_read')).toBe('*_read');
    expect(compileToolPatterns(['db.?et']).match('db.get')).toBe('db.?et');
    expect(compileToolPatterns(['db.?et']).match('db.gett')).toBeUndefined();
    expect(compileToolPatterns(['*']).match('anything.at.all')).toBe('*');
    expect(compileToolPatterns(['fs.re*']).match('fs.read')).toBe('fs.re*');
  });

  it('treats regex metacharacters in names literally', () => {
    const set = compileToolPatterns(['a.b*', 'x+y']);
    expect(set.match('aXb')).toBeUndefined();
    expect(set.match('x+y')).toBe('x+y');
    expect(set.match('xxy')).toBeUndefined();
  });

  it('agrees with a naive glob matcher on random names and patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '_', '*');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }), { maxLength: 6 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.', '_'), minLength: 1, maxLength: 8 }),
        (patterns, tool) => {
          const naive = patterns.some((p) =>
            new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 's').test(tool),
          );
          const hit = compileToolPatterns(patterns).match(tool);
          // The compiled set refuses the bare family prefix (`a.` for `a.*`); otherwise it must agree.
          const bareFamily = patterns.some(
            (p) =>
              p.endsWith('*') &&
              !p.slice(0, -1).includes('*') &&
              /[._]$/.test(p.slice(0, -1)) &&
              tool === p.slice(0, -1),
          );
          if (!bareFamily) expect(hit !== undefined).toBe(naive);
          if (hit !== undefined) expect(naive).toBe(true);
        },
      ),
    );
  });
});
