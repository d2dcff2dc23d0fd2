// Request parsing and body framing in isolation: the framing decides which bytes reach an upstream,
// so it must give the same answer however the bytes are split across reads.
import { describe, expect, it } from 'vitest';
import { BodyFramer, bodyFraming, parseAuthority, parseRequestHead, upstreamHead } from './http-head.js';

function head(text: string) {
  const parsed = parseRequestHead(text);
  if (!parsed) throw new Error(`did not parse: ${text}`);
  return parsed;
}

/** Feed `data` in pieces of `size` bytes; return what the framer forwarded and whether it finished. */
function frame(framer: BodyFramer, data: string, size: number): { body: string; done: boolean } {
  let body = '';
  const bytes = Buffer.from(data, 'latin1');
  for (let i = 0; i < bytes.length; i += size)
    body += framer.push(bytes.subarray(i, i + size)).toString('latin1');
  return { body, done: framer.done };
}

describe('parseRequestHead', () => {
  it('parses a request line and headers, trimming optional whitespace', () => {
    expect(parseRequestHead('GET http://a.test/x HTTP/1.1\r\nHost:  a.test \r\nX-Empty:')).toEqual({
      method: 'GET',
      target: 'http://a.test/x',
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'a.test'],
        ['X-Empty', ''],
      ],
    });
  });

  it.each([
    'GET  http://a.test/ HTTP/1.1',
    'GET http://a.test/ HTTP/1.2',
    'GET http://a.test/ http/1.1',
    'G(T http://a.test/ HTTP/1.1',
    'GET http://a.test/\u00e9 HTTP/1.1',
    `GET http://a.test/ HTTP/1.1${'\r\nX: 1'.repeat(101)}`,
  ])('refuses %j', (text) => {
    expect(parseRequestHead(text)).toBeUndefined();
  });
});

describe('parseAuthority', () => {
  it('splits host and port', () => {
    expect(parseAuthority('a.test:443')).toEqual({ hostText: 'a.test', port: 443 });
    expect(parseAuthority('[2001:db8::1]:8443')).toEqual({ hostText: '[2001:db8::1]', port: 8443 });
  });

  it.each(['a.test', ':443', 'a.test:', 'a b:443', 'a.test:+443', '[::1]443', 'ä.test:443'])(
    'refuses %j',
    (t) => {
      expect(parseAuthority(t)).toBeUndefined();
    },
  );
});

describe('bodyFraming', () => {
  it('reads Content-Length, repeated identical values and chunked', () => {
    expect(bodyFraming(head('POST http://a/ HTTP/1.1\r\nContent-Length: 4'))).toEqual({
      kind: 'length',
      length: 4,
    });
    expect(bodyFraming(head('POST http://a/ HTTP/1.1\r\nContent-Length: 4, 4'))).toEqual({
      kind: 'length',
      length: 4,
    });
    expect(bodyFraming(head('POST http://a/ HTTP/1.1\r\ntransfer-encoding: Chunked'))).toEqual({
      kind: 'chunked',
    });
    expect(bodyFraming(head('GET http://a/ HTTP/1.1'))).toEqual({ kind: 'none' });
  });

  it('refuses Transfer-Encoding on HTTP/1.0 and split codings', () => {
    expect(bodyFraming(head('POST http://a/ HTTP/1.0\r\nTransfer-Encoding: chunked'))).toBeUndefined();
    expect(
      bodyFraming(
        head('POST http://a/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked'),
      ),
    ).toBeUndefined();
    expect(bodyFraming(head('POST http://a/ HTTP/1.1\r\nContent-Length: 1e3'))).toBeUndefined();
  });
});

describe('upstreamHead', () => {
  it('never lets a Connection list remove the framing headers', () => {
    const text = upstreamHead(
      head(
        'POST http://a.test/p HTTP/1.1\r\nConnection: Content-Length, Host, X-Gone\r\nContent-Length: 3\r\nX-Gone: 1',
      ),
      new URL('http://a.test/p'),
    );
    expect(text).toBe('POST /p HTTP/1.1\r\nHost: a.test\r\nContent-Length: 3\r\nConnection: close\r\n\r\n');
  });
});

describe('BodyFramer', () => {
  const chunked = '4\r\nWiki\r\n5;name=x\r\npedia\r\n0\r\nTrailer-A: 1\r\n\r\n';

  it.each([1, 2, 3, 7, 1000])('finds the end of a chunked body fed %i bytes at a time', (size) => {
    const result = frame(
      new BodyFramer({ kind: 'chunked' }),
      `${chunked}GET http://evil/ HTTP/1.1\r\n\r\n`,
      size,
    );
    expect(result).toEqual({ body: chunked, done: true });
  });

  it('stops a Content-Length body at its length', () => {
    expect(frame(new BodyFramer({ kind: 'length', length: 5 }), 'helloEXTRA', 3)).toEqual({
      body: 'hello',
      done: true,
    });
  });

  it.each([
    ['a bad size', 'zz\r\n'],
    ['data longer than its size', '2\r\nabc\r\n'],
    ['a bare LF', '2\nab\r\n'],
    ['an endless size line', '1'.repeat(5000)],
    ['a malformed trailer', '0\r\nno colon\r\n\r\n'],
  ])('throws on %s', (_name, data) => {
    expect(() => frame(new BodyFramer({ kind: 'chunked' }), data, 1)).toThrow();
  });
});
