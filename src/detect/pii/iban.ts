import type { Match } from '../finding.js';
import { isWordCode } from './context.js';
import { execAll } from './scan.js';

// IBAN length per country (SWIFT IBAN registry), as `CCnn` pairs.
const IBAN_LENGTH: ReadonlyMap<string, number> = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 ' +
    'EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 ' +
    'KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 ' +
    'PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 ' +
    'UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((pair) => [pair.slice(0, 2), Number(pair.slice(2))] as const),
);

// Country code and check digits; the rest is read by hand so the length comes from the country.
const IBAN_START = /(?<![\p{L}\p{N}_])([A-Za-z]{2})(\d{2})(?=[ -]?[A-Za-z0-9])/uy;
// Where IBAN_START can match (a plain pattern, cheap to scan: see execAll).
const IBAN_CANDIDATE = /[A-Za-z]{2}\d\d/g;

/**
 * The ISO 13616 check: move the first four characters to the end, letters to numbers (A=10…),
 * and the number mod 97 must be 1. `iban` is upper-case without separators.
 *
 * @example
 * ibanChecksumValid('GB82WEST12345698765432') // true
 */
export function ibanChecksumValid(iban: string): boolean {
  if (iban.length < 5) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const code = moved.charCodeAt(i);
    if (code >= 48 && code <= 57) rest = (rest * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) rest = (rest * 100 + (code - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

/**
 * IBANs: a known country code, the country's exact length, and a valid mod-97 check; compact or
 * printed in groups (`DE89 3704 0044 0532 0130 00`).
 *
 * @example
 * findIbans('IBAN: GB82 WEST 1234 5698 7654 32') // [{ type: 'iban', start: 6, end: 33, score: 0.95 }]
 */
export function findIbans(text: string): Match[] {
  const out: Match[] = [];
  // After an IBAN the scan goes on from its end.
  let after = 0;
  for (const m of execAll(text, IBAN_START, [IBAN_CANDIDATE, 0])) {
    if (m.index < after) continue;
    const country = m[1]!.toUpperCase();
    const length = IBAN_LENGTH.get(country);
    if (length === undefined) continue;
    const found = readBban(text, m.index + 4, length - 4);
    if (!found) continue;
    const compact = country + m[2]! + found.bban.toUpperCase();
    if (!ibanChecksumValid(compact)) continue;
    const lower = /[a-z]/.test(text.slice(m.index, found.end));
    out.push({ type: 'iban', start: m.index, end: found.end, score: lower ? 0.85 : 0.95 });
    after = found.end;
  }
  return out;
}

/** Read `count` alphanumerics from `from`, allowing single spaces or dashes between them. */
function readBban(text: string, from: number, count: number): { bban: string; end: number } | undefined {
  let bban = '';
  let i = from;
  while (bban.length < count && i < text.length) {
    const ch = text[i]!;
    if (/[A-Za-z0-9]/.test(ch)) {
      bban += ch;
      i++;
    } else if (
      (ch === ' ' || ch === '-') &&
      /[A-Za-z0-9]/.test(text[i - 1] ?? '') &&
      /[A-Za-z0-9]/.test(text[i + 1] ?? '')
    ) {
      i++;
    } else return undefined;
  }
  if (bban.length < count) return undefined;
  if (i < text.length && isWordCode(text.charCodeAt(i))) return undefined;
  return { bban, end: i };
}
