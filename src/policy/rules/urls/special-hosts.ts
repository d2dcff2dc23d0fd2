/**
 * Host names that mean "this machine" or "the cloud control plane" no matter what public DNS says.
 * They are denied unless a profile names them, because an allowlist written for public APIs must not
 * be stretched to the metadata service by a clever host name.
 *
 * - `metadata`: instance-metadata endpoints (credentials live there). Only an exact allow entry reaches
 *   them; no wildcard does, not even `*.internal`.
 * - `reserved`: names under suffixes reserved for local or private use (`localhost` and `*.localhost`
 *   per RFC 6761, `.internal` per ICANN 2024, mDNS `.local`, `.home.arpa` per RFC 8375, `.localdomain`).
 *   An exact entry reaches them, and so does a wildcard that is itself inside the reserved suffix
 *   (`*.corp.internal`, `*.localhost`), since writing it is an explicit choice of the private space.
 *
 * IP-literal metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200) are covered by the
 * address ranges in `forbidden-address.ts`.
 */
export type SpecialHostKind = 'metadata' | 'reserved';

const METADATA_HOSTS: ReadonlySet<string> = new Set([
  'metadata', // GCP short name (resolves via the search domain)
  'metadata.google.internal', // GCP
  'metadata.goog', // GCP
  'instance-data', // AWS short name
  'instance-data.ec2.internal', // AWS
  'metadata.tencentyun.com', // Tencent Cloud
]);

const RESERVED_NAMES: ReadonlySet<string> = new Set(['ip6-localhost', 'ip6-loopback']);
const RESERVED_SUFFIXES: readonly string[] = ['localhost', 'internal', 'local', 'localdomain', 'home.arpa'];

/**
 * Whether `host` (canonical: ASCII, lower case, no trailing dot) is special, and how.
 *
 * @example
 * specialHostKind('metadata.google.internal') // 'metadata'
 * specialHostKind('api.localhost')            // 'reserved'
 * specialHostKind('api.github.com')           // undefined
 */
export function specialHostKind(host: string): SpecialHostKind | undefined {
  if (METADATA_HOSTS.has(host)) return 'metadata';
  if (RESERVED_NAMES.has(host) || inReservedSpace(host)) return 'reserved';
  return undefined;
}

/**
 * True when `host` is a reserved suffix or lies below one.
 *
 * @example
 * inReservedSpace('a.b.internal') // true
 * inReservedSpace('myinternal')   // false
 */
export function inReservedSpace(host: string): boolean {
  for (const suffix of RESERVED_SUFFIXES) {
    if (host === suffix) return true;
    if (
      host.length > suffix.length &&
      host.endsWith(suffix) &&
      host[host.length - suffix.length - 1] === '.'
    ) {
      return true;
    }
  }
  return false;
}
