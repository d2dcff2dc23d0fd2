import { describe, expect, it } from 'vitest';
import { findIbans, ibanChecksumValid } from './iban.js';

/** Build a valid IBAN for `country` and `bban` by computing its check digits. */
function iban(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97;
  return country + String(98 - rest).padStart(2, '0') + bban;
}

const gb = iban('GB', 'TEST' + '6016' + '1331926819');
const de = iban('DE', '3704' + '0044' + '0532' + '0130' + '00');

describe('ibanChecksumValid', () => {
  it('accepts computed IBANs and rejects a changed digit or swapped check digits', () => {
    expect(ibanChecksumValid(gb)).toBe(true);
    expect(ibanChecksumValid(de)).toBe(true);
    expect(ibanChecksumValid(gb.slice(0, -1) + (gb.endsWith('9') ? '8' : '9'))).toBe(false);
    expect(ibanChecksumValid(gb.slice(0, 2) + gb[3] + gb[2] + gb.slice(4))).toBe(gb[2] === gb[3]);
  });

  it('rejects junk', () => {
    expect(ibanChecksumValid('')).toBe(false);
    expect(ibanChecksumValid('GB00')).toBe(false);
    expect(ibanChecksumValid('GB82 WEST')).toBe(false);
  });
});

describe('findIbans', () => {
  it('finds compact and grouped IBANs with exact spans', () => {
    expect(findIbans(`IBAN ${gb}.`)).toMatchObject([{ type: 'iban', start: 5, end: 5 + gb.length }]);
    const grouped = de.match(/.{1,4}/g)!.join(' ');
    expect(findIbans(`to ${grouped} please`)).toMatchObject([{ start: 3, end: 3 + grouped.length }]);
  });

  it('accepts lower case at a lower score', () => {
    const [m] = findIbans(`iban ${gb.toLowerCase()}`);
    expect(m).toBeDefined();
    expect(m!.score).toBeLessThan(0.95);
  });

  it('rejects a bad checksum, a wrong length and an unknown country', () => {
    expect(findIbans(gb.slice(0, -1) + (gb.endsWith('0') ? '1' : '0'))).toEqual([]);
    expect(findIbans(gb + '1')).toEqual([]);
    expect(findIbans(gb.slice(0, -1))).toEqual([]);
    expect(findIbans('ZZ' + gb.slice(2))).toEqual([]);
  });

  it('survives odd input', () => {
    expect(findIbans('')).toEqual([]);
    expect(findIbans('GB12 '.repeat(5000))).toEqual([]);
  });
});
