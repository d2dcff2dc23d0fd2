import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';
import {
  addWords,
  filterBits,
  hashKey,
  isAsciiLetterCode,
  isDigitCode,
  isJsSpace,
  JOINED,
  NON_ASCII,
  releaseScan,
  scanWords,
  W_ADDRESS_CUE,
  W_NAMED_STREET,
  W_STREET_AFTER,
  W_STREET_PREFIX,
  W_STREET_SUFFIX,
  type WordTable,
} from './scan.js';

// USPS street suffixes (and common UK/Commonwealth ones), full and abbreviated.
const SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Ter|Way|' +
  'Circle|Cir|Parkway|Pkwy|Highway|Hwy|Freeway|Expressway|Expy|Trail|Trl|Loop|Alley|Aly|Row|Crescent|Cres|Close|' +
  'Grove|Gardens|Gdns|Walk|Path|Pike|Turnpike|Tpke|Plaza|Plz|Ridge|Run|Crossing|Xing|Cove|Cv|Bend|Mews|Hollow|' +
  'Landing|Manor|Heights|Hts|Causeway|Esplanade|Embankment|Quay|Promenade|Route|Rte|Broadway|Str';
// Street types written before the name in Romance languages and elsewhere (`Rue Joseph Vernet`).
const PREFIX_TYPE =
  'Rue|Via|Viale|Vicolo|Calle|Avenida|Avda|Rua|Travessa|Piazza|Piazzale|Corso|Largo|Plaza|Paseo|Carrer|Chemin|' +
  'Allée|Allee|Boulevard|Bd|Quai|Place|Impasse|Strada|Ulica|Ul|Cesta|Calea|Aleea|Rambla|Camino|Avenue';
// German, Nordic, Dutch, Finnish, Hungarian street words written as one word (`Koskikatu`).
const COMPOUND_SUFFIX =
  'straße|strasse|str\\.|gasse|weg|platz|allee|ring|damm|ufer|chaussee|steig|gatan|gata|vägen|väg|gränd|vej|gade|' +
  'veien|veg|gata|katu|tie|kuja|polku|laan|straat|plein|gracht|kade|singel|utca|út|tér|ulica';

const WORD = "[\\p{Lu}\\d][\\p{L}\\p{M}'’.\\-]*";
const HOUSE = '\\d{1,6}[A-Za-z]?(?:-\\d{1,6})?';
const ORDINAL = '\\d{1,4}(?:st|nd|rd|th)';
const DIRECTION = '(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?';

/** The alternation with an upper-case copy of each word (`STREET`), for case-sensitive patterns. */
function withUpper(alternation: string): string {
  return `${alternation}|${alternation.toUpperCase()}`;
}

/** The alternation with a capitalized copy of each word (`-Platz` in `Paul-Nevermann-Platz`). */
function withCapital(alternation: string): string {
  const capital = alternation
    .split('|')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('|');
  return `${alternation}|${capital}`;
}

// Lower-case particles inside street names (`Avenue des Sartiaux`, `Via dalla Staziun`).
const PARTICLE = '(?:de|des|du|la|le|les|del|della|dalla|dei|di|da|do|dos|das|van|von|der|den)';
// Street words written apart, before the house number (`Király u. 23`, `Berliner Straße 5`).
const SEPARATE_SUFFIX =
  'u\\.|utca|út|tér|krt\\.|Str\\.|Straße|Strasse|Gasse|Platz|Weg|Allee|Ring|gade|vej|gatan|vägen';

/**
 * The street patterns, case-sensitive: suffixes and street types match as written, capitalized or
 * upper-case (`Street`, `STREET`); lower-case text is handled by matching a capitalized copy.
 */
function addressPattern(): RegExp {
  const word = WORD;
  const name = `(?:${ORDINAL}|${word}|${PARTICLE}(?=[ \\t]))`;
  const suffix = withUpper(SUFFIX);
  const prefixType = withUpper(PREFIX_TYPE);
  // After a house number the street type may be lower-case (`40 rue Victor Hugo`).
  const prefixAfterHouse = `${prefixType}|${PREFIX_TYPE.toLowerCase()}`;
  // At least three letters before a compound suffix: `during`, `String`, `Katie` are not streets.
  const compound = `\\p{Lu}[\\p{L}\\p{M}\\-]{2,}(?:${withCapital(COMPOUND_SUFFIX)})`;
  return new RegExp(
    [
      // 1600 Pennsylvania Avenue NW · 221B Baker St · 12 N. Main St
      `(?<![\\p{L}\\p{N}_.,-])${HOUSE}[ \\t]+(?:${DIRECTION}[ \\t]+)?(?:${name}[ \\t]+){1,4}?(?:${suffix})\\b\\.?(?:[ \\t]+${DIRECTION}(?![\\p{L}]))?`,
      // 87 Rue Joseph Vernet
      `(?<![\\p{L}\\p{N}_.,-])${HOUSE},?[ \\t]+(?:${prefixAfterHouse})\\.?[ \\t]+(?:${name}[ \\t]+){0,3}${name}(?![\\p{L}\\p{N}])`,
      // Via Nizza 60
      `(?<![\\p{L}\\p{N}_.,-])(?:${prefixType})\\.?[ \\t]+(?:${name}[ \\t]+){0,3}${name},?[ \\t]+${HOUSE}(?![\\p{L}\\p{N}])`,
      // Koskikatu 25 · Paul-Nevermann-Platz 47
      `(?<![\\p{L}\\p{N}_.,-])(?:${HOUSE}[ \\t]+)?(?:${word}[ \\t]+){0,2}${compound}\\.?[ \\t]+${HOUSE}(?![\\p{L}\\p{N}])`,
      // Király u. 23 · Berliner Straße 5
      `(?<![\\p{L}\\p{N}_.,-])(?:${HOUSE}[ \\t]+)?(?:${word}[ \\t]+){1,3}(?:${SEPARATE_SUFFIX})[ \\t]+${HOUSE}\\.?(?![\\p{L}\\p{N}])`,
      // P.O. Box 1234
      `(?<![\\p{L}\\p{N}_])[Pp]\\.?[ \\t]?[Oo]\\.?[ \\t]?[Bb][Oo][Xx][ \\t]+\\d{1,6}(?![\\p{N}])`,
      // US military mail: PSC 1234, Box 5678 · Unit 1234 Box 5678 · APO AE 09012
      `(?<![\\p{L}\\p{N}_])(?:PSC|CMR|Unit)[ \\t]+\\d{1,5},?[ \\t]+Box[ \\t]+\\d{1,5}(?![\\p{N}])`,
      `(?<![\\p{L}\\p{N}_])(?:APO|FPO|DPO)[ \\t]+(?:AA|AE|AP)[ \\t]+\\d{5}(?![\\p{N}])`,
    ].join('|'),
    'uy',
  );
}

// The patterns are sticky: `collect` tries them only where a match can start (see `matchStarts`).
const ADDRESS = addressPattern();
// A street named without a house number (`Almeida Street`): full suffix words only, low confidence.
const NAMED_STREET =
  /(?<![\p{L}\p{N}_.,-])(?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){1,2}(?:Street|Avenue|Road|Boulevard|Lane|Drive)(?![\p{L}\p{N}])/uy;

// House number, capitalized words, number (`69 Roheline 43`, `Trg revolucije 12`): the shape of many
// European addresses, but also of `Windows 10`; kept only with an address cue or a unit/postcode after.
const LOOSE_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}_.,-])(?:${HOUSE}[ \\t]+)?(?:C/[ \\t]*)?\\p{Lu}[\\p{L}\\p{M}'’.\\-]*(?:[ \\t]+[\\p{L}\\p{M}'’.\\-]+){0,3}[ \\t]+${HOUSE}(?![\\p{L}\\p{N}])`,
  'uy',
);
const ADDRESS_CONTEXT =
  /\b(?:address|addr|live|lives|living|located|location|ship|shipping|deliver|delivery|send|mail|mailing|moved?|reside|residence|billing|corner of)\b/;

// What may follow the street on the same or the next lines: unit, city, state, postcode, country.
const UNIT =
  /^(?:,?[ \t]*|\r?\n[ \t>]*)(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Room|Rm|Bldg|Building|#)\.?[ \t]*#?[A-Za-z]?\d{1,6}[A-Za-z]?(?![\p{L}\p{N}])/iu;
const POSTCODE =
  /^(?:,?[ \t]*|\r?\n[ \t>]*(?:,[ \t]*)?)(?:\d{4,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)(?![\p{L}\p{N}])/u;
const STATE = /^(?:,[ \t]*|[ \t]+|\r?\n[ \t>]*(?:,[ \t]*)?)[A-Z]{2}(?![\p{L}\p{N}])/u;
const PLACE =
  /^(?:,[ \t]*|\r?\n[ \t>]*(?:,[ \t]*)?)(?!(?:Thanks|Thank|Regards|Best|Sincerely|Cheers|Please|Phone|Tel|Email|E-mail|Fax|Website|Hi|Hello|Dear|The|This|I|We|You|He|She|They|It)\b)(?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:[ \t]\p{Lu}[\p{L}\p{M}'’.-]*|[ \t](?:of|the|de|la|del|upon|on)(?=[ \t]\p{Lu})){0,4}(?=[ \t]*(?:,|\r?\n|$|[ \t]\d{4,6}\b))/u;

// `in 2019 Supreme Court…`: a year after a time word is not a house number.
const YEAR_BEFORE = /\b(?:in|since|by|from|until|of|year|circa|c\.)\s+$/i;

/**
 * Street addresses: house number + street name + suffix (`221B Baker Street`), prefixed street types
 * (`Rue …`, `Via …`), one-word compound streets (`Hauptstraße 5`) and PO boxes, extended over a unit,
 * city, state, postcode and country on the same or following lines.
 *
 * The patterns are costly, so they run only on the few lines where they can match: around a digit
 * run with a street word near it on its line (a suffix after it, a street type before or after it,
 * `Box`, `Straße` or a compound street right before it), around a number after capitalized words
 * when an address cue or a unit/postcode backs it, and around the words `Street`, `Avenue`, ….
 * The words and digit runs come from the shared scan (`scanWords`), not from more passes.
 *
 * @example
 * findStreetAddresses('Ship to 742 Evergreen Terrace, Springfield, OR 97477')
 * // [{ type: 'street-address', start: 8, end: 52, score: 1 }]
 */
export function findStreetAddresses(text: string): Match[] {
  const t = scanWords(text);
  try {
    return addressesIn(t);
  } finally {
    releaseScan();
  }
}

function addressesIn(t: WordTable): Match[] {
  const text = t.text;
  const out: Match[] = [];
  if (t.digits === 0) return out;
  const { street, loose } = numberedWindows(t);
  if (street.length > 0) {
    collect(text, ADDRESS, street, 'always', out);
    // Lower-case streets (`12 main street`) are found by matching a copy with every word
    // capitalized, and kept only with an address cue before them or a unit/postcode after them.
    collect(text, ADDRESS, street, 'with-evidence', out, true);
  }
  if (loose.length > 0) collect(text, LOOSE_ADDRESS, loose, 'with-evidence', out);
  const named = namedStreetWindows(t);
  if (named.length > 0) collect(text, NAMED_STREET, named, 'named-street', out);
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Match[] = [];
  for (const m of out) {
    const last = merged.at(-1);
    if (last && m.start < last.end) {
      if (m.end > last.end) last.end = m.end;
      last.score = Math.max(last.score, m.score);
    } else merged.push(m);
  }
  return merged;
}

// Street words, lower-case, registered with the shared word filter so a word's bits tell cheaply
// whether it may be one. `.` is left out (`u.`, `Str.`): the scan's words are letters only.
const words = (alternation: string) =>
  alternation.replace(/\\/g, '').replace(/\./g, '').toLowerCase().split('|');
const SUFFIX_WORDS = new Set(words(SUFFIX));
const PREFIX_WORDS = new Set(words(PREFIX_TYPE));
// Words right before the number: separate street words, `Box` (also `POBox`), the APO zones.
const AFTER_WORDS = new Set([...words(SEPARATE_SUFFIX), 'box', 'pobox', 'obox', 'aa', 'ae', 'ap']);
const COMPOUND_ENDINGS = words(COMPOUND_SUFFIX);
const NAMED_WORDS = new Set(['street', 'avenue', 'road', 'boulevard', 'lane', 'drive']);
// The words of ADDRESS_CONTEXT (`corner of` by its first word).
const CUE_WORDS = new Set(
  'address addr live lives living located location ship shipping deliver delivery send mail mailing move moved reside residence billing corner'.split(
    ' ',
  ),
);
addWords(SUFFIX_WORDS, W_STREET_SUFFIX);
addWords(PREFIX_WORDS, W_STREET_PREFIX);
addWords(AFTER_WORDS, W_STREET_AFTER);
addWords(NAMED_WORDS, W_NAMED_STREET);
addWords(CUE_WORDS, W_ADDRESS_CUE);

const FNV_START = hashKey('', 0, 0);

// How far from a digit run its street words may be, and the window the patterns run on.
const REACH = 100;
const BEFORE = 90;
const AFTER = 110;

const STREET_BITS = W_STREET_SUFFIX | W_STREET_PREFIX | W_STREET_AFTER | W_NAMED_STREET | W_ADDRESS_CUE;
const LISTS: ReadonlyArray<readonly [number, ReadonlySet<string>]> = [
  [W_STREET_SUFFIX, SUFFIX_WORDS],
  [W_STREET_PREFIX, PREFIX_WORDS],
  [W_STREET_AFTER, AFTER_WORDS],
  [W_NAMED_STREET, NAMED_WORDS],
  [W_ADDRESS_CUE, CUE_WORDS],
];

/**
 * The street word lists word `i` is in, as bits. A word with `'`, `-` or other than ASCII letters
 * (`Paul-Nevermann-Platz`, `Stück`) also counts its parts and their leading ASCII letters, as the
 * patterns' `\b` sees them. The hashed filter answers for most words; a hit is checked in the lists.
 */
function wordBits(t: WordTable, i: number): number {
  const flags = t.flags[i]!;
  let maybe = filterBits(t.hash[i]!);
  if ((flags & NON_ASCII) !== 0) {
    // Each part, and the ASCII letters it starts with, by hash.
    const key = t.key(i);
    let h = FNV_START;
    let ascii = FNV_START;
    let leading = true;
    for (let k = 0; k <= key.length; k++) {
      const c = k < key.length ? key.charCodeAt(k) : 0x2d;
      if (c === 0x27 || c === 0x2d || c === 0x2019) {
        maybe |= filterBits(h) | filterBits(ascii);
        h = FNV_START;
        ascii = FNV_START;
        leading = true;
      } else {
        h = Math.imul(h ^ c, 0x01000193);
        if (leading && c >= 0x61 && c <= 0x7a) ascii = Math.imul(ascii ^ c, 0x01000193);
        else leading = false;
      }
    }
  } else if ((flags & JOINED) !== 0) {
    // ASCII with `'`, `-` or `’`: hash each part.
    const text = t.text;
    const end = t.end[i]!;
    let h = FNV_START;
    for (let k = t.start[i]!; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x27 || c === 0x2d || c === 0x2019) {
        maybe |= filterBits(h);
        h = FNV_START;
      } else h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c), 0x01000193);
    }
    maybe |= filterBits(h);
  }
  maybe &= STREET_BITS;
  if (maybe === 0) return 0;
  const key = t.key(i);
  const keys = [key];
  if ((flags & (JOINED | NON_ASCII)) !== 0) {
    for (const part of key.split(/['’-]/)) {
      keys.push(part);
      const ascii = /^[a-z]+/.exec(part);
      if (ascii) keys.push(ascii[0]);
    }
  }
  let bits = 0;
  for (const [bit, list] of LISTS) {
    if ((maybe & bit) !== 0 && keys.some((k) => list.has(k))) bits |= bit;
  }
  return bits;
}

// Characters a street may have between its number and its street word: letters (any non-ASCII
// character counts as one), digits, `'`, `’`, `.`, `-`, `,`, space and tab.
const STREET_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.-, \t")
  STREET_CHAR[c.charCodeAt(0)] = 1;
// Between the words of a loose address: no digits, no commas.
const LOOSE_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.-/ \t")
  LOOSE_CHAR[c.charCodeAt(0)] = 1;

function allIn(codes: Uint16Array, from: number, to: number, table: Uint8Array): boolean {
  for (let k = from; k < to; k++) {
    const c = codes[k]!;
    if (c < 0x80 && table[c] === 0) return false;
  }
  return true;
}

/** Whether the text between `from` and `to` is an optional `.` and then spaces or tabs. */
function dotSpace(codes: Uint16Array, from: number, to: number): boolean {
  if (codes[from] === 0x2e) from++;
  if (from >= to) return false;
  for (let k = from; k < to; k++) if (codes[k] !== 0x20 && codes[k] !== 0x09) return false;
  return true;
}

const isSpaceTab = (c: number) => c === 0x20 || c === 0x09;

/** Whether the code point before `i` is a letter or digit (`[\p{L}\p{N}]`). */
function letterOrDigitBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0x80) return isAsciiLetterCode(c) || isDigitCode(c);
  const from =
    (c & 0xfc00) === 0xdc00 && i >= 2 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? i - 2 : i - 1;
  return LETTER_OR_DIGIT.test(text.slice(from, i));
}

/** Whether the code point at `i` is a letter or digit (`[\p{L}\p{N}]`). */
function letterOrDigitAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetterCode(c) || isDigitCode(c);
  return LETTER_OR_DIGIT.test(text.slice(i, i + 2));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

/** Where `HOUSE` (`\d{1,6}[A-Za-z]?(?:-\d{1,6})?`) read greedily from digit run `k` ends, or -1. */
function houseEnd(t: WordTable, k: number): number {
  const text = t.text;
  let end = t.digitEnd[k]!;
  if (end - t.digitStart[k]! > 6) return -1;
  if (isAsciiLetterCode(text.charCodeAt(end))) end++;
  if (text.charCodeAt(end) === 0x2d && k + 1 < t.digits && t.digitStart[k + 1] === end + 1) {
    const next = t.digitEnd[k + 1]!;
    if (next - end - 1 <= 6) end = next;
  }
  return end;
}

/**
 * Windows (merged spans of whole lines' parts) where the street patterns and the loose pattern
 * could match, from the digit runs and the words near them.
 */
function numberedWindows(t: WordTable): { street: Array<[number, number]>; loose: Array<[number, number]> } {
  const text = t.text;
  const street: Array<[number, number]> = [];
  const loose: Array<[number, number]> = [];
  for (let k = 0; k < t.digits; k++) {
    const ds = t.digitStart[k]!;
    const de = t.digitEnd[k]!;
    // The patterns' look-behind: a number is not read after a letter, `_`, `.`, `,` or `-`.
    if (ds > 0) {
      const c = text.charCodeAt(ds - 1);
      if (c === 0x5f || c === 0x2e || c === 0x2c || c === 0x2d || letterOrDigitBefore(text, ds)) continue;
    }
    const w = t.digitWord[k]!;
    const lineStart = t.digitLineStart[k]!;
    const lineEnd = t.digitLineEnd[k]!;
    let isStreet = false;
    // A house number first: `742 Evergreen Terrace`, `87 Rue Exemple`: a suffix or street type after.
    const house = houseEnd(t, k);
    const next = house < 0 ? -1 : text.charCodeAt(house);
    if (isSpaceTab(next) || next === 0x2c) {
      const limit = Math.min(lineEnd, de + REACH);
      let from = house;
      // A suffix comes after at most a direction and four names (a dozen words, read generously).
      for (let q = w; q < t.n && q < w + 12 && t.start[q]! < limit; q++) {
        if (!allIn(t.codes, from, t.start[q]!, STREET_CHAR)) break;
        if ((wordBits(t, q) & (W_STREET_SUFFIX | W_STREET_PREFIX)) !== 0) {
          isStreet = true;
          break;
        }
        from = t.end[q]!;
      }
    }
    let isLoose = false;
    if (ds > 0 && isSpaceTab(text.charCodeAt(ds - 1))) {
      // A number after the street: `Via Esempio 60`, `Musterstraße 12`, `Box 1234`, `Roheline 43`.
      const limit = Math.max(lineStart, ds - REACH);
      let to = ds;
      let capital = false;
      let looseWords = 0;
      let looseFrom = ds;
      // A street type comes at most five names before; a loose address has at most four words.
      for (let q = w - 1; q >= 0 && q >= w - 12 && t.end[q]! > limit; q--) {
        if (!allIn(t.codes, t.end[q]!, to, STREET_CHAR)) break;
        if (!isStreet) {
          const bits = wordBits(t, q);
          if ((bits & W_STREET_PREFIX) !== 0) isStreet = true;
          else if (
            q === w - 1 &&
            dotSpace(t.codes, t.end[q]!, ds) &&
            ((bits & W_STREET_AFTER) !== 0 || endsInCompound(t, q))
          ) {
            // Right before the number: `Musterstraße 12`, `u. 23`, `Box 1234`.
            isStreet = true;
          }
        }
        // A loose address: up to four words of letters before the number, the first capitalized.
        if (looseWords >= 0 && allIn(t.codes, t.end[q]!, to, LOOSE_CHAR)) {
          looseWords++;
          looseFrom = t.start[q]!;
          if (startsUpper(text, t.start[q]!)) capital = true;
        } else looseWords = -1;
        if (isStreet && looseWords < 0) break;
        to = t.start[q]!;
      }
      if (capital) isLoose = looseEvidence(t, k, looseFrom);
    }
    if (isStreet) addWindow(text, street, ds, de, lineStart, lineEnd);
    if (isLoose) addWindow(text, loose, ds, de, lineStart, lineEnd);
  }
  return { street, loose };
}

/** Whether word `i` ends in a compound street word (`Musterstraße`, `Koskikatu`, `Hauptstr`). */
function endsInCompound(t: WordTable, i: number): boolean {
  if (t.len(i) < 4) return false;
  const key = t.key(i);
  for (const ending of COMPOUND_ENDINGS) if (key.endsWith(ending)) return true;
  return false;
}

/** Whether the word at `i` starts with a capital (any character other than ASCII may be one). */
function startsUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x80 || (c >= 0x41 && c <= 0x5a);
}

/**
 * Whether a loose address ending in digit run `k` and starting at `from` at the earliest (its
 * first word; a house number may come before) could be kept: an address cue in the 40 characters
 * before it, or a unit or postcode after it (what `accept1` will ask for, read generously).
 */
function looseEvidence(t: WordTable, k: number, from: number): boolean {
  const text = t.text;
  const codes = t.codes;
  const end = houseEnd(t, k);
  if (end < 0 || letterOrDigitAt(text, end)) return false;
  // Before the first word: spaces, then a house number (`12B-14`, fourteen characters at most).
  let start = from;
  while (start > 0 && isSpaceTab(codes[start - 1]!)) start--;
  for (let n = 0; n < 14 && start > 0 && codes[start - 1]! < 0x80 && HOUSE_CHAR[codes[start - 1]!] === 1; n++)
    start--;
  for (let q = t.digitWord[k]! - 1; q >= 0 && t.end[q]! > start - 40; q--) {
    if ((wordBits(t, q) & W_ADDRESS_CUE) !== 0) return true;
  }
  const c = codes[end]!;
  if (!(c === 0x2c || c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x23)) return false;
  return extendTail(text, end).strong;
}

const HOUSE_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-')
  HOUSE_CHAR[c.charCodeAt(0)] = 1;

/** Add the part of the line around a digit run, widened to white space, to `spans`. */
function addWindow(
  text: string,
  spans: Array<[number, number]>,
  ds: number,
  de: number,
  lineStart: number,
  lineEnd: number,
): void {
  let from = Math.max(lineStart, ds - BEFORE);
  let to = Math.min(lineEnd, de + AFTER);
  while (from > 0 && !isJsSpace(text.charCodeAt(from - 1))) from--;
  while (to < text.length && !isJsSpace(text.charCodeAt(to))) to++;
  const last = spans.at(-1);
  if (last && from <= last[1]) last[1] = Math.max(last[1], to);
  else spans.push([from, to]);
}

/**
 * Windows around `Street`, `Avenue`, `Road`, `Boulevard`, `Lane`, `Drive` written so (the words
 * `STREET_WORD` finds): 60 characters before, widened to white space.
 */
function namedStreetWindows(t: WordTable): Array<[number, number]> {
  const text = t.text;
  const spans: Array<[number, number]> = [];
  for (let q = 0; q < t.n; q++) {
    if ((filterBits(t.hash[q]!) & W_NAMED_STREET) === 0 && (t.flags[q]! & (JOINED | NON_ASCII)) === 0) {
      continue;
    }
    if ((wordBits(t, q) & W_NAMED_STREET) === 0) continue;
    // The word itself, or a part of it after `-` or `'` (`Street-level`).
    for (let at = t.start[q]!; at < t.end[q]!; at++) {
      if (at > t.start[q]! && !/['’-]/.test(text[at - 1]!)) continue;
      STREET_WORD.lastIndex = at;
      const m = STREET_WORD.exec(text);
      if (!m) continue;
      let from = Math.max(0, m.index - 60);
      let to = m.index + m[0].length;
      while (from > 0 && !isJsSpace(text.charCodeAt(from - 1))) from--;
      while (to < text.length && !isJsSpace(text.charCodeAt(to))) to++;
      const last = spans.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else spans.push([from, to]);
    }
  }
  return spans;
}

const STREET_WORD = /\b(?:Street|Avenue|Road|Boulevard|Lane|Drive)\b/y;

/** `text` with the first letter of every word upper-cased where that keeps the length. */
function capitalizeWords(text: string): string {
  return text.replace(/(?<![\p{L}\p{M}'’])\p{Ll}/gu, (c) => {
    const upper = c.toUpperCase();
    return upper.length === c.length ? upper : c;
  });
}

type Acceptance = 'always' | 'with-evidence' | 'named-street';

/**
 * Run `re` over each span of the text, or of its copy with every word capitalized (`copy`), and
 * keep what `accept` allows. In the copy only matches with words that were lower-case in the text
 * are of interest (the others were found in the text), and after one is rejected the scan goes on
 * from the next character, where a shorter street may start.
 */
function collect(
  text: string,
  re: RegExp,
  spans: Array<[number, number]>,
  accept: Acceptance,
  out: Match[],
  copy = false,
): void {
  for (const [from, to] of spans) {
    const original = text.slice(from, to);
    const slice = copy ? capitalizeWords(original) : original;
    // A span without lower-case letters reads the same capitalized: nothing new to find.
    if (copy && slice === original) continue;
    // As a global scan of the slice: from each match's end, or from the next character after a
    // rejected match in the copy.
    let next = 0;
    for (const at of matchStarts(slice)) {
      if (at < next) continue;
      re.lastIndex = at;
      const m = re.exec(slice);
      if (m === null) continue;
      const start = from + at;
      next = at + m[0].length;
      if (!copy) accept1(text, start, m[0], accept, out);
      else if (!hasLowerCaseWord(text.slice(start, start + m[0].length))) continue;
      else if (!accept1(text, start, m[0], accept, out)) next = at + 1;
    }
  }
}

/**
 * Where the street patterns may match in `slice`: every pattern starts with a digit, a capital
 * or `p` (`p.o. box`), after a look-behind that refuses an ASCII letter, digit or `_` before it.
 * Characters other than ASCII count as possible capitals and as possible non-letters before; the
 * second half of a surrogate pair starts nothing. The patterns cost a lot at each position they
 * are tried (look-behinds first, in Unicode mode), so they are tried only here.
 */
function matchStarts(slice: string): number[] {
  const starts: number[] = [];
  let before = 0x20;
  for (let k = 0; k < slice.length; k++) {
    const c = slice.charCodeAt(k);
    const canStart =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      c === 0x70 ||
      (c >= 0x80 && (c & 0xfc00) !== 0xdc00);
    if (
      canStart &&
      !(before < 0x80 && (isAsciiLetterCode(before) || isDigitCode(before) || before === 0x5f))
    ) {
      starts.push(k);
    }
    before = c;
  }
  return starts;
}

// Lower-case words that proper addresses contain: particles and street types (`40 rue Victor Hugo`).
const LOWER_OK = new Set(
  `${PARTICLE.slice(3, -1)}|${PREFIX_TYPE.toLowerCase()}|${COMPOUND_SUFFIX}|${SEPARATE_SUFFIX}|st|nd|rd|th`
    .replace(/\\/g, '')
    .split('|'),
);

/** Whether a matched street has a lower-case word other than a particle or street type. */
function hasLowerCaseWord(street: string): boolean {
  for (const word of street.match(/(?<![\p{L}\p{M}'’])\p{Ll}[\p{L}\p{M}.]*/gu) ?? []) {
    if (!LOWER_OK.has(word.toLowerCase())) return true;
  }
  return false;
}

/** Score a street match, extend it over its tail, and keep it if `accept` allows: whether it did. */
function accept1(text: string, start: number, matched: string, accept: Acceptance, out: Match[]): boolean {
  const end = start + matched.length;
  if (/^\d{4}\b/.test(matched) && YEAR_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return false;
  const context = hasContext(text, start, end, ADDRESS_CONTEXT, 40);
  const tail = extendTail(text, end);
  if (accept === 'with-evidence' && !context && !tail.strong) return false;
  let score = 0.6;
  if (accept === 'with-evidence') score = 0.5;
  else if (accept === 'named-street') score = 0.4;
  else if (/^\d/.test(matched) || /^P\.?\s?O\.?\s?Box/i.test(matched)) score = 0.7;
  if (tail.end > end) score += tail.strong ? 0.15 : 0.05;
  if (context) score += 0.15;
  out.push({ type: 'street-address', start, end: tail.end, score: clampScore(score) });
  return true;
}

/**
 * Extend over unit, place names, state and postcode after the street, a few parts at most.
 * `strong` when a unit or postcode was among them: evidence that this is an address.
 */
function extendTail(text: string, end: number): { end: number; strong: boolean } {
  let strong = false;
  for (let parts = 0; parts < 6; parts++) {
    const rest = text.slice(end, end + 80);
    const unit = UNIT.exec(rest) ?? POSTCODE.exec(rest);
    const m = unit ?? STATE.exec(rest) ?? PLACE.exec(rest);
    if (!m) break;
    if (unit) strong = true;
    end += m[0].length;
  }
  return { end, strong };
}
