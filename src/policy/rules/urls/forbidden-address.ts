import { createRequire } from 'node:module';
import type * as IpAddr from 'ipaddr.js';

// Loaded on first use: only URLs with IP-literal hosts need it, and a one-shot CLI run saves ~9 ms.
let loaded: typeof IpAddr | undefined;
function ip(): typeof IpAddr {
  loaded ??= createRequire(import.meta.url)('ipaddr.js') as typeof IpAddr;
  return loaded;
}

/**
 * Addresses an agent must never reach unless a profile names them: everything that is not plain
 * public unicast. That covers loopback, RFC 1918 private, CGNAT (100.64/10), link-local (169.254/16,
 * home of the cloud metadata endpoint 169.254.169.254), 0.0.0.0/8, multicast, broadcast, reserved and
 * documentation ranges, and for IPv6 `::`, `::1`, ULA fc00::/7, fe80::/10, site-local, discard,
 * Teredo and the deprecated IPv4-compatible ::/96.
 *
 * IPv6 forms that wrap an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, SIIT `::ffff:0:a.b.c.d`, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the address they wrap: a DNS64 network legitimately
 * hands out `64:ff9b::8.8.8.8`, but `64:ff9b::10.0.0.1` is a private host in disguise.
 *
 * A pure policy cannot see DNS: an allowed name may resolve to 127.0.0.1 (DNS rebinding, `*.nip.io`).
 * The sandbox egress proxy resolves names and must re-check every address it connects to with this
 * function; that is why it is exported.
 *
 * Accepts any spelling WHATWG's host parser accepts (`127.1`, `0x7f000001`, `[::1]`, `::1`). Anything
 * that is not an IP address at all, or carries an IPv6 zone id, counts as forbidden (fail closed).
 *
 * @example
 * isForbiddenAddress('169.254.169.254') // true
 * isForbiddenAddress('[::ffff:7f00:1]') // true
 * isForbiddenAddress('8.8.8.8')         // false
 */
export function isForbiddenAddress(ip: string): boolean {
  if (typeof ip !== 'string' || ip.length === 0 || ip.length > 64) return true;
  let text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (text.includes('%') || text.includes('[') || text.includes(']')) return true; // zone ids, junk
  if (text.includes(':')) text = `[${text}]`;
  let host: string;
  try {
    host = new URL(`http://${text}/`).hostname;
  } catch {
    return true;
  }
  return isForbiddenCanonicalAddress(host);
}

/**
 * Like {@link isForbiddenAddress} for a host already canonicalised by WHATWG (`127.0.0.1`,
 * `[::ffff:7f00:1]`); a host that is neither form (a domain name) counts as forbidden.
 *
 * @example
 * isForbiddenCanonicalAddress('[fd00:ec2::254]') // true
 */
export function isForbiddenCanonicalAddress(host: string): boolean {
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    if (!ip().IPv6.isValid(inner)) return true;
    return ipv6Forbidden(ip().IPv6.parse(inner));
  }
  if (!ip().IPv4.isValidFourPartDecimal(host)) return true;
  return ipv4Forbidden(ip().IPv4.parse(host));
}

/**
 * The IPv4 address an IPv6 address wraps, when it is one of the translation forms; used so that a
 * deny entry for `127.0.0.1` also stops `[::ffff:7f00:1]`.
 *
 * @example
 * embeddedIpv4('[64:ff9b::a00:1]') // '10.0.0.1'
 */
export function embeddedIpv4(host: string): string | undefined {
  if (!host.startsWith('[')) return undefined;
  const inner = host.slice(1, -1);
  if (!ip().IPv6.isValid(inner)) return undefined;
  const v4 = wrappedIpv4(ip().IPv6.parse(inner));
  return v4?.toString();
}

function ipv4Forbidden(address: IpAddr.IPv4): boolean {
  return address.range() !== 'unicast';
}

function ipv6Forbidden(address: IpAddr.IPv6): boolean {
  const p = address.parts;
  // ::/96: `::`, `::1` and the deprecated IPv4-compatible form; ipaddr.js calls the latter unicast.
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) return true;
  const range = address.range();
  if (range === 'unicast') return false;
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052' || range === '6to4') {
    const v4 = wrappedIpv4(address);
    return v4 === undefined || ipv4Forbidden(v4);
  }
  return true;
}

function wrappedIpv4(address: IpAddr.IPv6): IpAddr.IPv4 | undefined {
  const p = address.parts;
  const fromWords = (hi: number, lo: number) => new (ip().IPv4)([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((w) => w === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (RFC 6145)
  if (zeros(0, 5) && p[5] === 0xffff) return fromWords(p[6]!, p[7]!);
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return fromWords(p[6]!, p[7]!);
  // ::a.b.c.d, the deprecated IPv4-compatible form
  if (zeros(0, 6)) return fromWords(p[6]!, p[7]!);
  // 64:ff9b::/96 well-known NAT64 prefix; the local-use 64:ff9b:1::/48 has no fixed layout
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return fromWords(p[6]!, p[7]!);
  // 2002:AABB:CCDD::/48 6to4
  if (p[0] === 0x2002) return fromWords(p[1]!, p[2]!);
  return undefined;
}
