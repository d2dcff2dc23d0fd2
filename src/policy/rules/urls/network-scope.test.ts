import { describe, expect, it } from 'vitest';
import { WardenError } from '../../../errors/warden-error.js';
import { compileNetworkScope } from './network-scope.js';

describe('compileNetworkScope', () => {
  it('names the bad entry by list, index and value', () => {
    let error: unknown;
    try {
      compileNetworkScope({ allow: ['ok.example.com', 'bad host'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(WardenError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^allow\[1\]: "bad host" /);
    expect((error as WardenError).issues[0]).toMatchObject({ path: 'allow[1]', severity: 'error' });
    expect(() => compileNetworkScope({ allow: [], deny: ['x', '*'] })).toThrow(/^deny\[1\]: "\*"/);
  });

  it('validates schemes', () => {
    expect(() => compileNetworkScope({ allow: [], schemes: [] })).toThrow(/schemes/);
    expect(() => compileNetworkScope({ allow: [], schemes: ['https', 'file'] })).toThrow(
      /schemes\[1\].*no network host/,
    );
    expect(() => compileNetworkScope({ allow: [], schemes: ['ht tp'] })).toThrow(/schemes\[0\]/);
    expect(compileNetworkScope({ allow: [], schemes: ['HTTPS', 'wss'] }).schemes).toEqual(
      new Set(['https', 'wss']),
    );
  });

  it('rejects a config that is not lists', () => {
    expect(() => compileNetworkScope({ allow: 'example.com' as unknown as string[] })).toThrow(/allow/);
    expect(() => compileNetworkScope(null as unknown as { allow: string[] })).toThrow(/object/);
  });

  it('indexes exact hosts and wildcard suffixes separately', () => {
    const scope = compileNetworkScope({
      allow: ['a.example.com', 'https://a.example.com:8443', '*.example.com'],
    });
    expect(scope.allow.exact.get('a.example.com')).toHaveLength(2);
    expect(scope.allow.wildcard.get('example.com')).toHaveLength(1);
  });
});
