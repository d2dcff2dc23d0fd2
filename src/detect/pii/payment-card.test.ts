import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from './luhn.js';
import { cardNetwork, findPaymentCards } from './payment-card.js';

/** A Luhn-valid number from a prefix, padded with a fixed digit pattern to `length`. */
function card(prefix: string, length: number): string {
  let body = prefix;
  for (let i = 0; body.length < length - 1; i++) body += String((i * 7 + 3) % 10);
  return body + luhnCheckDigit(body);
}

/** The same number with its check digit broken. */
function broken(number: string): string {
  const last = Number(number.at(-1));
  return number.slice(0, -1) + String((last + 1) % 10);
}

const group = (n: string, sep: string) => n.match(/.{1,4}/g)!.join(sep);

describe('luhn', () => {
  it('accepts valid numbers and rejects a one-digit change', () => {
    for (const n of [card('4', 16), card('51', 16), card('34', 15), card('6011', 16)]) {
      expect(luhnValid(n)).toBe(true);
      expect(luhnValid(broken(n))).toBe(false);
    }
  });

  it('rejects non-digits and too-short input', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('0')).toBe(false);
    expect(luhnValid('4a11')).toBe(false);
  });
});

describe('cardNetwork', () => {
  it('knows issuer ranges and lengths', () => {
    expect(cardNetwork(card('4', 16))).toBe('visa');
    expect(cardNetwork(card('4', 13))).toBe('visa');
    expect(cardNetwork(card('2221', 16))).toBe('mastercard');
    expect(cardNetwork(card('37', 15))).toBe('amex');
    expect(cardNetwork(card('3530', 16))).toBe('jcb');
    expect(cardNetwork(card('36', 14))).toBe('diners');
  });

  it('rejects a known prefix at the wrong length and unknown prefixes', () => {
    expect(cardNetwork(card('37', 16))).toBeUndefined();
    expect(cardNetwork(card('4', 15))).toBeUndefined();
    expect(cardNetwork(card('0', 16))).toBeUndefined();
    expect(cardNetwork(card('7', 16))).toBeUndefined();
  });
});

describe('findPaymentCards', () => {
  const visa = card('4', 16);

  it('finds bare, spaced and dashed numbers with exact spans', () => {
    for (const written of [visa, group(visa, ' '), group(visa, '-')]) {
      const text = `pay with ${written} today`;
      expect(findPaymentCards(text)).toMatchObject([
        { type: 'credit-card', start: 9, end: 9 + written.length },
      ]);
    }
  });

  it('scores higher with a card keyword near', () => {
    const [plain] = findPaymentCards(`ref ${visa}`);
    const [cued] = findPaymentCards(`my credit card is ${visa}`);
    expect(cued!.score).toBeGreaterThan(plain!.score);
  });

  it('ignores order ids that fail Luhn or have no issuer', () => {
    expect(findPaymentCards(`order ${broken(visa)} shipped`)).toEqual([]);
    expect(findPaymentCards(`order ${card('9', 16)} shipped`)).toEqual([]);
    expect(findPaymentCards('tracking 1234567890123456')).toEqual([]);
  });

  it('does not take a card out of a longer digit run or a token', () => {
    expect(findPaymentCards(`${visa}7`)).toEqual([]);
    expect(findPaymentCards(`id_${visa}`)).toEqual([]);
    expect(findPaymentCards(`x${visa}`)).toEqual([]);
  });

  it('drops a trailing group that is not part of the card', () => {
    const text = `${group(visa, ' ')} 2030`;
    expect(findPaymentCards(text)).toMatchObject([{ start: 0, end: 19 }]);
  });

  it('survives odd input', () => {
    expect(findPaymentCards('')).toEqual([]);
    expect(findPaymentCards('\ud800'.repeat(100) + '1'.repeat(10_000))).toEqual([]);
  });
});
