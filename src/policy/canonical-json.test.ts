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
