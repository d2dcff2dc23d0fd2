import { describe, expect, it } from 'vitest';
import { parseHostPattern } from './host-pattern.js';

const HTTP = new Set(['http', 'https']);

describe('parseHostPattern', () => {
  it('parses every documented entry form', () => {
    expect(parseHostPattern('api.example.com', HTTP)).toMatchObject({
      host: 'api.example.com',
      wildcard: false,
      scheme: undefined,
      port: undefined,
      path: undefined,
    });
    expect(parseHostPattern('*.github.com', HTTP)).toMatchObject({ host: 'github.com', wildcard: true });
    expect(parseHostPattern('api.example.com:8443', HTTP)).toMatchObject({ port: 8443 });
    expect(parseHostPattern('https://api.example.com', HTTP)).toMatchObject({ scheme: 'https' });
    expect(parseHostPattern('HTTPS://*.Example.com:8443', HTTP)).toMatchObject({
      host: 'example.com',
      wildcard: true,
      scheme: 'https',
      port: 8443,
    });
    expect(parseHostPattern('[::1]:3000', HTTP)).toMatchObject({ host: '[::1]', kind: 'ipv6', port: 3000 });
    expect(parseHostPattern('::1', HTTP)).toMatchObject({ host: '[::1]', port: undefined });
    expect(parseHostPattern('127.1', HTTP)).toMatchObject({ host: '127.0.0.1', kind: 'ipv4' });
    expect(parseHostPattern('localhost', HTTP)).toMatchObject({ host: 'localhost', kind: 'domain' });
    expect(parseHostPattern('https://api.example.com/v1/', HTTP)).toMatchObject({ path: ['v1'] });
    expect(parseHostPattern('https://api.example.com/', HTTP)).toMatchObject({ path: undefined });
    expect(parseHostPattern('Bücher.de.', HTTP)).toMatchObject({ host: 'xn--bcher-kva.de' });
    expect(parseHostPattern('*.corp.internal', HTTP)).toMatchObject({ reservedWildcard: true });
    expect(parseHostPattern('*.example.com', HTTP)).toMatchObject({ reservedWildcard: false });
  });

  it.each([
    ['', /non-empty/],
    ['api.example.com:0', /port/],
    ['api.example.com:65536', /port/],
    ['api.example.com:http', /port/],
    ['ftp://api.example.com', /scheme "ftp" is not in schemes/],
    ['user@api.example.com', /@/],
    ['api.example.com?x', /#/],
    ['api .example.com', /whitespace/],
    ['api\u200b.example.com', /invisible/],
    ['a*.example.com', /whole first label/],
    ['*', /whole first label/],
    ['*.', /not a valid host/],
    ['*.10.0.0.1', /wildcard/],
    ['api.example.com%2eevil', /percent/],
    ['[::1', /without/],
    ['[::1]x', /unexpected/],
    ['https://api.example.com/v1/..%2f/', /traversal/],
    ['a..b', /not a valid host/],
    ['xn--', /not a valid host/],
  ])('rejects %j', (entry, why) => {
    expect(() => parseHostPattern(entry, HTTP)).toThrow(why);
  });
});
