import { describe, expect, it } from 'vitest';
import { canonicalHost, normaliseParsedHost } from './canonical-host.js';

describe('canonicalHost', () => {
  it('maps case, IDNA, IPv4 number forms and IPv6 spellings to one form', () => {
    expect(canonicalHost('API.Example.COM')).toEqual({ host: 'api.example.com', kind: 'domain' });
    expect(canonicalHost('bücher.de')).toEqual({ host: 'xn--bcher-kva.de', kind: 'domain' });
    expect(canonicalHost('allowed。com')).toEqual({ host: 'allowed.com', kind: 'domain' });
    expect(canonicalHost('0x7f.1')).toEqual({ host: '127.0.0.1', kind: 'ipv4' });
    expect(canonicalHost('[0:0:0:0:0:0:0:1]')).toEqual({ host: '[::1]', kind: 'ipv6' });
    expect(canonicalHost('example.com.')).toEqual({ host: 'example.com', kind: 'domain' });
  });

  it('rejects what is not a bare host', () => {
    for (const text of [
      '',
      'a b',
      'a/b',
      'a@b',
      'a%2eb',
      'a:80',
      'a..b',
      '*.a',
      'xn--',
      '1.2.3.4.5',
      'a\\b',
    ]) {
      expect(canonicalHost(text)).toBeUndefined();
    }
  });
});

describe('normaliseParsedHost', () => {
  it('drops one trailing dot and checks the DNS alphabet and lengths', () => {
    expect(normaliseParsedHost('localhost.')).toEqual({ host: 'localhost', kind: 'domain' });
    expect(normaliseParsedHost('_dmarc.example.com')).toEqual({ host: '_dmarc.example.com', kind: 'domain' });
    expect(normaliseParsedHost('a..')).toBeUndefined();
    expect(normaliseParsedHost(`${'a'.repeat(64)}.com`)).toBeUndefined();
    expect(normaliseParsedHost(`${'a.'.repeat(127)}com`)).toBeUndefined();
  });
});
