import { compileNetworkScope, type NetworkScope } from '../policy/rules/urls/network-scope.js';
import { checkUrl } from '../policy/rules/urls/check-url.js';
import type { Finding } from './finding.js';
import { scan, type ScanOptions } from './scan.js';

export interface DetectOptions extends ScanOptions {
  /** A compiled agent profile (`policy.profile(agent)`): its network allowlist decides which links are exfiltration. */
  profile?: { network: NetworkScope };
  /**
   * Host patterns links and images may point to, as in a profile's `network.allow`
   * (`api.example.com`, `*.github.com`). Ignored when `isAllowedHost` is given.
   */
  allowHosts?: readonly string[];
}

/**
 * Every finding in a text: secrets, PII, prompt injection, exfiltration links, hidden text.
 * Spans are offsets into `text`. Use `scan` for the injection score as well.
 *
 * @example
 * detect('<!-- ignore previous instructions -->', { channel: 'tool' })
 * // [{ kind: 'hidden-text', type: 'html-comment', … }, { kind: 'injection', type: 'instruction-override', … }]
 */
export function detect(text: string, options: DetectOptions = {}): Finding[] {
  return scan(text, withHostCheck(options)).findings;
}

/** Turn `allowHosts` into the `isAllowedHost` predicate the exfiltration detector uses. */
export function withHostCheck<T extends DetectOptions>(options: T): T {
  if (options.isAllowedHost) return options;
  if (options.profile) {
    const network = options.profile.network;
    return { ...options, isAllowedHost: (host: string) => checkUrl(network, `https://${host}/`).ok };
  }
  if (!options.allowHosts) return options;
  const scope = compileNetworkScope({ allow: [...options.allowHosts] });
  return { ...options, isAllowedHost: (host: string) => checkUrl(scope, `https://${host}/`).ok };
}
