// http.fetch: an HTTP client an agent cannot turn against the network it runs in. The policy's
// checkUrl only sees names; this tool also decides what the name means at connect time: it resolves
// the name itself, refuses if ANY address is loopback/private/link-local (169.254.169.254 is where
// cloud credentials live), and connects to exactly the address it checked (a pinned `lookup`), so a
// DNS answer that changes between check and connect (rebinding) changes nothing. Redirects are
// followed by hand and every hop goes through the same checks; credentials never follow a redirect
// to another origin. Responses are capped while streaming and the whole call has one deadline.
import { promises as dns, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { checkUrl } from '../../policy/rules/urls/check-url.js';
import { isForbiddenAddress } from '../../policy/rules/urls/forbidden-address.js';
import {
  compileNetworkScope,
  type NetworkScope,
  type NetworkScopeConfig,
} from '../../policy/rules/urls/network-scope.js';
import {
  argsObject,
  nonNegativeOption,
  optionalString,
  positiveOption,
  requiredString,
  utf8Boundary,
} from './args.js';
import { isMetadataAddress } from '../egress/destination.js';
import { abortReason, denied, errnoCode, invalidArgument, limitExceeded } from './errors.js';
import type { ToolSignalContext } from './fs-context.js';

/** One address a name resolved to, as `dns.promises.lookup(name, { all: true })` returns it. */
export interface HttpLookupAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses. Injected in tests; defaults to the system resolver. */
export type HttpLookup = (hostname: string) => Promise<readonly HttpLookupAddress[]>;

export interface HttpFetchOptions {
  /** The profile's compiled network scope (`CompiledProfile.network`), or its allow/deny entries. */
  network: NetworkScope | NetworkScopeConfig;
  /** Most response body bytes kept; past this the connection is dropped and `truncated` set. Default 5 MiB. */
  maxResponseBytes?: number;
  /** Most request body bytes accepted. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Deadline for the whole call, DNS and redirects included. Default 30 s. */
  timeoutMs?: number;
  /** Redirects followed at most; one more is LIMIT_EXCEEDED. Default 5. */
  maxRedirects?: number;
  /** DNS resolution. Default: the system resolver, every address. */
  lookup?: HttpLookup;
  /**
   * Whether the tool may connect to a resolved (or literal) address. Default: not forbidden by
   * `isForbiddenAddress` (plain public unicast only). Every address of every hop must pass. Cloud
   * metadata addresses (169.254/16, 100.100.100.200, fd00:ec2::254) are refused whatever this says.
   */
  isAddressAllowed?: (ip: string) => boolean;
}

export type HttpFetchArgs = {
  url: string;
  /** GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS; any case. */
  method?: string;
  /** Request headers. `Host` is refused; hop-by-hop headers are dropped. */
  headers?: Record<string, string>;
  /** Request body, sent as UTF-8. */
  body?: string;
};

export type HttpFetchResult = {
  status: number;
  /** Response headers, lower-case names, hop-by-hop headers removed, repeated ones joined with ", ". */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
  /** True when the body was cut at maxResponseBytes. */
  truncated: boolean;
  /** The URL that answered, after redirects. */
  url: string;
};

/** The tool, keyed by its built-in name; it fits `guard.wrap('http.fetch', tool)`. */
export interface HttpFetchTools {
  'http.fetch': (args: HttpFetchArgs, context?: ToolSignalContext) => Promise<HttpFetchResult>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// RFC 9110 7.6.1 hop-by-hop headers, plus the non-standard proxy-connection.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
// Set by the tool itself: a caller's value would contradict the body or the decoding.
const TOOL_OWNED = new Set(['content-length', 'expect', 'accept-encoding', 'http2-settings']);
// Dropped on a redirect to another origin: the ones Go and curl drop, and names that look like secrets.
const CREDENTIAL =
  /^(?:authorization|cookie|cookie2)$|auth|token|secret|api[-_]?key|session|passw|credential/i;
const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language', 'content-location']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const MAX_HEADERS = 64;
const MAX_HEADER_BYTES = 16 * 1024;

interface FetchConfig {
  network: NetworkScope;
  maxResponseBytes: number;
  maxRequestBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  lookup: HttpLookup;
  isAddressAllowed: (ip: string) => boolean;
}

const systemLookup: HttpLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

function toNetworkScope(network: NetworkScope | NetworkScopeConfig): NetworkScope {
  if (typeof network !== 'object' || network === null) throw invalidArgument('network', 'must be an object');
  return Array.isArray((network as NetworkScopeConfig).allow)
    ? compileNetworkScope(network as NetworkScopeConfig)
    : (network as NetworkScope);
}

/**
 * Build the `http.fetch` tool bound to one network scope. Refusals are WardenErrors: `DENIED` with
 * `reasons` (URL not allowed, forbidden resolved address, Host override), `INVALID_ARGUMENT` naming the
 * argument (bad method or header, unresolvable host, connection failure), `LIMIT_EXCEEDED` (request
 * body, redirects), `TIMEOUT`. An aborted `signal` rejects with the signal's reason.
 *
 * @example
 * const { 'http.fetch': fetchTool } = createHttpFetch({ network: profile.network });
 * const fetchUrl = guard.wrap('http.fetch', fetchTool);
 * const { status, body, truncated } = await fetchUrl({ url: 'https://api.github.com/repos/x/y' });
 *
 * @example
 * // Tests: fake DNS and a local server.
 * createHttpFetch({
 *   network: { allow: ['http://api.allowed.test:8080'] },
 *   lookup: async () => [{ address: '127.0.0.1', family: 4 }],
 *   isAddressAllowed: (ip) => ip === '127.0.0.1',
 * });
 */
export function createHttpFetch(options: HttpFetchOptions): HttpFetchTools {
  const cfg: FetchConfig = {
    network: toNetworkScope(options.network),
    maxResponseBytes: positiveOption(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
    ),
    maxRequestBytes: positiveOption('maxRequestBytes', options.maxRequestBytes, DEFAULT_MAX_REQUEST_BYTES),
    timeoutMs: positiveOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxRedirects: nonNegativeOption('maxRedirects', options.maxRedirects, DEFAULT_MAX_REDIRECTS),
    lookup: options.lookup ?? systemLookup,
    isAddressAllowed: options.isAddressAllowed ?? ((ip) => !isForbiddenAddress(ip)),
  };
  return { 'http.fetch': (args, context) => httpFetch(cfg, args, context) };
}

async function httpFetch(
  cfg: FetchConfig,
  rawArgs: unknown,
  call: ToolSignalContext = {},
): Promise<HttpFetchResult> {
  const args = argsObject(rawArgs, ['url', 'method', 'headers', 'body']);
  const url = requiredString(args, 'url');
  let method = (optionalString(args, 'method') ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw invalidArgument('method', `must be one of ${[...METHODS].join(', ')}`);
  let headers = requestHeaders(args.headers);
  let body = optionalString(args, 'body');
  if (body !== undefined && Buffer.byteLength(body) > cfg.maxRequestBytes) {
    throw limitExceeded('body', `is more than the ${cfg.maxRequestBytes}-byte request limit`);
  }
  const caller = call.signal;
  if (caller?.aborted) throw abortReason(caller);

  const deadline = AbortSignal.timeout(cfg.timeoutMs);
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const checked = checkUrl(cfg.network, current);
      if (!checked.ok) {
        const where = redirects === 0 ? 'url' : `url: redirect ${redirects}`;
        throw denied(checked.rule, `${where}: ${checked.message}`);
      }
      const target = new URL(checked.url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw invalidArgument('url', `http.fetch speaks http and https only, not ${target.protocol}`);
      }
      const pinned = await resolvePinned(cfg, target, signal);
      const response = await send(cfg, target, pinned, method, headers, body, signal);
      if (!REDIRECTS.has(response.status) || response.location === undefined) {
        return {
          status: response.status,
          headers: responseHeaders(response.headers),
          body: response.body,
          truncated: response.truncated,
          url: target.href,
        };
      }
      if (redirects >= cfg.maxRedirects) {
        throw limitExceeded('url', `more than ${cfg.maxRedirects} redirects`);
      }
      let next: URL;
      try {
        next = new URL(response.location, target);
      } catch {
        throw denied('http.bad-redirect', `url: redirect ${redirects + 1} has an unparsable Location`);
      }
      // Browsers' (and fetch's) rules: 303 turns anything but HEAD into GET; 301/302 turn POST into GET.
      const toGet =
        (response.status === 303 && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST');
      if (toGet) {
        method = 'GET';
        body = undefined;
        headers = headers.filter(([name]) => !BODY_HEADERS.has(name));
      }
      if (next.origin !== target.origin) headers = headers.filter(([name]) => !CREDENTIAL.test(name));
      current = next.href;
    }
  } catch (error) {
    if (caller?.aborted) throw abortReason(caller);
    if (deadline.aborted) {
      throw new WardenError(WardenErrorCode.Timeout, `url: no complete response within ${cfg.timeoutMs} ms`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Validate caller headers: names are tokens, values have no CR/LF/NUL, no Host; hop-by-hop dropped. */
function requestHeaders(raw: unknown): [string, string][] {
  if (raw === undefined) return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidArgument('headers', 'must be an object of header names to string values');
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) throw invalidArgument('headers', `more than ${MAX_HEADERS} headers`);
  const seen = new Set<string>();
  const out: [string, string][] = [];
  let size = 0;
  const named: string[] = [];
  for (const [name, value] of entries) {
    const where = `headers[${JSON.stringify(name)}]`;
    if (!TOKEN.test(name)) throw invalidArgument(where, 'is not a valid header name');
    if (typeof value !== 'string') throw invalidArgument(where, 'must be a string');
    if (BAD_VALUE.test(value)) throw invalidArgument(where, 'contains a line break or control character');
    const lower = name.toLowerCase();
    if (seen.has(lower)) throw invalidArgument(where, 'is given twice (header names ignore case)');
    seen.add(lower);
    size += name.length + value.length + 4;
    if (size > MAX_HEADER_BYTES) throw invalidArgument('headers', `more than ${MAX_HEADER_BYTES} bytes`);
    if (lower === 'host') {
      throw denied(
        'http.host-header',
        'headers: a Host header would address another virtual host than the checked URL; it is set from the URL',
      );
    }
    if (lower === 'connection') named.push(...value.split(',').map((t) => t.trim().toLowerCase()));
    if (HOP_BY_HOP.has(lower) || TOOL_OWNED.has(lower)) continue;
    out.push([lower, value]);
  }
  // Headers the caller's Connection header names are hop-by-hop too.
  return named.length === 0 ? out : out.filter(([name]) => !named.includes(name));
}

function responseHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const connection = raw.connection;
  const named = new Set(
    (Array.isArray(connection) ? connection.join(',') : (connection ?? ''))
      .split(',')
      .map((t) => t.trim().toLowerCase()),
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Pinned {
  address: string;
  family: 4 | 6;
}

/** Reject when `signal` aborts first; the promise itself (a DNS lookup) cannot be cancelled. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The one address this hop connects to: the literal, or the first of all resolved addresses once
 * every one of them passed `isAddressAllowed` (an answer mixing a public and a private address is
 * refused: the resolver, not we, would decide which one a retry gets).
 */
async function resolvePinned(cfg: FetchConfig, target: URL, signal: AbortSignal): Promise<Pinned> {
  const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    let answer: readonly HttpLookupAddress[];
    try {
      answer = await abortable(
        Promise.resolve().then(() => cfg.lookup(host)),
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      throw invalidArgument(
        'url',
        `could not resolve "${host}" (${errnoCode(error) ?? 'lookup failed'})`,
        error,
      );
    }
    if (!Array.isArray(answer) || answer.length === 0) {
      throw invalidArgument('url', `could not resolve "${host}" (no addresses)`);
    }
    addresses = answer.map((a) => (typeof a === 'object' && a !== null ? String(a.address) : ''));
  }
  for (const address of addresses) {
    if (isIP(address) !== 0 && isMetadataAddress(address)) {
      throw denied(
        'http.metadata-address',
        `url: ${host} resolves to ${address}, a cloud metadata address; it is never reachable`,
      );
    }
    let allowed = false;
    try {
      allowed = isIP(address) !== 0 && cfg.isAddressAllowed(address) === true;
    } catch {
      allowed = false; // a throwing check is a refusal
    }
    if (!allowed) {
      throw denied(
        'http.forbidden-address',
        `url: ${host} resolves to ${address || '(not an address)'}, which this tool may not connect to (loopback, private, link-local, metadata or otherwise forbidden)`,
      );
    }
  }
  const address = addresses[0]!;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/** A `lookup` that answers every query with the checked address, whatever name it is asked for. */
function pinnedLookup(pinned: Pinned): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const answer: LookupAddress = { address: pinned.address, family: pinned.family };
    if (options?.all) callback(null, [answer]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

function sameAddress(remote: string | undefined, pinned: string): boolean {
  if (remote === undefined) return false;
  const strip = (a: string) =>
    a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
  return strip(remote).toLowerCase() === strip(pinned).toLowerCase();
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  location: string | undefined;
  body: string;
  truncated: boolean;
}

/** One request to the pinned address; the body is read up to the cap, then the socket is dropped. */
function send(
  cfg: FetchConfig,
  target: URL,
  pinned: Pinned,
  method: string,
  headers: readonly [string, string][],
  body: string | undefined,
  signal: AbortSignal,
): Promise<RawResponse> {
  const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  const out: Record<string, string> = Object.fromEntries(headers);
  out['accept-encoding'] = 'identity';
  if (body !== undefined) out['content-length'] = String(Buffer.byteLength(body));
  const secure = target.protocol === 'https:';
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const fail = (error: unknown) =>
      settle(() =>
        reject(
          signal.aborted || WardenError.isInstance(error)
            ? error
            : invalidArgument(
                'url',
                `request to ${target.host} failed (${errnoCode(error) ?? 'connection error'})`,
                error,
              ),
        ),
      );
    const request = (secure ? https : http).request({
      protocol: target.protocol,
      hostname: host,
      port: target.port === '' ? (secure ? 443 : 80) : Number(target.port),
      path: `${target.pathname}${target.search}`,
      method,
      headers: out,
      agent: false,
      signal,
      lookup: pinnedLookup(pinned),
      ...(secure && isIP(host) === 0 ? { servername: host } : {}),
    });
    request.on('error', fail);
    request.on('response', (res: IncomingMessage) => {
      res.on('error', fail);
      if (!sameAddress(res.socket?.remoteAddress, pinned.address)) {
        request.destroy();
        fail(
          new WardenError(
            WardenErrorCode.Internal,
            `url: connected to an address other than the checked one`,
          ),
        );
        return;
      }
      const status = res.statusCode ?? 0;
      const location = REDIRECTS.has(status) ? res.headers.location : undefined;
      const chunks: Buffer[] = [];
      let total = 0;
      let truncated = false;
      const finish = () =>
        settle(() => {
          let data = Buffer.concat(chunks, total);
          if (truncated) data = data.subarray(0, utf8Boundary(data));
          resolve({ status, headers: res.headers, location, body: data.toString('utf8'), truncated });
        });
      if (location !== undefined || method === 'HEAD') {
        // A redirect's body is never read: only its Location matters.
        finish();
        request.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = cfg.maxResponseBytes - total;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          total += room;
          truncated = true;
          finish();
          request.destroy(); // stop the transfer: the rest is never received
          return;
        }
        chunks.push(chunk);
        total += chunk.length;
      });
      res.on('end', finish);
      res.on('close', () => {
        if (!res.complete) fail(invalidArgument('url', `the response from ${target.host} ended early`));
      });
    });
    request.end(body);
  });
}
