import { describe, expect, it } from 'vitest';
import { findPhones } from './phone.js';

const spans = (text: string, region?: Parameters<typeof findPhones>[1]) =>
  findPhones(text, region).map((m) => text.slice(m.start, m.end));

describe('findPhones', () => {
  it('finds US national and international formats', () => {
    expect(spans('call (415) 555-0132 or +1 415 555 0132')).toEqual(['(415) 555-0132', '+1 415 555 0132']);
    expect(spans('US: 415-555-0132')).toEqual(['415-555-0132']);
  });

  it('finds numbers of several countries written with their country code', () => {
    expect(spans('London +44 20 7946 0958')).toEqual(['+44 20 7946 0958']);
    expect(spans('Berlin +49 30 1234567')).toEqual(['+49 30 1234567']);
    expect(spans('Paris +33 1 42 68 53 00')).toEqual(['+33 1 42 68 53 00']);
    expect(spans('São Paulo +55 11 98456 5666')).toEqual(['+55 11 98456 5666']);
  });

  it('reads national formats with the default region', () => {
    expect(spans('ring 020 7946 0958', 'GB')).toEqual(['020 7946 0958']);
    expect(spans('Tel. 030 1234567', 'DE')).toEqual(['030 1234567']);
  });

  it('reports numbers valid only in another region at lower confidence', () => {
    const [m] = findPhones('My Israeli number is 09-7625400', 'US');
    expect(m).toBeDefined();
    expect(m!.score).toBeLessThan(0.6);
  });

  it('boosts a number next to a phone keyword', () => {
    const [plain] = findPhones('ref 415-555-0132');
    const [cued] = findPhones('phone: 415-555-0132');
    expect(cued!.score).toBeGreaterThan(plain!.score);
  });

  it('does not take dates, times or short numbers for phone numbers', () => {
    for (const text of [
      'on 2024-05-17 at 10:30',
      'born 12/05/1987',
      'build 2024.05.17',
      'call 911',
      'room 1234',
    ]) {
      expect(findPhones(text).filter((m) => m.score >= 0.4)).toEqual([]);
    }
  });

  it('rejects a number glued to a word', () => {
    expect(spans('my other one is415-555-0132')).toEqual([]);
  });

  it('costs nothing on prose without digits', () => {
    const prose = 'No digits here at all, only words. '.repeat(3000);
    const t0 = performance.now();
    expect(findPhones(prose)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('survives odd input', () => {
    expect(findPhones('')).toEqual([]);
    expect(findPhones('+'.repeat(1000) + '1'.repeat(1000))).toBeInstanceOf(Array);
    expect(findPhones('\ud800415-555-0132\udc00')).toBeInstanceOf(Array);
  });
});
