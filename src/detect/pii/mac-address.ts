import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import { execAll } from './scan.js';

// Six hex pairs split by one kind of separator, or Cisco's three dotted quads.
const MAC =
  /(?<![\p{L}\p{N}_:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\p{L}\p{N}_]|[:.-][0-9A-Fa-f])/uy;
// What MAC needs after its first hex pair (`:1A:2B:3C:4D:`) or first quad (`.2b3c.`).
const COLON_FORM = /[:-](?:[0-9A-Fa-f]{2}[:-]){4}/g;
const DOT_FORM = /\.[0-9A-Fa-f]{4}\./g;

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
  for (const m of execAll(text, MAC, [COLON_FORM, 2], [DOT_FORM, 4])) {
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
