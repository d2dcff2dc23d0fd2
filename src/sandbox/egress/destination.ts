// Where an egress connection may go. The policy half (checkUrl against the profile's allowlist) is
// pure; this file adds what a pure policy cannot see: what a name resolves to. The name is resolved
// once, every address is checked, and the caller connects to exactly those checked addresses, so a
// DNS answer that changes between check and connect (rebinding) never reaches a private address.
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { checkUrl, type UrlCheck } from '../../policy/rules/urls/check-url.js';
import { embeddedIpv4, isForbiddenAddress } from '../../policy/rules/urls/forbidden-address.js';
import type { NetworkScope } from '../../policy/rules/urls/network-scope.js';

/** Why the proxy refused a connection. */
export type EgressDenialReason = 'not-allowlisted' | 'forbidden-address' | 'dns-failed' | 'bad-request';

/** One address a name resolved to, as `dns.promises.lookup(host, { all: true })` returns it. */
export interface EgressLookupAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all of its addresses. Injected in tests; defaults to the system resolver. */
export type EgressLookup = (hostname: string) => Promise<readonly EgressLookupAddress[]>;

/** The outcome of checking a destination: the exact addresses to connect to, or why not. */
export type DestinationCheck =
  | { ok: true; host: string; port: number; addresses: readonly string[] }
  | { ok: false; reason: EgressDenialReason; rule: string; message: string };

export interface DestinationPolicy {
  network: NetworkScope;
  lookup: EgressLookup;
  isAddressAllowed: (ip: string) => boolean;
  /** Upper bound for the DNS lookup, in ms. */
  lookupTimeoutMs: number;
}

/** The system resolver: every address, in the order the OS gives them. */
export const systemLookup: EgressLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The default address check: only plain public unicast addresses may be reached.
 *
 * @example
 * defaultIsAddressAllowed('93.184.216.34') // true
 * defaultIsAddressAllowed('10.0.0.1')      // false
 */
export function defaultIsAddressAllowed(ip: string): boolean {
  return !isForbiddenAddress(ip);
}

const METADATA_V4 = new Set(['100.100.100.200']);
const METADATA_V6 = new Set(['fd00:ec2::254']);

/**
 * Cloud instance-metadata addresses (the whole link-local 169.254/16, Alibaba's 100.100.100.200, AWS's
 * fd00:ec2::254, and any IPv6 form wrapping them). They hold credentials, so the proxy refuses them
 * even when an `isAddressAllowed` override would let them through.
 *
 * @example
 * isMetadataAddress('169.254.169.254')        // true
 * isMetadataAddress('::ffff:169.254.169.254') // true
 */
export function isMetadataAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  let v4: string | undefined;
  if (isIP(bare) === 4) v4 = bare;
  else if (isIP(bare) === 6) {
    let canonical: string;
    try {
      canonical = new URL(`http://[${bare}]/`).hostname;
    } catch {
      return true;
    }
    if (METADATA_V6.has(canonical.slice(1, -1))) return true;
    v4 = embeddedIpv4(canonical);
  } else return true; // not an address at all: fail closed
  return v4 !== undefined && (v4.startsWith('169.254.') || METADATA_V4.has(v4));
}

// Schemes whose traffic a tunnel may carry; checkUrl refuses those the profile's scope leaves out.
const TUNNEL_SCHEMES = ['https', 'http', 'wss', 'ws'] as const;

/**
 * Check the destination of an opaque tunnel (HTTP CONNECT, SOCKS5 CONNECT). `hostText` is a DNS
 * name, a dotted IPv4 address or a bracketed IPv6 address, already restricted to safe characters.
 *
 * The proxy cannot see which protocol runs inside a tunnel, so the destination is allowed when the
 * profile allows `https://host:port/`, `http://host:port/` (or the `wss`/`ws` equivalents) — ports
 * 443 and 80 match entries without a port — and refused when any of them hits a deny entry. Entries
 * with a path prefix cannot be honoured inside a tunnel and therefore never allow one.
 *
 * @example
 * await checkTunnelDestination(policy, 'api.github.com', 443)
 * // { ok: true, host: 'api.github.com', port: 443, addresses: ['140.82.112.6'] }
 * await checkTunnelDestination(policy, '169.254.169.254', 80)
 * // { ok: false, reason: 'forbidden-address', rule: 'urls.forbidden-address', ... }
 */
export async function checkTunnelDestination(
  policy: DestinationPolicy,
  hostText: string,
  port: number,
): Promise<DestinationCheck> {
  const checks = TUNNEL_SCHEMES.map((scheme) => checkUrl(policy.network, `${scheme}://${hostText}:${port}/`));
  const denied = checks.find((c) => !c.ok && c.rule === 'urls.host-denied');
  const allowed = checks.find((c) => c.ok);
  if (denied || !allowed) return policyDenial((denied ?? pickDenial(checks, port))!);
  return pinAddresses(policy, allowed.host, port);
}

/**
 * Check the absolute URL of a plain-HTTP proxy request, path included, then pin its addresses.
 * On success `url` is the normalised URL the request must be sent as.
 *
 * @example
 * const check = await checkHttpDestination(policy, 'http://Example.com./a/../b');
 * check.ok && check.url?.href // 'http://example.com/b'
 */
export async function checkHttpDestination(
  policy: DestinationPolicy,
  rawUrl: string,
): Promise<DestinationCheck & { url?: URL }> {
  const check = checkUrl(policy.network, rawUrl);
  if (!check.ok) return policyDenial(check);
  const url = new URL(check.url);
  const port = url.port === '' ? 80 : Number(url.port);
  const pinned = await pinAddresses(policy, check.host, port);
  return pinned.ok ? { ...pinned, url } : pinned;
}

// The check that got furthest explains the denial best: a path or port mismatch says more than
// "scheme not allowed" for the scheme the tunnel was only guessed to carry.
const EXPLAINS_BEST = ['urls.path-not-allowed', 'urls.port-not-allowed'];

function pickDenial(checks: UrlCheck[], port: number): UrlCheck | undefined {
  for (const rule of EXPLAINS_BEST) {
    const found = checks.find((c) => !c.ok && c.rule === rule);
    if (found) return found;
  }
  // Otherwise the scheme the port suggests: port 80 is plain HTTP, anything else most likely TLS.
  return port === 80 ? checks[1] : checks[0];
}

function policyDenial(check: UrlCheck): DestinationCheck {
  if (check.ok) throw new Error('unreachable: an allowed check is not a denial');
  const reason = check.rule === 'urls.forbidden-address' ? 'forbidden-address' : 'not-allowlisted';
  return { ok: false, reason, rule: check.rule, message: check.message };
}

/**
 * Resolve `host` (canonical, from checkUrl) once and check every address; an IP literal is checked
 * as it is. Refuses when any address is forbidden or when there is none.
 */
async function pinAddresses(
  policy: DestinationPolicy,
  host: string,
  port: number,
): Promise<DestinationCheck> {
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  let addresses: string[];
  if (isIP(literal) !== 0) {
    addresses = [literal];
  } else {
    let answer: readonly EgressLookupAddress[];
    try {
      answer = await withTimeout(policy.lookup(host), policy.lookupTimeoutMs);
    } catch {
      return {
        ok: false,
        reason: 'dns-failed',
        rule: 'egress.dns-failed',
        message: `cannot resolve ${host}`,
      };
    }
    addresses = [...new Set(Array.isArray(answer) ? answer.map((a) => a?.address) : [])] as string[];
    if (addresses.length === 0) {
      return {
        ok: false,
        reason: 'dns-failed',
        rule: 'egress.dns-failed',
        message: `${host} has no addresses`,
      };
    }
  }
  for (const ip of addresses) {
    if (typeof ip !== 'string' || isIP(ip) === 0 || isMetadataAddress(ip) || !addressAllowed(policy, ip)) {
      return {
        ok: false,
        reason: 'forbidden-address',
        rule: 'egress.forbidden-address',
        message: `${host} resolves to ${String(ip)}, a loopback, private, link-local, metadata or reserved address`,
      };
    }
  }
  return { ok: true, host, port, addresses };
}

function addressAllowed(policy: DestinationPolicy, ip: string): boolean {
  try {
    return policy.isAddressAllowed(ip) === true;
  } catch {
    return false;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
