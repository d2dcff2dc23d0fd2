import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import { execAt } from './scan.js';

// Six hex pairs split by one kind of separator, or Cisco's three dotted quads.
const MAC =
  /(?<![\p{L}\p{N}_:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\p{L}\p{N}_]|[:.-][0-9A-Fa-f])/uy;
// What MAC needs after its first hex pair (`:1A:2B:3C:4D:`) or first quad (`.2b3c.`), in one scan
// (a separator, a hex pair, then the rest of either form, told apart by the separator): two scans
// for separators, frequent in code, cost half as much again.
const COLON_OR_DOT_FORM =
  /[-.:][0-9A-Fa-f]{2}(?:(?<=[:-]..)[:-](?:[0-9A-Fa-f]{2}[:-]){3}|(?<=\...)[0-9A-Fa-f]{2}\.)/g;

const MAC_CONTEXT = /\b(?:mac|ethernet|hardware|physical|wifi|wi-fi|wlan|nic|bssid|device)\b/;

/**
 * MAC (EUI-48) addresses: `00:1A:2B:3C:4D:5E`, `00-1A-…`, `001a.2b3c.4d5e`. The all-zero and
 * broadcast addresses identify no device and are skipped.
 *
 * @example
 * findMacAddresses('MAC: 00:1A:2B:3C:4D:5E') // [{ type: 'mac-address', start: 5, end: 22, score: 0.85 }]
 */
export function findMacAddresses(text: string): Match[] {
  const out: Match[] = [];
  for (const m of execAt(text, MAC, candidatePositions(text))) {
    const hex = m[0].replace(/[:.-]/g, '').toLowerCase();
    if (hex === '000000000000' || hex === 'ffffffffffff') continue;
    const start = m.index;
    const end = start + m[0].length;
    // Dotted form without digits could be a hostname (`dead.beef.cafe`): keep it low.
    let score = m[1] === undefined && !/\d/.test(hex) ? 0.4 : 0.6;
    if (hasContext(text, start, end, MAC_CONTEXT, 32)) score += 0.25;
    out.push({ type: 'mac-address', start, end, score: clampScore(score) });
  }
  return out;
}

/** Where MAC may start: `COLON_OR_DOT_FORM` matches two characters in (colon form) or four (dotted). */
function candidatePositions(text: string): number[] {
  const positions: number[] = [];
  COLON_OR_DOT_FORM.lastIndex = 0;
  for (let c = COLON_OR_DOT_FORM.exec(text); c; c = COLON_OR_DOT_FORM.exec(text)) {
    const offset = text.charCodeAt(c.index) === 0x2e ? 4 : 2;
    if (c.index >= offset) positions.push(c.index - offset);
    // Overlapping candidates too, as `execAll` finds them.
    COLON_OR_DOT_FORM.lastIndex = c.index + 1;
  }
  return positions.sort((a, b) => a - b);
}
