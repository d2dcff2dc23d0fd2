import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import { execAll } from './scan.js';

// Nine digits, bare or as `dddd-dddd-d` (how check images print them).
const ROUTING_CANDIDATE = /(?<![\p{L}\p{N}_.-])(?:\d{9}|\d{4}-\d{4}-\d)(?![\p{L}\p{N}_]|[-.]\d)/uy;
// Where ROUTING_CANDIDATE can start; not after an ASCII letter, digit, `_`, `.` or `-` (a subset of
// what its look-behind refuses). The look-behind comes after the first digit, so V8 scans for a
// digit first (three times faster than testing the look-behind everywhere).
const ROUTING_START = /\d(?<![\dA-Za-z_.-]\d)\d{3}(?:\d{5}|-\d{4}-\d)/g;

const ROUTING_CONTEXT = /\b(?:routing|aba|rtn|transit|bank|ach|wire|checking)\b/;

/**
 * The ABA routing-number check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10), with a
 * Federal Reserve prefix (00–12, 21–32, 61–72, 80).
 *
 * @example
 * abaRoutingValid('021000021') // true
 */
export function abaRoutingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const prefix = Number(digits.slice(0, 2));
  const known =
    prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!known) return false;
  const d = [...digits].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

/**
 * US bank routing (ABA) numbers. One random 9-digit number in about 25 passes the check, so
 * without a keyword ("routing", "ABA") the confidence stays low.
 *
 * @example
 * findUsBankRouting('routing number 021000021') // [{ type: 'us-bank-routing', start: 15, end: 24, score: 0.9 }]
 */
export function findUsBankRouting(text: string): Match[] {
  const out: Match[] = [];
  for (const m of execAll(text, ROUTING_CANDIDATE, [ROUTING_START, 0])) {
    const digits = m[0].replace(/-/g, '');
    if (!abaRoutingValid(digits) || /^(\d)\1+$/.test(digits)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const score = hasContext(text, start, end, ROUTING_CONTEXT, 48) ? 0.9 : 0.3;
    out.push({ type: 'us-bank-routing', start, end, score: clampScore(score) });
  }
  return out;
}
