// Strict HTTP/1.x request parsing for the egress proxy. The proxy re-serialises every request it
// forwards, so the upstream sees exactly the framing the proxy decided on; anything ambiguous
// (bare LF, obs-fold, Content-Length next to Transfer-Encoding, conflicting lengths) is refused
// rather than guessed, since a guess that differs from the upstream's is request smuggling.

/** A parsed request head. Header names keep their spelling; compare them lower-cased. */
export interface RequestHead {
  method: string;
  target: string;
  version: 'HTTP/1.0' | 'HTTP/1.1';
  headers: readonly (readonly [string, string])[];
}

/** How the request body is delimited. */
export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' };

export const MAX_HEADER_COUNT = 100;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([\x21-\x7e]+) (HTTP\/1\.[01])$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const AUTHORITY = /^(?:\[([0-9A-Fa-f:.]{2,45})\]|([A-Za-z0-9._-]{1,253})):(\d{1,5})$/;
const DIGITS = /^\d{1,15}$/;

// Hop-by-hop headers (RFC 9110 7.6.1) plus every Proxy-* header: none of them go upstream.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'te', 'trailer', 'upgrade', 'http2-settings']);
// Framing and routing headers a `Connection:` list must not be able to remove.
const PROTECTED = new Set(['content-length', 'transfer-encoding', 'host']);

/**
 * Parse a request head (everything before the blank line, without it). Returns undefined when it
 * is not a well-formed HTTP/1.0 or HTTP/1.1 request head.
 *
 * @example
 * parseRequestHead('CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443')
 * // { method: 'CONNECT', target: 'api.example.com:443', version: 'HTTP/1.1', headers: [['Host', ...]] }
 */
export function parseRequestHead(text: string): RequestHead | undefined {
  // Every LF must end a CRLF pair and every CR must start one.
  if (/(?<!\r)\n|\r(?!\n)/.test(text)) return undefined;
  const lines = text.split('\r\n');
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) return undefined;
  if (lines.length - 1 > MAX_HEADER_COUNT) return undefined;
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined; // also refuses obs-fold and empty names
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) return undefined;
    headers.push([name, value]);
  }
  return { method: match[1]!, target: match[2]!, version: match[3] as RequestHead['version'], headers };
}

/**
 * Split a CONNECT target (`host:port`, `[v6]:port`) strictly: letters, digits, `.`, `-`, `_` only,
 * so userinfo (`a@b`), fragments (`a#b`), paths and percent-encoding never reach the URL check.
 *
 * @example
 * parseAuthority('api.example.com:443') // { hostText: 'api.example.com', port: 443 }
 * parseAuthority('a.com@evil.com:443')  // undefined
 */
export function parseAuthority(target: string): { hostText: string; port: number } | undefined {
  const match = AUTHORITY.exec(target);
  if (!match) return undefined;
  const port = Number(match[3]);
  if (!(port >= 1 && port <= 65535)) return undefined;
  const hostText = match[1] !== undefined ? `[${match[1]}]` : match[2]!;
  return { hostText, port };
}

/**
 * Decide how the request body is delimited; undefined when the head is ambiguous and must be
 * refused (both Content-Length and Transfer-Encoding, several differing lengths, a coding other
 * than a single `chunked`).
 *
 * @example
 * bodyFraming(head) // { kind: 'length', length: 12 }
 */
export function bodyFraming(head: RequestHead): BodyFraming | undefined {
  const lengths: string[] = [];
  const codings: string[] = [];
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') lengths.push(...value.split(',').map((v) => v.trim()));
    else if (lower === 'transfer-encoding') codings.push(...value.split(',').map((v) => v.trim()));
  }
  if (codings.length > 0) {
    if (lengths.length > 0 || head.version === 'HTTP/1.0') return undefined;
    if (codings.length !== 1 || codings[0]!.toLowerCase() !== 'chunked') return undefined;
    return { kind: 'chunked' };
  }
  if (lengths.length === 0) return { kind: 'none' };
  const first = lengths[0]!;
  if (!DIGITS.test(first) || lengths.some((l) => l !== first)) return undefined;
  const length = Number(first);
  return length === 0 ? { kind: 'none' } : { kind: 'length', length };
}

/**
 * The head to send upstream: origin-form request line, `Host` set to the checked URL's host (a
 * client-chosen Host header could front another site on a shared server), hop-by-hop and Proxy-*
 * headers removed, `Connection: close` so that one client request maps to one upstream connection.
 *
 * @example
 * upstreamHead(head, new URL('http://api.example.com/v1?q=1'))
 * // 'GET /v1?q=1 HTTP/1.1\r\nHost: api.example.com\r\n...Connection: close\r\n\r\n'
 */
export function upstreamHead(head: RequestHead, url: URL): string {
  const listed = new Set<string>();
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (lower === 'connection' || lower === 'proxy-connection') {
      for (const token of value.split(',')) {
        const t = token.trim().toLowerCase();
        if (t !== '' && !PROTECTED.has(t)) listed.add(t);
      }
    }
  }
  const lines = [`${head.method} ${url.pathname}${url.search} ${head.version}`, `Host: ${url.host}`];
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower.startsWith('proxy-') || HOP_BY_HOP.has(lower) || listed.has(lower))
      continue;
    lines.push(`${name}: ${value}`);
  }
  lines.push('Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const MAX_CHUNK_LINE = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;

/**
 * Follows a request body through its framing so that exactly the body is forwarded, and nothing
 * after it: bytes past the end (a pipelined second request) would otherwise reach the upstream
 * without being checked. `push` returns the bytes that belong to the body, `done` once it ended,
 * and throws on malformed chunked framing.
 */
export class BodyFramer {
  private remaining: number;
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' | 'done';
  private line = '';
  private trailerBytes = 0;

  constructor(private readonly framing: BodyFraming) {
    this.remaining = framing.kind === 'length' ? framing.length : 0;
    this.state = framing.kind === 'chunked' ? 'size' : framing.kind === 'length' ? 'data' : 'done';
  }

  get done(): boolean {
    return this.state === 'done';
  }

  /** The prefix of `chunk` that belongs to the body. */
  push(chunk: Buffer): Buffer {
    if (this.state === 'done') return chunk.subarray(0, 0);
    if (this.framing.kind === 'length') {
      const take = Math.min(this.remaining, chunk.length);
      this.remaining -= take;
      if (this.remaining === 0) this.state = 'done';
      return chunk.subarray(0, take);
    }
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-crlf';
        continue;
      }
      // size, data-crlf and trailer are line-oriented.
      const byte = chunk[i++]!;
      this.line += String.fromCharCode(byte);
      if (this.state === 'trailer' && ++this.trailerBytes > MAX_TRAILER_BYTES)
        throw new Error('trailer too large');
      if (this.line.length > MAX_CHUNK_LINE) throw new Error('chunk line too long');
      if (byte !== 0x0a) continue;
      if (!this.line.endsWith('\r\n')) throw new Error('bare LF in chunked body');
      const line = this.line.slice(0, -2);
      this.line = '';
      this.endLine(line);
    }
    return chunk.subarray(0, i);
  }

  private endLine(line: string): void {
    if (this.state === 'data-crlf') {
      if (line !== '') throw new Error('chunk data longer than its size');
      this.state = 'size';
    } else if (this.state === 'size') {
      const match = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;[\t\x20-\x7e]*)?$/.exec(line);
      if (!match) throw new Error('malformed chunk size');
      this.remaining = parseInt(match[1]!, 16);
      this.state = this.remaining === 0 ? 'trailer' : 'data';
    } else if (this.state === 'trailer') {
      if (line === '') this.state = 'done';
      else if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e\x80-\xff]*$/.test(line)) {
        throw new Error('malformed trailer');
      }
    }
  }
}
