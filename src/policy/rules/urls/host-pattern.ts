import { canonicalHost } from './canonical-host.js';
import { parsePathPrefix } from './path-prefix.js';
import { inReservedSpace } from './special-hosts.js';

/**
 * One compiled allow/deny entry.
 *
 * | entry                            | host             | wildcard | scheme  | port | path    |
 * |----------------------------------|------------------|----------|---------|------|---------|
 * | `api.example.com`                | api.example.com  | no       | any     | -    | any     |
 * | `*.github.com`                   | github.com       | yes      | any     | -    | any     |
 * | `https://*.example.com:8443`     | example.com      | yes      | https   | 8443 | any     |
 * | `[::1]:3000`                     | [::1]            | no       | any     | 3000 | any     |
 * | `https://api.example.com/v1/`    | api.example.com  | no       | https   | -    | ['v1']  |
 *
 * `*.github.com` matches subdomains at any depth but NOT `github.com` itself: list the apex separately
 * when it is wanted. An omitted port means "the scheme's default port" in an allow entry and "any port"
 * in a deny entry; an omitted scheme or path means any.
 */
export interface HostPattern {
  /** The entry as written, for messages. */
  readonly source: string;
  /** Canonical host; for a wildcard, the suffix after `*.`. */
  readonly host: string;
  readonly kind: 'domain' | 'ipv4' | 'ipv6';
  readonly wildcard: boolean;
  /** Wildcard whose suffix is itself in a reserved space (`*.corp.internal`): may reach such names. */
  readonly reservedWildcard: boolean;
  readonly scheme: string | undefined;
  readonly port: number | undefined;
  /** Decoded path-prefix segments; undefined = any path. */
  readonly path: readonly string[] | undefined;
}

const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):\/\//i;
// Whitespace, controls, bidi/invisible characters, and characters that would make the entry mean
// different things to different URL parsers.
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\\@?#]|\p{Default_Ignorable_Code_Point}/u;
const PORT = /^\d{1,5}$/;

/**
 * Parse one network entry. Throws an Error whose message says what is wrong with it; the caller adds
 * which entry it was.
 *
 * @example
 * parseHostPattern('https://*.example.com:8443', new Set(['http', 'https']))
 * // { host: 'example.com', wildcard: true, scheme: 'https', port: 8443, path: undefined, ... }
 */
export function parseHostPattern(entry: unknown, schemes: ReadonlySet<string>): HostPattern {
  if (typeof entry !== 'string' || entry.length === 0) throw new Error('must be a non-empty string');
  if (entry.length > 2048) throw new Error('is longer than 2048 characters');
  if (UNSAFE.test(entry)) {
    throw new Error('contains whitespace, an invisible character, or one of \\ @ ? #');
  }
  let rest = entry;
  let scheme: string | undefined;
  const schemeMatch = SCHEME_PREFIX.exec(entry);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    if (!schemes.has(scheme))
      throw new Error(`scheme "${scheme}" is not in schemes (${[...schemes].join(', ')})`);
    rest = entry.slice(schemeMatch[0].length);
  } else if (!rest.includes('/') && !rest.startsWith('[') && rest.split(':').length > 2) {
    rest = `[${rest}]`; // a bare IPv6 address such as `::1`
  }

  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const pathText = slash === -1 ? undefined : rest.slice(slash);
  const { hostText, port } = splitPort(authority);

  const wildcard = hostText.startsWith('*.');
  const bareHost = wildcard ? hostText.slice(2) : hostText;
  if (bareHost.includes('*')) {
    throw new Error('"*" is only allowed as the whole first label, as in "*.example.com"');
  }
  if (bareHost.includes('%')) throw new Error('the host must not be percent-encoded');
  const canonical = canonicalHost(bareHost);
  if (!canonical) throw new Error(`"${bareHost}" is not a valid host name or IP address`);
  if (wildcard && canonical.kind !== 'domain') throw new Error('a wildcard needs a domain name after "*."');

  let path: readonly string[] | undefined;
  if (pathText !== undefined) {
    path = parsePathPrefix(pathText);
    if (path.length === 0) path = undefined; // `/` is every path
  }
  return {
    source: entry,
    host: canonical.host,
    kind: canonical.kind,
    wildcard,
    reservedWildcard: wildcard && inReservedSpace(canonical.host),
    scheme,
    port,
    path,
  };
}

function splitPort(authority: string): { hostText: string; port: number | undefined } {
  if (authority === '') throw new Error('has no host');
  let hostText = authority;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) throw new Error('has "[" without "]"');
    hostText = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw new Error(`unexpected "${after}" after the IPv6 address`);
      portText = after.slice(1);
    }
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon !== -1) {
      hostText = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  if (portText === undefined) return { hostText, port: undefined };
  const port = PORT.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`port "${portText}" is not a number from 1 to 65535`);
  return { hostText, port };
}
