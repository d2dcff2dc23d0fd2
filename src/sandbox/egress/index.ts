/**
 * The sandbox egress proxy: the only route out of a `--unshare-net` sandbox. `startEgressProxy`
 * serves a Unix socket on the host; `egress-bridge.mjs` (path from `egressBridgePath`) relays the
 * command's loopback proxy connections to it; `egressProxyEnv` points the command at the bridge.
 */
export type { SandboxEgressEvent } from './egress-event.js';
export { EGRESS_NO_PROXY, egressBridgePath, egressProxyEnv } from './bridge-path.js';
export {
  defaultIsAddressAllowed,
  type EgressDenialReason,
  type EgressLookup,
  type EgressLookupAddress,
  isMetadataAddress,
} from './destination.js';
export {
  type EgressConnection,
  type EgressDenial,
  type EgressProtocol,
  type EgressProxy,
  type EgressProxyOptions,
  MAX_HEAD_BYTES,
  startEgressProxy,
} from './egress-proxy.js';
