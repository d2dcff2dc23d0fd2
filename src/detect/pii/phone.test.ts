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

  it('reads log lines: timestamps and versions are no numbers, a number on the line is', () => {
    const log = [
      '2025-06-24 14:36:25 status unpacked libsystemd0:amd64 252.36-1~deb12u1',
      '2025-06-24 14:36:26 upgrade libperl5.36:amd64 5.36.0-7+deb12u2 5.36.0-7+deb12u3',
      '2025-06-24 14:36:27 support line 415-555-0132 ext. 12',
    ].join('\n');
    expect(spans(log)).toEqual(['415-555-0132 ext. 12']);
  });

  it('reads each line on its own', () => {
    expect(spans('ref 2025-06-24 14:36:25\n+1 415 555 0132')).toEqual(['+1 415 555 0132']);
    expect(spans('call 415 555\n0132 now')).toEqual([]);
  });

  it('still asks libphonenumber where a group of digits could be a number', () => {
    // Too few digits for a US number, but a German one written with its country code.
    expect(spans('Berlin +49 30 1234567', 'US')).toEqual(['+49 30 1234567']);
    // Short for the US, a whole number in Germany.
    expect(findPhones('Tel. 030 1234567', 'DE').length).toBe(1);
    expect(spans('amd64 252.36-1 and 5.36.0-7+deb12u2')).toEqual([]);
  });

  it('reads short local numbers where the region allows them', () => {
    // Antigua: seven digits dialled locally, the area code added by the national prefix rule.
    expect(spans('call 4601234 now', 'AG')).toEqual(['4601234']);
    // Saint Helena: four-digit numbers.
    expect(spans('tel 1234 5678', 'SH')).toEqual(['1234', '5678']);
    expect(spans('tel 1234', 'SH')).toEqual([]);
  });

  it('gives the same, independent answer on every call', () => {
    const text = 'call (415) 555-0132 or 09-7625400, build 2024.05.17';
    const first = findPhones(text);
    first[0]!.score = 0;
    expect(findPhones(text)).toEqual(findPhones(`${text}`));
    expect(findPhones(text)[0]!.score).toBeGreaterThan(0);
    expect(findPhones(`x ${text}`).map((m) => m.start - 2)).toEqual(findPhones(text).map((m) => m.start));
  });

  it('survives odd input', () => {
    expect(findPhones('')).toEqual([]);
    expect(findPhones('+'.repeat(1000) + '1'.repeat(1000))).toBeInstanceOf(Array);
    expect(findPhones('\ud800415-555-0132\udc00')).toBeInstanceOf(Array);
  });
});
