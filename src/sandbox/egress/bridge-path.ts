// Where egress-bridge.mjs lives, and the environment that points a command at it. The bridge is a
// plain .mjs file run by the host's node binary inside the sandbox; tsc does not copy it, so the
// build must (see egressBridgePath), and a source checkout falls back to the file under src/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  // beside this module: src/sandbox/egress/ under vitest/tsx, dist/sandbox/egress/ once the build copies it
  new URL('./egress-bridge.mjs', import.meta.url),
  // dist/sandbox/egress/ -> <package root>/src/sandbox/egress/, for a built checkout that did not copy it
  new URL('../../../src/sandbox/egress/egress-bridge.mjs', import.meta.url),
];

/**
 * Absolute path of `egress-bridge.mjs`. Throws when it cannot be found (a build that did not copy
 * it into `dist/sandbox/egress/`).
 *
 * @example
 * const args = ['--ro-bind', egressBridgePath(), '/run/warden/egress-bridge.mjs', ...];
 * // inside: node /run/warden/egress-bridge.mjs 3128 /run/warden/egress.sock -- npm install
 */
export function egressBridgePath(): string {
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `egress-bridge.mjs not found beside ${fileURLToPath(import.meta.url)}; ` +
      'the build must copy src/sandbox/egress/egress-bridge.mjs to dist/sandbox/egress/',
  );
}

/** Loopback names the command reaches directly: they are the sandbox's own loopback, not the host's. */
export const EGRESS_NO_PROXY = 'localhost,127.0.0.1,::1';

/**
 * Environment variables that send a command's traffic to the bridge on `port`, in both the upper-
 * and lower-case spellings tools read. `ALL_PROXY` uses `socks5h:` so that names are resolved by the
 * proxy (the sandbox has no DNS). Node's own fetch/http ignore these unless `NODE_USE_ENV_PROXY=1`
 * (Node >= 22.21 / 24.5), which is set as well.
 *
 * @example
 * egressProxyEnv(3128).HTTPS_PROXY // 'http://127.0.0.1:3128'
 */
export function egressProxyEnv(port: number): Record<string, string> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`port must be an integer from 1 to 65535, got ${port}`);
  }
  const http = `http://127.0.0.1:${port}`;
  const socks = `socks5h://127.0.0.1:${port}`;
  return {
    HTTP_PROXY: http,
    HTTPS_PROXY: http,
    ALL_PROXY: socks,
    NO_PROXY: EGRESS_NO_PROXY,
    http_proxy: http,
    https_proxy: http,
    all_proxy: socks,
    no_proxy: EGRESS_NO_PROXY,
    NODE_USE_ENV_PROXY: '1',
  };
}
