import { describe, expect, it } from 'vitest';
import { findUsSsns, ssnPlausible } from './us-ssn.js';

// Built from parts so the source holds no SSN-shaped literal.
const ssn = (area: string, group: string, serial: string, sep = '-') => [area, group, serial].join(sep);

describe('ssnPlausible', () => {
  it('accepts an ordinary number', () => {
    expect(ssnPlausible(ssn('123', '45', '6788', ''))).toBe(true);
  });

  it('rejects the never-issued ranges', () => {
    expect(ssnPlausible(ssn('000', '12', '3456', ''))).toBe(false);
    expect(ssnPlausible(ssn('666', '12', '3456', ''))).toBe(false);
    expect(ssnPlausible(ssn('912', '12', '3456', ''))).toBe(false);
    expect(ssnPlausible(ssn('123', '00', '3456', ''))).toBe(false);
    expect(ssnPlausible(ssn('123', '45', '0000', ''))).toBe(false);
  });

  it('rejects advertising numbers and repeated digits', () => {
    expect(ssnPlausible(ssn('078', '05', '1120', ''))).toBe(false);
    expect(ssnPlausible(ssn('219', '09', '9999', ''))).toBe(false);
    expect(ssnPlausible(ssn('123', '45', '6789', ''))).toBe(false);
    expect(ssnPlausible('111111111')).toBe(false);
  });
});

describe('findUsSsns', () => {
  it('finds dashed numbers and boosts them next to a keyword', () => {
    const value = ssn('123', '45', '6788');
    const [plain] = findUsSsns(`ref ${value}`);
    const [cued] = findUsSsns(`SSN: ${value}`);
    expect(plain).toMatchObject({ type: 'us-ssn', start: 4, end: 15 });
    expect(cued!.score).toBeGreaterThan(plain!.score);
    expect(cued!.score).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps bare 9-digit numbers low unless a keyword is near', () => {
    const bare = ssn('123', '45', '6788', '');
    expect(findUsSsns(`id ${bare}`)[0]!.score).toBeLessThan(0.4);
    expect(findUsSsns(`social security number ${bare}`)[0]!.score).toBeGreaterThan(0.8);
  });

  it('rejects invalid ranges, mixed separators and longer runs', () => {
    expect(findUsSsns(ssn('666', '45', '6788'))).toEqual([]);
    expect(findUsSsns(ssn('123', '00', '6788'))).toEqual([]);
    expect(findUsSsns('123-45.6788')).toEqual([]);
    expect(findUsSsns(ssn('123', '45', '67881'))).toEqual([]);
    expect(findUsSsns('1' + ssn('123', '45', '6788'))).toEqual([]);
  });

  it('does not read a date or a version as an SSN', () => {
    expect(findUsSsns('released 2024-05-1234? no: 2024-05-12')).toEqual([]);
    expect(findUsSsns('v1.234.56.7890')).toEqual([]);
  });
});
