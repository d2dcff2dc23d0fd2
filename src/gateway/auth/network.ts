// Loopback detection shared by the listen check, the Origin/Host checks and the JWKS URL check.
import { createRequire } from 'node:module';
import type * as IpAddr from 'ipaddr.js';

let loaded: typeof IpAddr | undefined;
function ipaddr(): typeof IpAddr {
  loaded ??= createRequire(import.meta.url)('ipaddr.js') as typeof IpAddr;
  return loaded;
}

/**
 * True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped loopback (brackets allowed).
 * `0.0.0.0`, `::` and the empty string mean "every interface" and are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === 'localhost') return true;
  const ip = ipaddr();
  if (!ip.isValid(h)) return false;
  // Only canonical dotted-quad IPv4: ipaddr.js also accepts forms like `127.1` and `0x7f.1`.
  if (h.includes('.') && !h.includes(':') && !ip.IPv4.isValidFourPartDecimal(h)) return false;
  let addr = ip.parse(h);
  if (addr.kind() === 'ipv6' && (addr as IpAddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as IpAddr.IPv6).toIPv4Address();
  }
  return addr.range() === 'loopback';
}
