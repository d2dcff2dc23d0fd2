import {
  findPhoneNumbersInText,
  Metadata,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
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

// Regions tried, at lower confidence, when the default region finds nothing in a window. Any one
// that accepts the number will do, so they are tried most accepting first (DE takes most digit
// strings): fewer parses for the same answer.
const FALLBACK_REGIONS: readonly CountryCode[] = [
  'DE',
  'IN',
  'CN',
  'JP',
  'IL',
  'GB',
  'FR',
  'BR',
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
  // libphonenumber's answers for this text: a text often repeats a number or a line (a table,
  // an example run twice), and each answer costs tens of microseconds. Kept for this call only.
  const searched = new Map<string, Hit[]>();
  const fallback = new Map<string, boolean>();
  const validInFallbackRegion = (candidate: string, region: CountryCode): boolean => {
    let valid = fallback.get(candidate);
    if (valid === undefined) {
      valid = validInAnyFallbackRegion(candidate, region);
      fallback.set(candidate, valid);
    }
    return valid;
  };
  for (const { from, to, runs } of candidateWindows(text)) {
    // Log lines: `2025-06-24 14:36:25 …` alone in its window gives nothing (see below).
    if (runs.length === 1 && timestampOnly(text, from, to, runs[0]!, defaultRegion)) continue;
    const window = text.slice(from, to);
    // One search at the loosest leniency, then validation per hit: a second, stricter search over
    // the same window would parse everything twice.
    let found = searched.get(window);
    if (found === undefined) {
      found = mayHoldNumber(window, defaultRegion) ? search(window, defaultRegion) : [];
      searched.set(window, found);
    }
    const hits = found.filter((hit) => !gluedToLetter(window, hit));
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

function validInAnyFallbackRegion(candidate: string, defaultRegion: CountryCode): boolean {
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
// `2025-06-24 14` before `:36`: libphonenumber drops a candidate that ends like this (its
// TIME_STAMPS rule) and `fallbackCandidate` drops a run followed by `:`.
const TIMESTAMP_RUN = /^[12]\d{3}[-/]?[01]\d[-/]?[0-3]\d +[0-2]\d$/;
const TIMESTAMP_NEXT = /^:[0-5]\d/;

/**
 * Whether a window holding one digit run finds nothing for sure, without libphonenumber: the run
 * is a date and hour followed by `:mm` (dropped by both), and no other digit group in the window
 * (digits joined by `+` and the punctuation libphonenumber allows inside a number) has more than
 * four digits: too few for a number possible in `region`, and for an international one (country
 * code and at least four digits), with `+` or an international prefix.
 */
function timestampOnly(
  text: string,
  from: number,
  to: number,
  run: [number, number],
  region: CountryCode,
): boolean {
  const [start, end] = run;
  if (text.charCodeAt(end) !== 0x3a || !TIMESTAMP_RUN.test(text.slice(start, end))) return false;
  if (!TIMESTAMP_NEXT.test(text.slice(end, end + 3)) || minLength(region) <= MAX_OTHER_DIGITS) return false;
  let group = 0;
  for (let i = from; i < to; i++) {
    if (i === start) {
      i = end - 1;
      group = 0;
      continue;
    }
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c > 0x7f && DIGIT.test(text[i]!))) {
      if (++group > MAX_OTHER_DIGITS) return false;
    } else if (c !== 0x2b && c !== 0xff0b && !NUMBER_PUNCTUATION.test(text[i]!)) group = 0;
  }
  return true;
}

const MAX_OTHER_DIGITS = 4;
const DIGIT = /\p{Nd}/u;
// libphonenumber's VALID_PUNCTUATION and opening brackets: what may join digits into one number.
const NUMBER_PUNCTUATION =
  /[-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \u00A0\u00AD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E]/;

/**
 * Whether libphonenumber could find a number in `window` (read for `region`). A number is read from
 * a group of digits joined by the punctuation it allows inside one, perhaps after a `+`: a national
 * number never has more digits than its group (and the digits the region's national prefix rule
 * adds), so it needs a group with as many digits as the region's shortest number; an international one needs `+` and six digits at least (country code
 * and the shortest national number, four digits), or a group that starts with the region's
 * international prefix. Extension digits form a group of their own, which only says yes more often.
 */
function mayHoldNumber(window: string, region: CountryCode): boolean {
  const { min, idd } = regionInfo(region);
  let digits = 0;
  let plus = false;
  let lead = '';
  for (let i = 0; i <= window.length; i++) {
    const c = i < window.length ? window.charCodeAt(i) : 0;
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      if (digits >= min || (plus && digits >= MIN_INTERNATIONAL)) return true;
      if (lead.length < 8) lead += window[i]!;
      continue;
    }
    if (c > 0x7f && DIGIT.test(window[i]!)) return true;
    const plusSign = c === 0x2b || c === 0xff0b;
    if (!plusSign && i < window.length && NUMBER_PUNCTUATION.test(window[i]!)) continue;
    // The group ends here; a `+` starts the next one.
    if (lead !== '' && idd.test(lead)) return true;
    digits = 0;
    lead = '';
    plus = plusSign;
  }
  return false;
}

const MIN_INTERNATIONAL = 6;

const REGION_INFO = new Map<CountryCode, { min: number; idd: RegExp }>();

/**
 * The fewest digits a number possible in `region` may be written with (its shortest national
 * number, less what its national prefix rule adds), and its international dialling prefix.
 */
function regionInfo(region: CountryCode): { min: number; idd: RegExp } {
  let info = REGION_INFO.get(region);
  if (info === undefined) {
    try {
      const metadata = new Metadata();
      metadata.selectNumberingPlan(region);
      const plan = metadata.numberingPlan!;
      // A national prefix rule may add digits of its own (`268$1`: a local number gets its area
      // code): so many fewer digits in the text can already make a possible number.
      const transform = rule(plan);
      const added =
        typeof transform === 'string' ? transform.replace(/\$\d/g, '').replace(/\D/g, '').length : 0;
      info = {
        min: Math.min(...plan.possibleLengths()) - added,
        idd: new RegExp(`^(?:${plan.IDDPrefix()})`),
      };
    } catch {
      // Unknown region: always ask libphonenumber.
      info = { min: 0, idd: /^/ };
    }
    REGION_INFO.set(region, info);
  }
  return info;
}

// In the metadata, not in the typings.
const rule = (plan: object): unknown =>
  (plan as { nationalPrefixTransformRule?: () => unknown }).nationalPrefixTransformRule?.();

function minLength(region: CountryCode): number {
  return regionInfo(region).min;
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
    // The padding stays on the run's line: no number libphonenumber reads spans a line break, and
    // what is across one changes nothing in what it finds. (Log lines then make one small window
    // each.)
    let from = Math.max(0, run[0] - LEFT_PAD);
    let to = Math.min(text.length, run[1] + RIGHT_PAD);
    for (let i = run[0] - 1; i >= from; i--) if (text.charCodeAt(i) === 0x0a) from = i + 1;
    for (let i = run[1]; i < to; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        to = i;
        break;
      }
    }
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
