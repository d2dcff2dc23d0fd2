import { WardenError, WardenErrorCode } from '../../../errors/warden-error.js';
import { type HostPattern, parseHostPattern } from './host-pattern.js';

/** Network entries as written in a profile. See {@link HostPattern} for the entry syntax. */
export interface NetworkScopeConfig {
  allow: readonly string[];
  /** Same syntax as `allow`; a match here wins over any allow entry. */
  deny?: readonly string[];
  /** URL schemes an agent may use at all. Default `['http', 'https']`. */
  schemes?: readonly string[];
}

/** Entries indexed for lookup: exact hosts in a Map, wildcard suffixes in another. */
export interface HostTable {
  readonly exact: ReadonlyMap<string, readonly HostPattern[]>;
  readonly wildcard: ReadonlyMap<string, readonly HostPattern[]>;
}

/** A compiled {@link NetworkScopeConfig}; build it once per profile with {@link compileNetworkScope}. */
export interface NetworkScope {
  readonly schemes: ReadonlySet<string>;
  readonly allow: HostTable;
  readonly deny: HostTable;
}

export const DEFAULT_SCHEMES: readonly string[] = ['http', 'https'];

// Schemes without a network host: they belong to other rules (`file:` to the path rule) or to none.
const NON_NETWORK_SCHEMES = new Set([
  'about',
  'blob',
  'data',
  'file',
  'filesystem',
  'javascript',
  'mailto',
  'tel',
  'vbscript',
]);
const SCHEME = /^[a-z][a-z0-9+.-]*$/;

/**
 * Compile network entries into lookup tables. Throws a {@link WardenError} (`CONFIG_INVALID`, an
 * Error) naming the offending entry by list, index and value.
 *
 * @example
 * const scope = compileNetworkScope({ allow: ['api.github.com', '*.githubusercontent.com'] });
 * checkUrl(scope, 'https://api.github.com/repos').ok // true
 */
export function compileNetworkScope(config: NetworkScopeConfig): NetworkScope {
  if (typeof config !== 'object' || config === null) invalid('network', 'must be an object');
  const schemes = compileSchemes(config.schemes ?? DEFAULT_SCHEMES);
  return {
    schemes,
    allow: compileTable('allow', config.allow, schemes),
    deny: compileTable('deny', config.deny ?? [], schemes),
  };
}

function compileSchemes(list: readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(list) || list.length === 0) invalid('schemes', 'must be a non-empty list');
  const schemes = new Set<string>();
  list.forEach((value: unknown, index) => {
    const where = `schemes[${index}]`;
    if (typeof value !== 'string' || !SCHEME.test(value.toLowerCase())) {
      invalid(where, `${JSON.stringify(value)} is not a URL scheme`);
    }
    const scheme = value.toLowerCase();
    if (NON_NETWORK_SCHEMES.has(scheme)) {
      invalid(where, `"${scheme}" URLs have no network host; the network rule cannot govern them`);
    }
    schemes.add(scheme);
  });
  return schemes;
}

function compileTable(
  field: 'allow' | 'deny',
  list: readonly string[],
  schemes: ReadonlySet<string>,
): HostTable {
  if (!Array.isArray(list)) invalid(field, 'must be a list of host entries');
  const exact = new Map<string, HostPattern[]>();
  const wildcard = new Map<string, HostPattern[]>();
  list.forEach((entry: unknown, index) => {
    let pattern: HostPattern;
    try {
      pattern = parseHostPattern(entry, schemes);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      invalid(`${field}[${index}]`, `${JSON.stringify(entry)} ${why}`);
    }
    const table = pattern.wildcard ? wildcard : exact;
    const bucket = table.get(pattern.host);
    if (bucket) bucket.push(pattern);
    else table.set(pattern.host, [pattern]);
  });
  return { exact, wildcard };
}

function invalid(path: string, message: string): never {
  throw new WardenError(WardenErrorCode.ConfigInvalid, `${path}: ${message}`, {
    issues: [{ path, message, severity: 'error' }],
  });
}
