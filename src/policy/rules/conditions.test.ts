import { describe, expect, it } from 'vitest';
import { compileCondition, getArg } from './conditions.js';

describe('compileCondition', () => {
  it('matches literals, sets, globs, regexes and numbers', () => {
    const when = compileCondition(
      { method: { in: ['POST', 'PUT'] }, url: { glob: 'https://*' }, size: { gt: 10 } },
      't',
    );
    expect(when({ method: 'POST', url: 'https://x', size: 11 })).toBe(true);
    expect(when({ method: 'GET', url: 'https://x', size: 11 })).toBe(false);
    expect(when({ method: 'POST', url: 'http://x', size: 11 })).toBe(false);
    expect(when({ method: 'POST', url: 'https://x', size: '11' })).toBe(false);
    expect(compileCondition({ branch: 'main' }, 't')({ branch: 'main' })).toBe(true);
    expect(compileCondition({ q: { matches: 'DROP\\s+TABLE' } }, 't')({ q: 'x; DROP  TABLE y' })).toBe(true);
  });

  it('does not let a lower-case method slip past an upper-case list', () => {
    expect(compileCondition({ method: { in: ['POST'] } }, 't')({ method: 'post' })).toBe(true);
  });

  it('never reads inherited properties (prototype pollution cannot satisfy a condition)', () => {
    expect(getArg({}, 'constructor')).toBeUndefined();
    expect(getArg({}, '__proto__')).toBeUndefined();
    expect(getArg({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(compileCondition({ toString: { exists: true } }, 't')({})).toBe(false);
  });

  it('rejects an invalid regular expression with the field name', () => {
    expect(() => compileCondition({ q: { matches: '(' } }, 'tools.rules["db.query"].deny[0].when')).toThrow(
      /tools\.rules\["db\.query"\]\.deny\[0\]\.when\.q\.matches/,
    );
  });
});
