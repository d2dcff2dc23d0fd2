import { describe, expect, it } from 'vitest';
import { findStreetAddresses } from './street-address.js';

const spans = (text: string, min = 0.4) =>
  findStreetAddresses(text)
    .filter((m) => m.score >= min)
    .map((m) => text.slice(m.start, m.end));

describe('findStreetAddresses', () => {
  it('finds US addresses with suffix, unit, city, state and ZIP', () => {
    expect(spans('Ship to 742 Evergreen Terrace, Springfield, OR 97477 today')).toEqual([
      '742 Evergreen Terrace, Springfield, OR 97477',
    ]);
    expect(spans('Office: 1600 Example Ave NW, Suite 200')).toEqual(['1600 Example Ave NW, Suite 200']);
    expect(spans('at 221B Baker St.')).toEqual(['221B Baker St.']);
  });

  it('follows an address over the lines after it', () => {
    const text = 'Bill to:\n12 Sample Road\nApt. 4\nTestville\nKS 66002\n\nThanks';
    expect(spans(text)).toEqual(['12 Sample Road\nApt. 4\nTestville\nKS 66002']);
  });

  it('finds European street forms', () => {
    expect(spans('Wir wohnen in der Musterstraße 12.')).toEqual(['Musterstraße 12']);
    expect(spans('au 87 rue Exemple Martin')).toEqual(['87 rue Exemple Martin']);
    expect(spans('presso Via Esempio 60, Roma')).toEqual(['Via Esempio 60, Roma']);
    expect(spans('P.O. Box 1234')).toEqual(['P.O. Box 1234']);
  });

  it('needs evidence for lower-case and loose shapes', () => {
    expect(spans('my address is 12 main street')).toEqual(['12 main street']);
    expect(spans('we need 2 more days to drive')).toEqual([]);
    expect(spans('Upgrade to Windows 10 today')).toEqual([]);
  });

  it('does not read years and versions as house numbers', () => {
    expect(spans('In 2019 Supreme Court rulings changed.')).toEqual([]);
    expect(spans('Released 2.0 Drive firmware')).toEqual([]);
  });

  it('survives odd input', () => {
    expect(findStreetAddresses('')).toEqual([]);
    expect(findStreetAddresses('no digits here')).toEqual([]);
    const t0 = performance.now();
    expect(findStreetAddresses('1 '.repeat(50_000) + 'Street')).toBeInstanceOf(Array);
    expect(findStreetAddresses('12 ' + 'Aaaa '.repeat(20_000))).toBeInstanceOf(Array);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
