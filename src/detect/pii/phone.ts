import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';

// The `max` metadata validates each country's number ranges (not just lengths): `min` would accept
// any 10-digit string as a US number. It costs ~150 KB, loaded once.

// Digit runs that could hold a phone number: the prefilter that keeps libphonenumber off prose.
const CANDIDATE = /[+(]?\d[\d \t().\-/\u00a0\u2010-\u2015]{4,40}\d/g;
const MIN_DIGITS = 7;
// Characters kept around a candidate so libphonenumber sees what touches it (a letter before
// `is415-555-0132` makes it invalid) and a trailing extension (`x1234`, `ext. 12`).
const LEFT_PAD = 4;
const RIGHT_PAD = 16;

// Dates and times share the shape of short phone numbers in some regions.
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?!\d)/;

// Regions tried, at lower confidence, when the default region finds nothing in a window.
const FALLBACK_REGIONS: readonly CountryCode[] = [
  'GB',
  'DE',
  'FR',
  'IN',
  'IL',
  'BR',
  'JP',
  'CN',
  'AU',
  'IT',
  'ES',
];

// Valid only outside the default region: weaker than a number valid where the user is.
const FALLBACK_SCORE = 0.45;

const PHONE_CONTEXT =
  /\b(?:phone|phones|tel|telephone|mobile|cell|cellphone|call|calling|fax|contact|reach|text me|sms|whatsapp|office|landline|dial|ext|hotline)\b/;

/**
 * Phone numbers, found by libphonenumber on the digit runs of `text` only. A number valid for
 * `defaultRegion` (or written with `+` and a country code) scores higher than one valid only in a
 * fallback region; a number that has a possible length but fails validation is reported only at
 * low confidence, higher with a keyword such as "phone" or "fax" near it.
 *
 * @example
 * findPhones('call (415) 555-0132', 'US') // [{ type: 'phone', start: 5, end: 19, score: 0.85 }]
 */
export function findPhones(text: string, defaultRegion: CountryCode = 'US'): Match[] {
  const out: Match[] = [];
  for (const { from, to, runs } of candidateWindows(text)) {
    const window = text.slice(from, to);
    // One search at the loosest leniency, then validation per hit: a second, stricter search over
    // the same window would parse everything twice.
    const hits = search(window, defaultRegion).filter((hit) => !gluedToLetter(window, hit));
    for (const hit of hits) {
      let base = 0.25;
      if (hit.valid) base = 0.6;
      else if (DATE_LIKE.test(window.slice(hit.startsAt, hit.endsAt))) continue;
      else if (
        !hit.international &&
        validInFallbackRegion(window.slice(hit.startsAt, hit.endsAt), defaultRegion)
      ) {
        base = FALLBACK_SCORE;
      }
      out.push(toMatch(text, from, hit, base));
    }
    // Runs libphonenumber did not take for the default region (`09-7625400` is no US number).
    for (const [start, end] of runs) {
      if (hits.some((h) => from + h.startsAt < end && start < from + h.endsAt)) continue;
      const run = text.slice(start, end);
      if (!fallbackCandidate(text, start, end)) continue;
      if (validInFallbackRegion(run, defaultRegion)) {
        out.push(
          toMatch(
            text,
            0,
            { startsAt: start, endsAt: end, international: false, valid: false },
            FALLBACK_SCORE,
          ),
        );
      }
    }
  }
  return dedupe(out);
}

/**
 * Whether a digit run the default region rejected is worth parsing for other regions: not a date
 * or timestamp, not glued to a letter (`A56319335`), not a long bare digit string (card, account).
 */
function fallbackCandidate(text: string, start: number, end: number): boolean {
  const run = text.slice(start, end);
  if (DATE_LIKE.test(run) || text[end] === ':') return false;
  if (/\p{L}/u.test(text[start - 1] ?? '') || /\p{L}/u.test(text[end] ?? '')) return false;
  const digits = run.replace(/\D/g, '').length;
  return digits <= 15 && !(digits > 11 && /^\d+$/.test(run));
}

function validInFallbackRegion(candidate: string, defaultRegion: CountryCode): boolean {
  for (const region of FALLBACK_REGIONS) {
    if (region === defaultRegion) continue;
    try {
      if (parsePhoneNumberFromString(candidate, region)?.isValid()) return true;
    } catch {
      // Unparseable here: try the next region.
    }
  }
  return false;
}

/** A letter right before or after (`is415-555-0132`): part of a token, not a number on its own. */
function gluedToLetter(window: string, hit: Hit): boolean {
  return /\p{L}/u.test(window[hit.startsAt - 1] ?? '') || /\p{L}/u.test(window[hit.endsAt] ?? '');
}

interface Hit {
  startsAt: number;
  endsAt: number;
  international: boolean;
  valid: boolean;
}

function search(window: string, region: CountryCode): Hit[] {
  try {
    return findPhoneNumbersInText(window, { defaultCountry: region, extended: true }).map((f) => ({
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      international: window[f.startsAt] === '+',
      valid: f.number.isValid(),
    }));
  } catch {
    // libphonenumber throws on some malformed input; a detector must not.
    return [];
  }
}
function toMatch(text: string, offset: number, hit: Hit, base: number): Match {
  const start = offset + hit.startsAt;
  const end = offset + hit.endsAt;
  let score = base;
  if (hit.international) score += 0.1;
  if (hasContext(text, start, end, PHONE_CONTEXT, 40, 16)) score += 0.25;
  return { type: 'phone', start, end, score: clampScore(score) };
}

interface Window {
  from: number;
  to: number;
  /** The digit runs inside. */
  runs: Array<[number, number]>;
}

/** Padded spans around digit runs with enough digits, merged where they touch. */
function candidateWindows(text: string): Window[] {
  const windows: Window[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    let digits = 0;
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    if (digits < MIN_DIGITS) continue;
    const run: [number, number] = [m.index, m.index + m[0].length];
    const from = Math.max(0, run[0] - LEFT_PAD);
    const to = Math.min(text.length, run[1] + RIGHT_PAD);
    const last = windows.at(-1);
    if (last && from <= last.to) {
      last.to = Math.max(last.to, to);
      last.runs.push(run);
    } else windows.push({ from, to, runs: [run] });
  }
  return windows;
}

function dedupe(matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.score - a.score);
  const out: Match[] = [];
  for (const m of matches) {
    const last = out.at(-1);
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
