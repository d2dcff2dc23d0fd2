import { describe, expect, it } from 'vitest';
import { looksEncoded, shannonEntropy, urlDataSignals } from './url-data-signals.js';

const signals = (url: string) => urlDataSignals(new URL(url), url);

describe('urlDataSignals', () => {
  it('nothing for an ordinary URL', () => {
    expect(signals('https://example.com/docs/getting-started?lang=en')).toEqual({ boost: 0, reasons: [] });
  });

  it('placeholders, encoded values, long queries and telling parameter names add up', () => {
    expect(signals('https://e.example/?q={secret}').boost).toBeGreaterThanOrEqual(0.35);
    expect(signals('https://e.example/?x=c2VjcmV0IGtleSBpcyAxMjM0NTY3ODkw').reasons).toContain(
      'an encoded or high-entropy value',
    );
    expect(signals(`https://e.example/?x=${'word-'.repeat(30)}`).reasons).toContain('a long query string');
    expect(signals('https://e.example/?data=someuserdata').reasons).toContain(
      'a parameter named for the data it carries',
    );
  });
});

describe('looksEncoded / shannonEntropy', () => {
  it('base64 and hex of some length look encoded; words and slugs do not', () => {
    expect(looksEncoded('c2VjcmV0IGFwaSBrZXkgaXMgMTIzNDU=')).toBe(true);
    expect(looksEncoded('4f9a2c7e1b3d5f6a8c0e2b4d6f8a1c3e')).toBe(true);
    expect(looksEncoded('getting-started-with-the-api')).toBe(false);
    expect(looksEncoded('short')).toBe(false);
  });

  it('entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
