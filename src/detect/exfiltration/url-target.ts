/** Where a URL really points, as a browser or fetcher would resolve it. */
export interface UrlTarget {
  readonly url: URL;
  /** Host name as `URL` gives it: lower case, punycode for IDN, `[…]` for IPv6, no trailing dot. */
  readonly host: string;
  /** `user:pass@` before the host (`https://allowed.example@evil.example/` hides the real host). */
  readonly hasUserinfo: boolean;
  /** An IPv4 or IPv6 address rather than a name (after `URL` normalized `0x7f.1` and friends). */
  readonly isIpLiteral: boolean;
  /** An internationalized host (punycode `xn--` label): possibly a homograph of a known one. */
  readonly isPunycode: boolean;
  /** Written without a scheme (`//evil.example/x`), inheriting the page's. */
  readonly protocolRelative: boolean;
}

// Only these schemes send a request to a host when a link or image is followed or rendered.
const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);
// A base for resolving protocol-relative and backslash forms; relative paths keep its host.
const BASE = 'https://relative.invalid/';
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// Named and numeric character references browsers decode inside attribute values.
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(colon|sol|period|commat|amp|quest|equals|num|percnt));?/gi;
const NAMED: Record<string, string> = {
  colon: ':',
  sol: '/',
  period: '.',
  commat: '@',
  amp: '&',
  quest: '?',
  equals: '=',
  num: '#',
  percnt: '%',
};

/**
 * Resolve a URL as written in markdown, HTML or CSS to the host it reaches, with WHATWG `URL`:
 * userinfo (`https://allowed.example@evil.example`), backslashes (`https:\\evil.example`),
 * protocol-relative (`//evil.example`), numeric IP forms and IDN all resolve as a browser would.
 * Returns undefined for relative paths and for schemes that reach no host (`data:`, `mailto:`,
 * `javascript:`). Never throws.
 *
 * @example
 * resolveUrlTarget('https://docs.example@evil.example/x')?.host // 'evil.example'
 * resolveUrlTarget('//evil.example/p.png')?.protocolRelative     // true
 * resolveUrlTarget('/images/logo.png')                           // undefined
 */
export function resolveUrlTarget(
  raw: string,
  options: { decodeEntities?: boolean } = {},
): UrlTarget | undefined {
  let written = raw.trim();
  if (options.decodeEntities && written.includes('&')) written = decodeEntities(written);
  if (written.length === 0 || written.length > 8192) return undefined;
  const schemeless = /^[\\/]{2}/.test(written);
  if (!schemeless && !/^[a-z][a-z0-9+.-]*:/i.test(written)) return undefined;
  let url: URL;
  try {
    url = new URL(written, BASE);
  } catch {
    return undefined;
  }
  if (!NETWORK_SCHEMES.has(url.protocol) || url.hostname === '' || url.hostname === 'relative.invalid') {
    return undefined;
  }
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  return {
    url,
    host,
    hasUserinfo: url.username !== '' || url.password !== '',
    isIpLiteral: IPV4.test(host) || host.startsWith('['),
    isPunycode: host.split('.').some((label) => label.startsWith('xn--')),
    protocolRelative: schemeless,
  };
}

function decodeEntities(s: string): string {
  return s.replace(
    ENTITY,
    (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED[name.toLowerCase()] ?? all;
      const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    },
  );
}
