import { describe, expect, it } from 'vitest';
import { findPersonNames } from './person-name.js';

const names = (text: string, min = 0.4) =>
  findPersonNames(text)
    .filter((m) => m.score >= min)
    .map((m) => text.slice(m.start, m.end));

describe('findPersonNames', () => {
  it('finds a first name with its surname, initials and particles', () => {
    expect(names('Yesterday Jane Doe called.')).toEqual(['Jane Doe']);
    expect(names('Signed by Mary Q. Sample')).toEqual(['Mary Q. Sample']);
    expect(names('ask Jacob van Testhoven about it')).toEqual(['Jacob van Testhoven']);
    expect(names("That is Olivia Exampleton's car")).toEqual(['Olivia Exampleton']);
  });

  it('uses titles and cues for names it does not know', () => {
    expect(names('Please ask Dr. Quibbleworth')).toEqual(['Quibbleworth']);
    expect(names('My name is Zorbulon')).toEqual(['Zorbulon']);
    expect(names('Regards,\nXandrith Pellow')).toEqual(['Xandrith Pellow']);
  });

  it('spreads over lists of names', () => {
    expect(names('They invited Timothy, Zorba and Kathleen.')).toEqual(['Timothy', 'Zorba', 'Kathleen']);
  });

  it('does not take capitalized sentence starts or common words for names', () => {
    expect(names('Will you come? May I help? Grace under pressure.')).toEqual([]);
    expect(names('The Princess Royal arrived.')).toEqual([]);
    expect(names('I moved to Austin last year.')).toEqual([]);
  });

  it('does not take places, streets, products or companies for names', () => {
    expect(names('We flew to San Luis and then the Solomon Islands.')).toEqual([]);
    expect(names('It is on rue Victor Hugo.')).toEqual([]);
    expect(names('Shares of Merrill Corp. rose.')).toEqual([]);
    expect(names('Install Windows 11 and Node 20 on the Mercedes.')).toEqual([]);
  });

  it('skips names inside identifiers, emails and URLs', () => {
    expect(names('mail jane.doe@example.org or see https://example.org/jane')).toEqual([]);
    expect(names('user_jane and jane42')).toEqual([]);
  });

  it('reads text written without capitals, at lower confidence', () => {
    const [m] = findPersonNames('hi, this is natasha quellwood from support');
    expect(m).toBeDefined();
    expect(m!.score).toBeLessThan(0.8);
    expect(names('i will be there, just ask')).toEqual([]);
  });

  it('reads cues after a colon or a comma, and only those', () => {
    expect(names('Name: Zorbulon; author : Quibbleworth')).toEqual(['Zorbulon', 'Quibbleworth']);
    expect(names('Regards,Xandrith and thank you, Pellow')).toEqual(['Xandrith', 'Pellow']);
    expect(names('ratio: Zorbulon, foo, Quibbleworth')).toEqual([]);
  });

  it('reads names in other alphabets and with accents', () => {
    expect(names('Gestern rief Maria Müller-Lüdenscheidt an')).toEqual(['Maria Müller-Lüdenscheidt']);
    expect(names('Dear Σωκράτης, hi there')).toEqual(['Σωκράτης']);
    expect(names('Dr. José García')).toEqual(['José García']);
  });

  it('reads names the same in a long text as alone', () => {
    const filler = 'const x = items.map((item) => item.value * 2); // no names here\n'.repeat(150);
    const text = `${filler}Signed by Mary Q. Sample\n${filler}`;
    expect(names(text)).toEqual(['Mary Q. Sample']);
  });

  it('survives odd input', () => {
    expect(findPersonNames('')).toEqual([]);
    expect(findPersonNames('\ud800Jane\udc00 Doe')).toBeInstanceOf(Array);
    expect(findPersonNames('Jane '.repeat(20_000)).length).toBeGreaterThan(0);
  });
});
