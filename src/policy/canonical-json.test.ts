import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops what JSON drops', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: { z: 'x', y: undefined } })).toBe(
      '{"a":[true,null,null],"b":1,"c":{"z":"x"}}',
    );
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson('a"\\n')).toBe(JSON.stringify('a"\\n'));
  });

  it('gives the same text for values already in key order as for shuffled ones (native fast path)', () => {
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortDeep)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sorted = sortDeep(value);
        const text = canonicalJson(sorted);
        const shuffled = JSON.parse(JSON.stringify(sorted), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(shuffled)).toBe(text);
      }),
    );
    // Integer-like keys are enumerated numerically ("9" before "10"), not in string order.
    expect(canonicalJson({ 9: 'a', 10: 'b' })).toBe('{"10":"b","9":"a"}');
    // Things JSON.stringify would treat differently never take the native path.
    class Box {
      constructor(readonly a = 1) {}
    }
    expect(canonicalJson({ at: new Date(0), box: new Box(), big: undefined })).toBe(
      '{"at":{},"box":{"a":1}}',
    );
    expect(canonicalJson({ a: { toJSON: () => 'x' } })).toBe('{"a":{}}');
    expect(canonicalJson(Array.from({ length: 3, 1: 'x' } as ArrayLike<unknown>))).toBe('[null,"x",null]');
    const holes: unknown[] = [1];
    holes[2] = 3;
    expect(canonicalJson(holes)).toBe('[1,null,3]');
  });

  it('is JSON that parses back to the same value, independent of key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const shuffled = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(shuffled)).toBe(text);
        expect(digest(shuffled)).toBe(digest(value));
      }),
    );
  });
});
