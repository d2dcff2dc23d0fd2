import { describe, expect, it } from 'vitest';
import { allowsPath, deniesPath, parsePathPrefix } from './path-prefix.js';

describe('parsePathPrefix', () => {
  it('normalises the prefix into decoded segments', () => {
    expect(parsePathPrefix('/v1/')).toEqual(['v1']);
    expect(parsePathPrefix('/v1')).toEqual(['v1']);
    expect(parsePathPrefix('/a/./b/../c/')).toEqual(['a', 'c']);
    expect(parsePathPrefix('/caf%C3%A9/')).toEqual(['café']);
    expect(parsePathPrefix('/')).toEqual([]);
  });

  it('refuses prefixes that are themselves ambiguous', () => {
    expect(() => parsePathPrefix('/v1//x/')).toThrow(/empty/);
    expect(() => parsePathPrefix('/v1/..%2f/')).toThrow(/traversal/);
    expect(() => parsePathPrefix('/v1/%zz/')).toThrow();
    expect(() => parsePathPrefix('/v1/?x=1')).toThrow(/query/);
  });
});

describe('allowsPath (strict)', () => {
  it('matches whole segments only', () => {
    expect(allowsPath(['v1'], '/v1')).toBe(true);
    expect(allowsPath(['v1'], '/v1/')).toBe(true);
    expect(allowsPath(['v1'], '/v1/a/b')).toBe(true);
    expect(allowsPath(['v1'], '/v1evil')).toBe(false);
    expect(allowsPath(['v1'], '/V1/a')).toBe(false);
    expect(allowsPath(['v1', 'a'], '/v1')).toBe(false);
    expect(allowsPath(['v1'], '/')).toBe(false);
    expect(allowsPath(['v1'], '')).toBe(false);
  });

  it('refuses segments a server could decode into a traversal', () => {
    for (const path of [
      '/v1/..%2fadmin',
      '/v1/..%5Cadmin',
      '/v1/%2e%2e%2fadmin',
      '/v1/%252e%252e%252f',
      '/v1/..;/x',
      '/v1/.../x',
      '/v1/%00',
      '/v1/%zz',
    ]) {
      expect(allowsPath(['v1'], path)).toBe(false);
    }
  });

  it('accepts ordinary encoded segments, including a literal percent sign', () => {
    expect(allowsPath(['v1'], '/v1/hello%20world')).toBe(true);
    expect(allowsPath(['v1'], '/v1/100%25')).toBe(true);
    expect(allowsPath(['v%31'], '/v1/x')).toBe(false);
    expect(allowsPath(['v1'], '/v%31/x')).toBe(true);
  });
});

describe('deniesPath (lenient)', () => {
  it('matches however a server might read the path', () => {
    expect(deniesPath(['admin'], '/admin')).toBe(true);
    expect(deniesPath(['admin'], '/ADMIN/x')).toBe(true);
    expect(deniesPath(['admin'], '//admin')).toBe(true);
    expect(deniesPath(['admin'], '/x/..%2fadmin')).toBe(true);
    expect(deniesPath(['admin'], '/x/..%252fadmin')).toBe(true);
    expect(deniesPath(['admin'], '/x\\..\\admin')).toBe(true);
    expect(deniesPath(['admin'], '/admin;jsessionid=1')).toBe(true);
    expect(deniesPath(['admin'], '/%61dmin')).toBe(true);
    expect(deniesPath(['admin'], '/%c0%afadmin')).toBe(false);
    expect(deniesPath(['admin'], '/administrator')).toBe(false);
    expect(deniesPath([], '/anything')).toBe(true);
  });
});
