import { type CanonicalHost, canonicalHost, normaliseParsedHost } from './canonical-host.js';
import { embeddedIpv4, isForbiddenCanonicalAddress } from './forbidden-address.js';
import type { HostPattern } from './host-pattern.js';
import type { HostTable, NetworkScope } from './network-scope.js';
import { allowsPath, deniesPath } from './path-prefix.js';
import { type SpecialHostKind, specialHostKind } from './special-hosts.js';

/**
 * Outcome of {@link checkUrl}. On success `url` is the normalised href (IDNA-mapped ASCII host, no
 * trailing dot, default port dropped, dot segments resolved): the caller must fetch `url`, not the raw
 * input, so that no other URL parser gets a chance to read it differently.
 */
export type UrlCheck = { ok: true; url: string; host: string } | { ok: false; rule: string; message: string };

export const MAX_URL_LENGTH = 8 * 1024;

// WHATWG "special" schemes: they get IDNA, IPv4 number parsing and a default port.
const DEFAULT_PORTS: ReadonlyMap<string, number> = new Map([
  ['http', 80],
  ['https', 443],
  ['ws', 80],
  ['wss', 443],
  ['ftp', 21],
]);

// Fast path: printable ASCII without backslash needs none of the character checks below.
const NOT_PLAIN = /[^\x21-\x5b\x5d-\x7e]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const WHITESPACE = /\s/;
// Default-ignorable code points (soft hyphen, zero-width and bidi controls, variation selectors,
// tags): IDNA maps many of them to nothing, and all of them make a URL read differently from what it is.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Characters IDNA 2003 (transitional) and IDNA 2008 (non-transitional) map differently: `faß.de` is
// `xn--fa-hia.de` to WHATWG but `fass.de` to older clients.
const IDNA_DEVIATION = /[\u00df\u03c2\u1e9e]/;

type Denial = Extract<UrlCheck, { ok: false }>;

function deny(rule: string, message: string): Denial {
  return { ok: false, rule: `urls.${rule}`, message };
}

/**
 * Decide whether an agent may reach `raw` under `scope`. Never throws: anything unexpected is a
 * `urls.internal-error` denial.
 *
 * Order: spelling (type, length, control/whitespace/invisible characters, backslash) -> scheme ->
 * `scheme://` form -> no userinfo, no percent-encoding in the authority -> WHATWG parse -> canonical
 * host -> deny entries -> allow entries (IP literals and well-known local names only by an exact
 * entry). Deny by default.
 *
 * DNS rebinding (an allowed name resolving to a private address) cannot be decided here, since a
 * pure policy does not resolve names; the sandbox egress proxy re-checks every resolved address with
 * `isForbiddenAddress`.
 *
 * @example
 * const scope = compileNetworkScope({ allow: ['api.example.com', '*.github.com'] });
 * checkUrl(scope, 'https://API.example.com./v1')  // { ok: true, url: 'https://api.example.com/v1', host: 'api.example.com' }
 * checkUrl(scope, 'https://api.example.com@evil.com/') // { ok: false, rule: 'urls.userinfo', ... }
 * checkUrl(scope, 'http://0x7f.1/')               // { ok: false, rule: 'urls.forbidden-address', ... }
 */
export function checkUrl(scope: NetworkScope, raw: unknown): UrlCheck {
  try {
    return check(scope, raw);
  } catch (error) {
    return deny('internal-error', `internal error while checking the URL: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function check(scope: NetworkScope, raw: unknown): UrlCheck {
  if (typeof raw !== 'string') return deny('not-a-string', 'URL must be a string');
  if (raw.length === 0) return deny('empty', 'URL is empty');
  if (raw.length > MAX_URL_LENGTH) return deny('too-long', `URL is longer than ${MAX_URL_LENGTH} characters`);
  const spelling = checkSpelling(raw);
  if (spelling) return spelling;

  const schemeMatch = SCHEME.exec(raw);
  if (!schemeMatch)
    return deny('relative', 'not an absolute URL; it must start with a scheme such as https://');
  const scheme = schemeMatch[1]!.toLowerCase();
  if (!scope.schemes.has(scheme)) {
    return deny(
      'scheme-not-allowed',
      `scheme "${scheme}:" is not allowed (allowed: ${[...scope.schemes].join(', ')})`,
    );
  }
  // WHATWG also accepts `http:host` and `http:///host`; other clients read those differently.
  const authorityStart = schemeMatch[0].length + 2;
  if (!raw.startsWith('//', schemeMatch[0].length)) {
    return deny('no-authority', `URL must have the form ${scheme}://host/...`);
  }
  const authority = raw.slice(authorityStart, authorityEnd(raw, authorityStart));
  if (authority === '') return deny('no-authority', `URL must have the form ${scheme}://host/...`);
  if (authority.includes('@')) {
    return deny(
      'userinfo',
      'URL carries credentials ("user@" or "user:pass@"); they leak secrets and confuse parsers',
    );
  }
  if (authority.includes('%')) return deny('encoded-host', 'the host must not be percent-encoded');
  if (IDNA_DEVIATION.test(authority)) {
    return deny(
      'idna-deviation',
      'the host contains ß or ς, which older and newer IDNA map to different hosts',
    );
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return deny('malformed', 'not a valid URL');
  }
  if (url.username !== '' || url.password !== '') return deny('userinfo', 'URL carries credentials');
  if (url.hostname === '') return deny('no-host', 'URL has no host');
  const canonical = DEFAULT_PORTS.has(scheme)
    ? normaliseParsedHost(url.hostname)
    : canonicalHost(url.hostname);
  if (!canonical) return deny('bad-host', `"${url.hostname}" is not a DNS name or IP address`);
  if (url.hostname !== canonical.host) {
    url.hostname = canonical.host;
    if (url.hostname !== canonical.host)
      return deny('bad-host', `host "${canonical.host}" cannot be normalised`);
  }
  const href = url.href;
  if (href.length > MAX_URL_LENGTH)
    return deny('too-long', `URL is longer than ${MAX_URL_LENGTH} characters`);

  const host = canonical.host;
  const explicitPort = url.port !== '';
  const port = explicitPort ? Number(url.port) : DEFAULT_PORTS.get(scheme);
  const request: Target = { scheme, port, explicitPort, pathname: url.pathname };

  const denied = findDenied(scope.deny, canonical, request);
  if (denied) return deny('host-denied', `${host} matches deny entry "${denied.source}"`);

  const special = canonical.kind === 'domain' ? specialHostKind(host) : undefined;
  const stage = allowStage(scope.allow, canonical, special, request);
  if (stage === Stage.Match) return { ok: true, url: href, host };
  return explainMiss(stage, canonical, special, request);
}

/** End of the authority: the first `/`, `?` or `#` (backslashes were refused earlier). */
function authorityEnd(raw: string, start: number): number {
  for (let i = start; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) return i;
  }
  return raw.length;
}

/** Refuse characters WHATWG strips or converts silently: the start of parser-differential attacks. */
function checkSpelling(raw: string): Denial | undefined {
  if (!NOT_PLAIN.test(raw)) return undefined;
  if (CONTROL.test(raw)) return deny('control-character', 'URL contains a control character');
  if (WHITESPACE.test(raw)) return deny('whitespace', 'URL contains whitespace; percent-encode it');
  if (raw.includes('\\')) return deny('backslash', 'URL contains a backslash; use "/" (or %5C in a path)');
  if (INVISIBLE.test(raw)) return deny('invisible-character', 'URL contains an invisible or bidi character');
  if (LONE_SURROGATE.test(raw)) return deny('bad-encoding', 'URL contains an unpaired UTF-16 surrogate');
  return undefined;
}

interface Target {
  scheme: string;
  /** Effective port: explicit, or the scheme's default (undefined for schemes without one). */
  port: number | undefined;
  explicitPort: boolean;
  pathname: string;
}

/** How far a URL got in matching allow entries; the furthest stage explains the denial. */
const Stage = { None: 0, Host: 1, Scheme: 2, Port: 3, Match: 4 } as const;
type Stage = number;

function allowStage(
  table: HostTable,
  canonical: CanonicalHost,
  special: SpecialHostKind | undefined,
  target: Target,
): Stage {
  let best = bestStage(table.exact.get(canonical.host), target, Stage.None);
  if (best === Stage.Match || canonical.kind !== 'domain' || special === 'metadata') return best;
  // Wildcards: look up every proper suffix (`a.b.github.com` -> `b.github.com`, `github.com`, `com`).
  const host = canonical.host;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const patterns = table.wildcard.get(host.slice(dot + 1));
    if (!patterns) continue;
    for (const p of patterns) {
      // A plain wildcard never reaches localhost/.internal names; one written inside that space does.
      if (special === 'reserved' && !p.reservedWildcard) continue;
      best = Math.max(best, allowStageOf(p, target));
      if (best === Stage.Match) return best;
    }
  }
  return best;
}

function bestStage(patterns: readonly HostPattern[] | undefined, target: Target, start: Stage): Stage {
  let best = start;
  if (!patterns) return best;
  for (const p of patterns) {
    best = Math.max(best, allowStageOf(p, target));
    if (best === Stage.Match) break;
  }
  return best;
}

function allowStageOf(p: HostPattern, target: Target): Stage {
  if (p.scheme !== undefined && p.scheme !== target.scheme) return Stage.Host;
  // No port in an allow entry means the scheme's default port only.
  if (p.port === undefined ? target.explicitPort : p.port !== target.port) return Stage.Scheme;
  if (p.path !== undefined && !allowsPath(p.path, target.pathname)) return Stage.Port;
  return Stage.Match;
}

function findDenied(table: HostTable, canonical: CanonicalHost, target: Target): HostPattern | undefined {
  if (table.exact.size === 0 && table.wildcard.size === 0) return undefined;
  const hit = firstDenied(table.exact.get(canonical.host), target);
  if (hit) return hit;
  if (canonical.kind === 'ipv6') {
    // A deny entry for 127.0.0.1 also covers [::ffff:7f00:1] and the other wrappings.
    const v4 = embeddedIpv4(canonical.host);
    return v4 === undefined ? undefined : firstDenied(table.exact.get(v4), target);
  }
  if (canonical.kind !== 'domain') return undefined;
  const host = canonical.host;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const found = firstDenied(table.wildcard.get(host.slice(dot + 1)), target);
    if (found) return found;
  }
  return undefined;
}

function firstDenied(patterns: readonly HostPattern[] | undefined, target: Target): HostPattern | undefined {
  if (!patterns) return undefined;
  for (const p of patterns) {
    // Omitted parts of a deny entry mean "any"; paths are read leniently.
    if (p.scheme !== undefined && p.scheme !== target.scheme) continue;
    if (p.port !== undefined && p.port !== target.port) continue;
    if (p.path !== undefined && !deniesPath(p.path, target.pathname)) continue;
    return p;
  }
  return undefined;
}

function explainMiss(
  stage: Stage,
  canonical: CanonicalHost,
  special: SpecialHostKind | undefined,
  target: Target,
): Denial {
  const host = canonical.host;
  if (stage === Stage.Host) return deny('scheme-not-allowed', `${target.scheme}: is not allowed for ${host}`);
  if (stage === Stage.Scheme) {
    const port = target.port === undefined ? 'no port' : `port ${target.port}`;
    return deny('port-not-allowed', `${port} is not allowed for ${host}`);
  }
  if (stage === Stage.Port)
    return deny('path-not-allowed', `path ${target.pathname} is not allowed for ${host}`);
  if (canonical.kind !== 'domain') {
    return isForbiddenCanonicalAddress(host)
      ? deny(
          'forbidden-address',
          `${host} is a loopback, private, link-local or reserved address; only an allow entry naming it exactly reaches it`,
        )
      : deny('ip-literal', `IP address ${host} is not in the allow list; IP literals must be listed exactly`);
  }
  if (special === 'metadata') {
    return deny(
      'special-host',
      `${host} is a cloud metadata name; only an allow entry naming it exactly reaches it`,
    );
  }
  if (special === 'reserved') {
    return deny('special-host', `${host} is a local/private name; only an allow entry naming it reaches it`);
  }
  return deny('host-not-allowed', `host ${host} is not in the allow list`);
}
