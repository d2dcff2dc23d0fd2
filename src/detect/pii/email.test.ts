import { describe, expect, it } from 'vitest';
import { findEmails } from './email.js';

const spans = (text: string) => findEmails(text).map((m) => text.slice(m.start, m.end));

describe('findEmails', () => {
  it('finds plain addresses with exact spans', () => {
    expect(findEmails('mail jane.doe+tag@example.org now')).toMatchObject([
      { type: 'email', start: 5, end: 29 },
    ]);
  });

  it('leaves trailing dots and punctuation out', () => {
    expect(spans('Write to jane@example.org.')).toEqual(['jane@example.org']);
    expect(spans('(jane@example.org), or jo@example.co.uk!')).toEqual([
      'jane@example.org',
      'jo@example.co.uk',
    ]);
    expect(spans('jane@example.org...')).toEqual(['jane@example.org']);
  });

  it('accepts IDN domains, Unicode and punycode', () => {
    expect(spans('user@bücher.example')).toEqual(['user@bücher.example']);
    expect(spans('user@xn--bcher-kva.example')).toEqual(['user@xn--bcher-kva.example']);
    expect(spans('a@xn--d1acufc.xn--p1ai')).toEqual(['a@xn--d1acufc.xn--p1ai']);
  });

  it('rejects what is not an address', () => {
    expect(spans('my email is info@example.')).toEqual([]);
    expect(spans('user@localhost')).toEqual([]);
    expect(spans('@handle and a@b')).toEqual([]);
    expect(spans('ssh to user@2001:db8::1')).toEqual([]);
    expect(spans('price 5@3.50')).toEqual([]);
  });

  it('does not start a local part with a dot or cross a double dot', () => {
    expect(spans('see ..jane@example.org')).toEqual(['jane@example.org']);
    expect(spans('a..b@example.org')).toEqual(['b@example.org']);
  });

  it('survives odd and huge input in linear time', () => {
    expect(findEmails('')).toEqual([]);
    expect(findEmails('\ud800@\udc00.com')).toEqual([]);
    const long = 'a'.repeat(200_000) + '@' + 'b.'.repeat(50_000);
    const t0 = performance.now();
    expect(findEmails(long)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
