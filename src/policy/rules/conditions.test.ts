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
    expect(when({ method: 'POST', url: 'https://x', size: 9 })).toBe(false);
    expect(compileCondition({ branch: 'main' }, 't')({ branch: 'main' })).toBe(true);
    expect(compileCondition({ branch: 'main' }, 't')({ branch: 'dev' })).toBe(false);
    expect(compileCondition({ q: { matches: 'DROP\\s+TABLE' } }, 't')({ q: 'x; DROP  TABLE y' })).toBe(true);
  });

  it.each([
    ['lower case', 'post'],
    ['padding', ' POST '],
    ['a trailing newline', 'POST\n'],
    ['a zero-width space', 'P\u200bOST'],
    ['fullwidth letters', 'ＰＯＳＴ'],
    ['an array', ['POST']],
    ['an array hiding it second', ['GET', 'POST']],
  ])('does not let a method spelled with %s slip past an approval on POST', (_label, method) => {
    expect(compileCondition({ method: { in: ['POST'] } }, 't')({ method })).toBe(true);
    expect(compileCondition({ method: 'POST' }, 't')({ method })).toBe(true);
  });

  it('compares numeric strings as numbers and fails closed on values it cannot compare', () => {
    const big = compileCondition({ amount: { gt: 100 } }, 't');
    expect(big({ amount: 5000 })).toBe(true);
    expect(big({ amount: '5000' })).toBe(true);
    expect(big({ amount: [5000] })).toBe(true);
    expect(big({ amount: 'lots' })).toBe(true);
    expect(big({ amount: { value: 5000 } })).toBe(true);
    expect(big({ amount: null })).toBe(true);
    expect(big({ amount: 50 })).toBe(false);
    expect(big({ amount: '50' })).toBe(false);
  });

  it('finds a regex match hidden in an array or behind invisible characters', () => {
    const drop = compileCondition({ sql: { matches: 'drop\\s+table' } }, 't');
    expect(drop({ sql: ['select 1', 'DROP TABLE users'] })).toBe(true);
    expect(drop({ sql: 'DR\u200bOP TABLE users' })).toBe(true);
    expect(drop({ sql: 'select 1' })).toBe(false);
  });

  it('treats a missing argument as not matching unless exists: false is asked for', () => {
    expect(compileCondition({ method: 'POST' }, 't')({})).toBe(false);
    expect(compileCondition({ token: { exists: false } }, 't')({})).toBe(true);
    expect(compileCondition({ token: { exists: true } }, 't')({ token: { a: 1 } })).toBe(true);
    expect(compileCondition({ token: { exists: true } }, 't')({})).toBe(false);
  });

  it('holds for long values with longerThan', () => {
    const long = compileCondition({ body: { longerThan: 3 } }, 't');
    expect(long({ body: 'abcd' })).toBe(true);
    expect(long({ body: 'abc' })).toBe(false);
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
