import type { Match } from '../finding.js';
import { clampScore, hasContext, isWordCode } from './context.js';
import { execAll } from './scan.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not glued to letters, digits or dots on the left; not continued by more dotted numbers (OIDs,
// five-part versions) on the right.
const IPV4 = new RegExp(`(?<![\\p{L}\\p{N}_.])${OCTET}(?:\\.${OCTET}){3}(?![\\p{L}\\p{N}_]|\\.\\d)`, 'uy');
// Where IPV4 can start (a plain pattern, cheap to scan: see execAll).
const IPV4_CANDIDATE = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d/g;
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
// Every IPv6 address has two colons with at most four hex digits between them.
const IPV6_PAIRS = /:[0-9A-Fa-f]{0,4}:/g;
const ZONE = /^%[\p{L}\p{N}_.-]{1,32}/u;

const VERSION_BEFORE =
  /(?:\bv|\bver\.?|\bversion|\brelease|\bbuild|\bfirmware|\brev\.?|\bkernel)\s*[:#]?\s*$/;
const IP_CONTEXT =
  /\b(?:ip|ipv4|ipv6|address|addr|host|server|client|gateway|dns|subnet|proxy|from|connect\w*|ping)\b/;

/**
 * True when `s` is an IPv6 address in any RFC 4291 text form: eight groups, `::` compression,
 * or a trailing dotted IPv4 (`::ffff:192.0.2.1`).
 *
 * @example
 * isIpv6('2001:db8::1') // true
 * isIpv6('12:34:56')    // false
 */
export function isIpv6(s: string): boolean {
  let groups = s;
  let budget = 8;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    if (!IPV4_EXACT.test(s.slice(lastColon + 1))) return false;
    groups = s.slice(0, lastColon + 1) + '0';
    budget = 7;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (![...head, ...tail].every((g) => HEX_GROUP.test(g))) return false;
  const count = head.length + tail.length;
  // `::` stands for at least one zero group.
  return halves.length === 2 ? count <= budget - 1 : count === budget;
}

/**
 * IPv4 and IPv6 addresses. Dotted quads after "version" or "v" are more likely version numbers and
 * get a low confidence; the unspecified address `::` alone is reported at very low confidence.
 *
 * @example
 * findIpAddresses('server 10.0.0.1') // [{ type: 'ip-address', start: 7, end: 15, score: 0.95 }]
 */
export function findIpAddresses(text: string): Match[] {
  const out: Match[] = [];
  if (text.includes(':')) findIpv6(text, out);
  if (text.includes('.')) findIpv4(text, out);
  return out.sort((a, b) => a.start - b.start);
}

/** Hex digits, colons and dots: the characters an IPv6 address (with an IPv4 tail) is made of. */
function isIpv6Code(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x3a) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66) ||
    code === 0x2e
  );
}

// Runs are found by expanding around a colon by hand: a regex with a leading `[…]*` would rescan
// long hex runs from every position. Only runs with two colons at most four hex digits apart (an
// address has such a pair) are looked at.
function findIpv6(text: string, out: Match[]): void {
  let done = 0;
  IPV6_PAIRS.lastIndex = 0;
  for (let pair = IPV6_PAIRS.exec(text); pair; pair = IPV6_PAIRS.exec(text)) {
    const colon = pair.index;
    IPV6_PAIRS.lastIndex = colon + 1;
    if (colon < done) continue;
    let start = colon;
    while (start > 0 && isIpv6Code(text.charCodeAt(start - 1))) start--;
    let runEnd = colon + 1;
    while (runEnd < text.length && isIpv6Code(text.charCodeAt(runEnd))) runEnd++;
    done = runEnd;
    // Without `::` an address has seven colons (six before an IPv4 tail): `12:34:56` is a time.
    if (!hasIpv6Colons(text, start, runEnd)) continue;
    let raw = text.slice(start, runEnd);
    // A lone leading colon belongs to the text before it (`IP:10.0.0.1`).
    if (raw.startsWith(':') && !raw.startsWith('::')) {
      raw = raw.slice(1);
      start++;
    }
    raw = raw.replace(/\.+$/, '');
    if (raw.endsWith(':') && !raw.endsWith('::')) raw = raw.slice(0, -1);
    if (raw.indexOf(':') === raw.lastIndexOf(':')) continue;
    if (start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
    let end = start + raw.length;
    const zone = ZONE.exec(text.slice(end, end + 33));
    if (zone) end += zone[0].length;
    if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
    if (!isIpv6(raw)) continue;
    out.push({ type: 'ip-address', start, end, score: raw === '::' ? 0.1 : 0.8 });
  }
}

/** Whether `text.slice(from, to)` has `::` or six colons at least. */
function hasIpv6Colons(text: string, from: number, to: number): boolean {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) !== 0x3a) continue;
    if (text.charCodeAt(i + 1) === 0x3a) return true;
    n++;
  }
  return n >= 6;
}

function findIpv4(text: string, out: Match[]): void {
  for (const m of execAll(text, IPV4, [IPV4_CANDIDATE, 0])) {
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((v6) => v6.start <= start && end <= v6.end)) continue;
    const before = text.slice(Math.max(0, start - 16), start).toLowerCase();
    let score = 0.8;
    if (VERSION_BEFORE.test(before)) score = 0.2;
    else if (hasContext(text, start, end, IP_CONTEXT, 32)) score = 0.95;
    out.push({ type: 'ip-address', start, end, score: clampScore(score) });
  }
}
