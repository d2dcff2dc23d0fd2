import { describe, expect, it } from 'vitest';
import { findPii, resolveOverlaps } from './find-pii.js';
import { findPersonNames } from './person-name.js';
import { findStreetAddresses } from './street-address.js';
import { luhnCheckDigit } from './luhn.js';
import { PII_TYPES } from './types.js';

const visa = (() => {
  const body = '4' + '539' + '1488' + '0343' + '646';
  return body + luhnCheckDigit(body);
})();

describe('findPii', () => {
  it('finds several kinds in one text, sorted and without overlaps', () => {
    const text = `Jane Doe (jane@example.org, +1 415 555 0132) paid with ${visa}.`;
    const found = findPii(text);
    expect(found.map((m) => m.type)).toEqual(['person', 'email', 'phone', 'credit-card']);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('restricts to the requested types', () => {
    const text = `Jane Doe, jane@example.org`;
    expect(findPii(text, { types: ['email'] }).map((m) => m.type)).toEqual(['email']);
    expect(findPii(text, { types: [] })).toEqual([]);
  });

  it('uses the default region for national phone numbers', () => {
    expect(
      findPii('ring 020 7946 0958', { types: ['phone'], defaultRegion: 'GB' })[0]!.score,
    ).toBeGreaterThanOrEqual(0.6);
  });

  it('prefers the checksummed type when two overlap', () => {
    const kept = resolveOverlaps([
      { type: 'phone', start: 0, end: 16, score: 0.9 },
      { type: 'credit-card', start: 0, end: 16, score: 0.85 },
    ]);
    expect(kept).toEqual([{ type: 'credit-card', start: 0, end: 16, score: 0.85 }]);
  });

  it('keeps spans inside the text and scores in 0..1 for every type', () => {
    const text = `Mr. John Sample, 12 Main Street, Springfield, IL 62701, 192.0.2.7, ${visa}, jo@example.com`;
    for (const m of findPii(text)) {
      expect(PII_TYPES).toContain(m.type);
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(text.length);
      expect(m.start).toBeLessThan(m.end);
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it('never throws on odd input', () => {
    const odd = [
      '',
      '\ud800',
      '\udc00\ud800',
      '\u0000'.repeat(1000),
      '@'.repeat(10_000),
      '9'.repeat(50_000),
      ':'.repeat(10_000) + '.'.repeat(10_000),
      'Dr. '.repeat(10_000),
      'x'.repeat(10) + '\ud83d\ude00'.repeat(1000),
    ];
    for (const text of odd) expect(() => findPii(text)).not.toThrow();
    expect(findPii(undefined as unknown as string)).toEqual([]);
  });

  it('gives the same answer whatever was scanned before', () => {
    const a = `Mr. John Sample, 12 Main Street, Springfield, IL 62701, ${visa}`;
    const b = 'Dear Ada Lovelace, ship to 87 rue Exemple Martin, 75008 Paris';
    const alone = [findPii(a), findPii(b)];
    expect(findPersonNames(b)).toEqual(findPii(b, { types: ['person'] }));
    findStreetAddresses(a);
    expect(findPersonNames(b)).toEqual(alone[1]!.filter((m) => m.type === 'person'));
    expect([findPii(a), findPii(b)]).toEqual(alone);
  });

  it('handles texts larger than one slice', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(45_000);
    const text = `${filler}mail jo@example.com ${filler}`;
    const found = findPii(text, { types: ['email'] });
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('jo@example.com');
  });
});
