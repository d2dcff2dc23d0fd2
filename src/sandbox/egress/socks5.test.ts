// SOCKS5 request parsing as plain bytes: incomplete input waits, every address type decodes to the
// spelling checkUrl expects, and anything unsupported maps to its RFC 1928 reply code.
import { describe, expect, it } from 'vitest';
import { greetingLength, parseRequest, reply, SocksReply } from './socks5.js';

const port443 = [0x01, 0xbb];

describe('SOCKS5 parsing', () => {
  it('waits for a complete greeting', () => {
    expect(greetingLength(Buffer.from([5]))).toBeUndefined();
    expect(greetingLength(Buffer.from([5, 2, 0]))).toBeUndefined();
    expect(greetingLength(Buffer.from([5, 2, 0, 2, 9]))).toBe(4);
  });

  it('decodes the three address types', () => {
    expect(parseRequest(Buffer.from([5, 1, 0, 1, 93, 184, 216, 34, ...port443]))).toEqual({
      ok: true,
      length: 10,
      command: 1,
      hostText: '93.184.216.34',
      port: 443,
    });
    const v6 = Buffer.from([5, 1, 0, 4, 0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1, ...port443]);
    expect(parseRequest(v6)).toMatchObject({ ok: true, hostText: '[2001:db8:0:0:0:0:0:1]', port: 443 });
    const name = Buffer.from('api.example.com');
    expect(parseRequest(Buffer.from([5, 1, 0, 3, name.length, ...name, ...port443]))).toMatchObject({
      ok: true,
      hostText: 'api.example.com',
    });
  });

  it('waits for a complete request', () => {
    expect(parseRequest(Buffer.from([5, 1, 0, 1, 1, 2, 3, 4, 0]))).toBeUndefined();
    expect(parseRequest(Buffer.from([5, 1, 0, 3, 10, 97]))).toBeUndefined();
  });

  it.each([
    ['a bad version', [4, 1, 0, 1, 1, 2, 3, 4, ...port443], SocksReply.GeneralFailure],
    ['a non-zero reserved byte', [5, 1, 1, 1, 1, 2, 3, 4, ...port443], SocksReply.GeneralFailure],
    ['port 0', [5, 1, 0, 1, 1, 2, 3, 4, 0, 0], SocksReply.GeneralFailure],
    ['an unknown address type', [5, 1, 0, 9, 1, 2, 3, 4, ...port443], SocksReply.AddressTypeNotSupported],
    ['BIND', [5, 2, 0, 1, 1, 2, 3, 4, ...port443], SocksReply.CommandNotSupported],
    ['a domain with "@"', [5, 1, 0, 3, 3, 97, 64, 98, ...port443], SocksReply.GeneralFailure],
    ['a domain with a NUL', [5, 1, 0, 3, 3, 97, 0, 98, ...port443], SocksReply.GeneralFailure],
  ])('refuses %s', (_name, bytes, code) => {
    expect(parseRequest(Buffer.from(bytes))).toMatchObject({ ok: false, reply: code });
  });

  it('replies with a zero bound address', () => {
    expect([...reply(SocksReply.NotAllowed)]).toEqual([5, 2, 0, 1, 0, 0, 0, 0, 0, 0]);
  });
});
