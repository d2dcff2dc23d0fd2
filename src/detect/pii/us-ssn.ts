import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import { execAll } from './scan.js';

// Area, group and serial with the same separator (or none); a lone separator is a weak form.
const SSN_CANDIDATE = /(?<![\p{L}\p{N}_.-])(\d{3})([- .]?)(\d{2})([- .]?)(\d{4})(?![\p{L}\p{N}_]|[-.]\d)/uy;
// Where SSN_CANDIDATE can start (a plain pattern, cheap to scan: see execAll).
const SSN_START = /\d{3}[- .]?\d\d[- .]?\d{4}/g;

const SSN_CONTEXT = /\b(?:ssn|ssns|ss#|ss #|social security|social sec|soc sec|ssa number|taxpayer|tin)\b/;

// Numbers published in advertising or otherwise never valid (SSA).
const ADVERTISING = new Set(['078051120', '219099999', '457555462', '123456789']);

/**
 * True when a 9-digit string could be an issued SSN: area not 000, 666 or 9xx, group not 00,
 * serial not 0000, not one repeated digit and not a number known from advertising.
 *
 * @example
 * ssnPlausible('123456788') // true
 * ssnPlausible('666123456') // false
 */
export function ssnPlausible(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  return !ADVERTISING.has(digits);
}

/**
 * US Social Security numbers in `AAA-GG-SSSS` form (dashes, spaces or dots), and bare 9-digit
 * numbers at low confidence unless a keyword such as "SSN" is near.
 *
 * @example
 * findUsSsns('SSN: 123-45-6788') // [{ type: 'us-ssn', start: 5, end: 16, score: 0.95 }]
 */
export function findUsSsns(text: string): Match[] {
  const out: Match[] = [];
  for (const m of execAll(text, SSN_CANDIDATE, [SSN_START, 0])) {
    const [raw, area, sep1, group, sep2, serial] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!ssnPlausible(area + group + serial)) continue;
    let base: number;
    let boosted: number;
    if (sep1 === sep2 && sep1 !== '') [base, boosted] = sep1 === '-' ? [0.6, 0.95] : [0.35, 0.9];
    else if (sep1 === '' && sep2 === '') [base, boosted] = [0.3, 0.85];
    else if ((sep1 === '' || sep2 === '') && (sep1 === '-' || sep2 === '-')) [base, boosted] = [0.1, 0.4];
    else continue;
    const start = m.index;
    const end = start + raw.length;
    const score = hasContext(text, start, end, SSN_CONTEXT, 48) ? boosted : base;
    out.push({ type: 'us-ssn', start, end, score: clampScore(score) });
  }
  return out;
}
