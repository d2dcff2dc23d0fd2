import type { Match } from '../finding.js';
import { clampScore, hasContext } from './context.js';

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
    'gu',
  );
}

const ADDRESS = addressPattern();
// A street named without a house number (`Almeida Street`): full suffix words only, low confidence.
const NAMED_STREET =
  /(?<![\p{L}\p{N}_.,-])(?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){1,2}(?:Street|Avenue|Road|Boulevard|Lane|Drive)(?![\p{L}\p{N}])/gu;

// House number, capitalized words, number (`69 Roheline 43`, `Trg revolucije 12`): the shape of many
// European addresses, but also of `Windows 10`; kept only with an address cue or a unit/postcode after.
const LOOSE_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}_.,-])(?:${HOUSE}[ \\t]+)?(?:C/[ \\t]*)?\\p{Lu}[\\p{L}\\p{M}'’.\\-]*(?:[ \\t]+[\\p{L}\\p{M}'’.\\-]+){0,3}[ \\t]+${HOUSE}(?![\\p{L}\\p{N}])`,
  'gu',
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
 * @example
 * findStreetAddresses('Ship to 742 Evergreen Terrace, Springfield, OR 97477')
 * // [{ type: 'street-address', start: 8, end: 52, score: 1 }]
 */
export function findStreetAddresses(text: string): Match[] {
  const out: Match[] = [];
  if (!/\d/.test(text)) return out;
  // Every numbered pattern has a digit within a few words: scan only around digit runs.
  const numbered = windows(text, /\d+/g, 90, 110);
  collect(text, ADDRESS, numbered, 'always', out);
  // Lower-case streets (`12 main street`) are found by matching a copy with every word capitalized,
  // and kept only with an address cue before them or a unit/postcode after them.
  if (/\p{Ll}/u.test(text)) collect(text, ADDRESS, numbered, 'with-evidence', out, capitalizeWords(text));
  collect(text, LOOSE_ADDRESS, numbered, 'with-evidence', out);
  collect(text, NAMED_STREET, windows(text, STREET_WORD, 60, 0), 'named-street', out);
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

const STREET_WORD = /\b(?:Street|Avenue|Road|Boulevard|Lane|Drive)\b/g;

/** `text` with the first letter of every word upper-cased where that keeps the length. */
function capitalizeWords(text: string): string {
  return text.replace(/(?<![\p{L}\p{M}'’])\p{Ll}/gu, (c) => {
    const upper = c.toUpperCase();
    return upper.length === c.length ? upper : c;
  });
}

/**
 * Spans of `text` around each match of `anchor`, widened to whitespace so no word is cut, merged
 * where they overlap. Patterns run on these slices only.
 */
function windows(text: string, anchor: RegExp, before: number, after: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  anchor.lastIndex = 0;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    let from = Math.max(0, m.index - before);
    let to = Math.min(text.length, m.index + m[0].length + after);
    while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
    while (to < text.length && !/\s/.test(text[to]!)) to++;
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

type Acceptance = 'always' | 'with-evidence' | 'named-street';

/**
 * Run `re` over each span of `matchIn` and keep what `accept` allows. `matchIn` is the text itself
 * or its capitalized copy; in the copy only matches with words that were lower-case in the text
 * are of interest (the others were found in the text), and after one is rejected the scan goes on
 * from the next character, where a shorter street may start.
 */
function collect(
  text: string,
  re: RegExp,
  spans: Array<[number, number]>,
  accept: Acceptance,
  out: Match[],
  matchIn = text,
): void {
  for (const [from, to] of spans) {
    const slice = matchIn.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = from + m.index;
      if (matchIn === text) accept1(text, start, m[0], accept, out);
      else if (!hasLowerCaseWord(text.slice(start, start + m[0].length))) continue;
      else if (!accept1(text, start, m[0], accept, out)) re.lastIndex = m.index + 1;
    }
  }
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
