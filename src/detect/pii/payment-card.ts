import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import { luhnValid } from './luhn.js';
import { execAll } from './scan.js';

// 12–19 digits, bare or in groups of 2–6 split by one kind of separator (space or dash).
const CARD_CANDIDATE =
  /(?<![\p{L}\p{N}_.,-])(?:\d{12,19}|\d{2,6}(?:([ -])\d{2,6})(?:\1\d{2,6}){1,6})(?![\p{L}\p{N}_]|[.,-]\d)/uy;
// Where CARD_CANDIDATE can start: twelve digits, or three groups; not after an ASCII letter, digit,
// `_`, `.`, `,` or `-` (a subset of what its look-behind refuses). A plain pattern, cheap to scan.
const CARD_START = /(?<![\dA-Za-z_.,-])\d\d(?:\d{10}|\d{0,4}[ -]\d{2,6}[ -]\d\d)/g;

const CARD_CONTEXT =
  /\b(?:card|credit|debit|cc|visa|master ?card|amex|american express|discover|diners|jcb|maestro|unionpay|pan|payment|pay with|billing)\b/;

/**
 * The card network for a number by its issuer prefix (IIN) and length, or undefined when no
 * network issues that prefix at that length.
 *
 * @example
 * cardNetwork('4111111111111111') // 'visa'
 */
export function cardNetwork(digits: string): string | undefined {
  const len = digits.length;
  const p1 = digits.charCodeAt(0) - 48;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  const within = (lo: number, hi: number) => len >= lo && len <= hi;
  if (p1 === 4) return len === 13 || len === 16 || len === 19 ? 'visa' : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16 ? 'mastercard' : undefined;
  if (p2 === 34 || p2 === 37) return len === 15 ? 'amex' : undefined;
  if (p4 >= 2200 && p4 <= 2204) return within(16, 19) ? 'mir' : undefined;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) {
    return within(16, 19) ? 'discover' : undefined;
  }
  if (p4 >= 3528 && p4 <= 3589) return within(16, 19) ? 'jcb' : undefined;
  if (p4 === 2131 || p4 === 1800) return len === 15 ? 'jcb' : undefined;
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) {
    return within(14, 19) ? 'diners' : undefined;
  }
  if (p2 === 62 || p2 === 81) return within(16, 19) ? 'unionpay' : undefined;
  if (p4 === 5019) return len === 16 ? 'dankort' : undefined;
  if (p4 === 9792) return len === 16 ? 'troy' : undefined;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return within(12, 19) ? 'maestro' : undefined;
  if (p1 === 1) return len === 15 ? 'uatp' : undefined;
  return undefined;
}

/**
 * Payment card numbers (PANs): 12–19 digits, bare or grouped with spaces or dashes, that pass Luhn
 * and fall in a card network's issuer range and length. Order numbers of the same shape fail one
 * of the two and are left alone.
 *
 * @example
 * findPaymentCards('card 4111 1111 1111 1111')
 * // [{ type: 'credit-card', start: 5, end: 24, score: 1, message: 'visa card number' }]
 */
export function findPaymentCards(text: string): Match[] {
  const out: Match[] = [];
  for (const m of execAll(text, CARD_CANDIDATE, [CARD_START, 0])) {
    // Fewer than 12 digits in all (`2025-06-24`) can hold no card.
    if (countDigits(m[0]) < 12) continue;
    const found = validPrefix(m[0], m[1]);
    if (!found) continue;
    const start = m.index;
    const end = start + found.length;
    const score = hasContext(text, start, end, CARD_CONTEXT, 48) ? 1 : 0.85;
    out.push({
      type: 'credit-card',
      start,
      end,
      score: clampScore(score),
      message: `${found.network} card number`,
    });
  }
  return out;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/** The longest run of whole groups from the left that is a valid card (a number may follow). */
function validPrefix(
  raw: string,
  separator: string | undefined,
): { length: number; network: string } | undefined {
  if (separator === undefined) return check(raw, raw.length);
  const groups = raw.split(separator);
  for (let n = groups.length; n >= 2; n--) {
    const length = groups.slice(0, n).join(separator).length;
    const found = check(raw.slice(0, length).split(separator).join(''), length);
    if (found) return found;
  }
  return undefined;
}

function check(digits: string, length: number): { length: number; network: string } | undefined {
  if (digits.length < 12 || digits.length > 19 || !luhnValid(digits)) return undefined;
  const network = cardNetwork(digits);
  return network ? { length, network } : undefined;
}
