// What the sandbox tells its caller about each network attempt, so that the guard can audit it.
// Names, ports and addresses only: never payloads, paths, queries or headers.

/** One network attempt of a sandboxed program, as the egress proxy saw it. */
export interface SandboxEgressEvent {
  host: string;
  port: number;
  protocol: string;
  allowed: boolean;
  /** Why it was refused (not-allowlisted, forbidden-address, dns-failed, bad-request). */
  reason?: string;
  /** The address the proxy connected to, for allowed attempts. */
  address?: string;
}
