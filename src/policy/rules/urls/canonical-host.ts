import { domainToUnicode } from 'node:url';

/** A host in the one spelling both allow entries and checked URLs are compared in. */
export interface CanonicalHost {
  /** ASCII, lower case, IDNA-mapped, no trailing dot; IPv4 dotted decimal; IPv6 `[compressed]`. */
  host: string;
  kind: 'domain' | 'ipv4' | 'ipv6';
}

// WHATWG has already lower-cased and IDNA-mapped the name; what is left must look like DNS
// (letters, digits, '-', '_' for service labels). Anything else (`*`, `!`, `$`) is a parser
// differential waiting to happen, so it is not a host we compare.
const DNS_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * Normalise a hostname produced by WHATWG's special-scheme host parser: drop one trailing dot
 * (`allowed.com.` is the same DNS name as `allowed.com`, and must not slip past `localhost` checks as
 * `localhost.`) and reject what is not a DNS name or IP address.
 *
 * @example
 * normaliseParsedHost('allowed.com.') // { host: 'allowed.com', kind: 'domain' }
 * normaliseParsedHost('a..b')         // undefined
 */
export function normaliseParsedHost(hostname: string): CanonicalHost | undefined {
  if (hostname.startsWith('[')) return { host: hostname, kind: 'ipv6' };
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  // WHATWG turns every host whose last label is numeric into dotted-quad IPv4 (or fails), so a
  // dotted quad here is always an address, whatever spelling (`0x7f.1`, `2130706433`) it came from.
  if (IPV4.test(host)) return { host, kind: 'ipv4' };
  if (host.length > 253 || !DNS_NAME.test(host)) return undefined;
  // An `xn--` label that is not valid punycode: Node 20's URL parser rejects it, Node 24's keeps it.
  // Refuse it everywhere so the same config means the same thing on every runtime.
  for (const label of host.split('.')) {
    if (label.startsWith('xn--')) {
      const decoded = domainToUnicode(label);
      if (decoded === '' || decoded === label) return undefined;
    }
  }
  return { host, kind: 'domain' };
}

/**
 * Canonicalise a host written by a person or found in an opaque (non-special scheme) URL, by running
 * it through the same WHATWG parser (IDNA, lower case, IPv4 number forms) that checked URLs go through.
 *
 * @example
 * canonicalHost('Bücher.DE')  // { host: 'xn--bcher-kva.de', kind: 'domain' }
 * canonicalHost('127.1')      // { host: '127.0.0.1', kind: 'ipv4' }
 */
export function canonicalHost(text: string): CanonicalHost | undefined {
  if (text.length === 0 || /[/?#@\\%\s]/.test(text)) return undefined;
  // Ports are split off by the caller; a stray `:` outside IPv6 brackets would be read as one.
  if (text.includes(':') && !text.startsWith('[')) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${text}/`);
  } catch {
    return undefined;
  }
  if (url.port !== '' || url.host !== url.hostname) return undefined;
  return normaliseParsedHost(url.hostname);
}
