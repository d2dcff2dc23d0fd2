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

  it('finds streets whose words sit far from the number', () => {
    expect(spans('Send it to 12 North Old Mill Creek Road please')).toEqual(['12 North Old Mill Creek Road']);
    expect(spans('Adresse: Via della Conciliazione Vecchia 44, Roma')).toEqual([
      'Via della Conciliazione Vecchia 44, Roma',
    ]);
    expect(spans('Paul-Nevermann-Platz 47 and Hauptstr. 5')).toEqual([
      'Paul-Nevermann-Platz 47',
      'Hauptstr. 5',
    ]);
    expect(spans('PSC 1234, Box 5678')).toEqual(['PSC 1234, Box 5678']);
    expect(spans('via APO AE 09012')).toEqual(['APO AE 09012']);
  });

  it('finds a street among many numbers that are not addresses', () => {
    const log = '[14:36:25] status unpacked libfoo:amd64 1.2-3 u1 4 run 12 path 3\n'.repeat(40);
    expect(spans(log)).toEqual([]);
    const text = `${log}ship to 742 Evergreen Terrace, Springfield, OR 97477\n${log}`;
    expect(spans(text)).toEqual(['742 Evergreen Terrace, Springfield, OR 97477']);
  });

  it('needs an address cue or a unit near a loose address', () => {
    expect(spans('Upgrade to Windows 10, then Node 20')).toEqual([]);
    expect(spans('Ship to: Roheline 43, Tallinn')).toEqual(['Roheline 43, Tallinn']);
    expect(spans('Roheline 43 Apt. 5')).toEqual(['Roheline 43 Apt. 5']);
  });

  it('finds a street named without a number only in a text with digits', () => {
    expect(spans('They met on Almeida Street in 1998.')).toEqual(['Almeida Street']);
    expect(spans('They met on Almeida Street.')).toEqual([]);
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
