/**
 * The network rule: which URLs an agent may reach. See `host-pattern.ts` for the entry syntax and
 * `check-url.ts` for the order of checks and the `urls.*` rule ids.
 */
export { checkUrl, MAX_URL_LENGTH, type UrlCheck } from './check-url.js';
export { isForbiddenAddress } from './forbidden-address.js';
export type { HostPattern } from './host-pattern.js';
export {
  compileNetworkScope,
  DEFAULT_SCHEMES,
  type HostTable,
  type NetworkScope,
  type NetworkScopeConfig,
} from './network-scope.js';
export { type SpecialHostKind, specialHostKind } from './special-hosts.js';
