import type { Match } from '../finding.js';
import { clampScore } from './context.js';
import {
  AMBIGUOUS_NAME_SET,
  COMMON_WORD_SET,
  FIRST_NAME_SET,
  NOT_ALONE_SET,
  PARTICLE_SET,
  PLACE_OR_ORG_SUFFIX_SET,
  PLACE_PREFIX_SET,
  STOP_SET,
  TITLE_SET,
} from './name-lists.js';
import {
  addWords,
  CAP,
  filterBits,
  hashKey,
  isJsSpace,
  LOWER,
  MIXED,
  releaseScan,
  scanWords,
  type Shape,
  UPPER,
  W_FIRST_NAME,
  W_PLACE_PREFIX,
  W_TITLE,
  type WordTable,
} from './scan.js';

// Cues just before a word that make it a name whatever it is.
const NAME_CUE =
  /(?:\bmy name is|\bname is|\bname\s*:|\bnamed|\bcall me|\bsigned|\bsigned by|\bauthor\s*:|\bpatient\s*:|\battn\s*:?|\battention\s*:|\bmaiden name is)\s*$/;
// Cues that make a capitalized unknown word a likely name.
const GREETING_CUE =
  /(?:\bdear|\bhi|\bhello|\bhey|\bregards,?|\bsincerely,?|\bcheers,?|\bthanks,?|\bthank you,?|\bi'm|\bi am|\bthis is|\byours,?)\s*$/;
// How every cue above ends (lower-case), before the white space up to the word, by last letter: a
// word whose preceding text ends otherwise has no cue, and the regexes need not run for it.
const CUE_ENDINGS: ReadonlyArray<readonly string[] | undefined> = (() => {
  const byLast: Array<string[] | undefined> = new Array<string[] | undefined>(128).fill(undefined);
  const endings = [
    ' is',
    'named',
    ' me',
    'signed',
    ' by',
    'attn',
    'dear',
    'hi',
    'hello',
    'hey',
    'regards',
    'sincerely',
    'cheers',
    'thanks',
    ' you',
    "i'm",
    ' am',
    'yours',
  ];
  for (const e of endings) (byLast[e.charCodeAt(e.length - 1)] ??= []).push(e);
  return byLast;
})();
const SENTENCE_END = /[.!?:;\n\r"“([]\s*$/;

addWords(FIRST_NAME_SET, W_FIRST_NAME);
addWords(TITLE_SET, W_TITLE);
addWords(PLACE_PREFIX_SET, W_PLACE_PREFIX);

// The words' exact hashes, checked where the shared filter says "perhaps": its bits for first
// names are set for some 4% of other words as well (`true`, `require`, `import`), and each of those
// would cost a look at the word and its neighbours. A word's hash is that of its key, so a word
// whose hash is not here is not in the list.
const hashSet = (words: Iterable<string>) => new Set([...words].map((w) => hashKey(w, 0, w.length)));
const FIRST_NAME_HASHES = hashSet(FIRST_NAME_SET);
const TITLE_HASHES = hashSet(TITLE_SET);

/** Whether a word with this hash may be a first name or a title (the filter first: cheaper). */
function mayBeNameOrTitle(hash: number): boolean {
  const bits = filterBits(hash);
  return (
    ((bits & W_FIRST_NAME) !== 0 && FIRST_NAME_HASHES.has(hash)) ||
    ((bits & W_TITLE) !== 0 && TITLE_HASHES.has(hash))
  );
}

/** Whether exactly `gap` separates word `a` from the word after it, `b`. */
function gapIs(t: WordTable, a: number, b: number, gap: ' ' | '. '): boolean {
  const from = t.end[a]!;
  const codes = t.codes;
  if (gap === ' ') return t.start[b]! - from === 1 && codes[from] === 0x20;
  return t.start[b]! - from === 2 && codes[from] === 0x2e && codes[from + 1] === 0x20;
}

function gapText(t: WordTable, a: number, b: number): string {
  return t.text.slice(t.end[a]!, t.start[b]!);
}

interface Hit extends Match {
  first: number;
  last: number;
}

/**
 * Person names, by cheap evidence: a common first name (from public US name statistics) followed
 * by capitalized surnames, a title (`Dr.`, `Mrs`), or a cue such as "my name is" or "Dear".
 * Ambiguous first names (`Will`, `Rose`) need a surname or must sit capitalized mid-sentence;
 * names that are mostly places (`Austin`) need a surname. Lists of names spread to their
 * neighbours. Expect good recall on Western first names and far less on others.
 *
 * @example
 * findPersonNames('Thanks, Ada Lovelace') // [{ type: 'person', start: 8, end: 20, score: 0.8 }]
 */
export function findPersonNames(text: string): Match[] {
  // In text written without capitals (chat, some transcripts) lower case is no evidence against a
  // name: the table reads such words as capitalized (`caseless`).
  const t = scanWords(text);
  try {
    return namesIn(t);
  } finally {
    releaseScan();
  }
}

function namesIn(t: WordTable): Match[] {
  const found: Hit[] = [];
  for (let i = 0; i < t.n; i++) {
    // `rue Victor Hugo`, `San Luis Obispo`: skip the whole capitalized run after a place word.
    if (t.shape[i] === CAP && afterPlacePrefix(t, i)) {
      while (i + 1 < t.n && t.shape[i + 1] === CAP && gapIs(t, i, i + 1, ' ')) i++;
      continue;
    }
    // Most words are neither a title nor perhaps a first name, nor right after a cue: skip them
    // here without a call (nameAt would find nothing there).
    if (t.shape[i] === MIXED) continue;
    if (!mayBeNameOrTitle(t.hash[i]!) && !mayHaveCue(t, i)) continue;
    if (t.glued(i)) continue;
    const hit = nameAt(t, i);
    if (!hit) continue;
    found.push(hit);
    i = hit.last;
  }
  spreadOverLists(t, found);
  found.sort((a, b) => a.start - b.start);
  return found.map(({ type, start, end, score }) => ({ type, start, end, score: clampScore(score) }));
}

/** Whether `tokens[j]` continues a name whose previous word is `tokens[j - 1]`. */
function continues(t: WordTable, j: number, shape: Shape): 'word' | 'initial' | 'particle' | false {
  if (j < 1 || j >= t.n || t.glued(j)) return false;
  const prev = j - 1;
  const prevIsInitial = t.len(prev) === 1 && t.shape[prev] === CAP;
  if (!(gapIs(t, prev, j, ' ') || (prevIsInitial && gapIs(t, prev, j, '. ')))) return false;
  const key = t.key(j);
  const tokShape = t.shape[j];
  if (STOP_SET.has(key) && !(t.len(j) === 1)) return false;
  if (t.caseless && (COMMON_WORD_SET.has(key) || t.len(j) < 3)) return false;
  if (shape === LOWER) {
    if (tokShape !== LOWER || COMMON_WORD_SET.has(key) || key.length < 3) return false;
    return 'word';
  }
  if (tokShape === LOWER && PARTICLE_SET.has(key)) {
    const next = j + 1;
    return next < t.n && t.shape[next] !== LOWER && gapIs(t, j, next, ' ') ? 'particle' : false;
  }
  if (t.len(j) === 1 && tokShape === CAP) {
    // A middle initial must be followed by another name word.
    const next = j + 1;
    return next < t.n && t.shape[next] !== LOWER && (gapIs(t, j, next, ' ') || gapIs(t, j, next, '. '))
      ? 'initial'
      : false;
  }
  if (shape === UPPER) return tokShape === UPPER ? 'word' : false;
  return tokShape === CAP || tokShape === MIXED ? 'word' : false;
}

/** Extend a name from `tokens[i]` over surnames, initials and particles: the last index taken. */
function extend(t: WordTable, i: number, shape: Shape, max = 3): number {
  let last = i;
  let words = 0;
  for (let j = i + 1; j < t.n && words < max; j++) {
    const kind = continues(t, j, shape);
    if (!kind) break;
    last = j;
    if (kind === 'word') words++;
  }
  // Never end on a particle or an initial.
  while (last > i && (PARTICLE_SET.has(t.key(last)) || t.len(last) === 1)) last--;
  return last;
}

/**
 * Whether the text before word `i` could end in a cue (`Dear`, `my name is`, `Signed:`): a cheap
 * test on the characters before it, so the cue regexes run for few words.
 */
function mayHaveCue(t: WordTable, i: number): boolean {
  const codes = t.codes;
  const start = t.start[i]!;
  // Most words follow a word of ASCII letters: then a cue can only end with that whole word (the
  // cues' words are whole words, with `\b` or a space before them, and only white space, `:` or
  // `,` after them), so a look at the cues' phrases answers. After a word with other characters
  // (an apostrophe, a letter other than ASCII) or one the regexes' 24-character window cuts, the
  // long way below.
  if (i > 0 && t.flags[i - 1] === 0 && t.start[i - 1]! >= start - 24) {
    if (CUE_WORD[t.hash[i - 1]! & CUE_WORD_MASK] === 0) return false;
    return cueAfterWord(t, i - 1, start);
  }
  let p = start - 1;
  let c = p >= 0 ? codes[p]! : -1;
  if (c === 0x20) c = --p >= 0 ? codes[p]! : -1;
  while (p >= 0 && isJsSpace(c)) c = --p >= 0 ? codes[p]! : -1;
  if (p < 0 || start - p > 24) return false;
  // A letter whose lower case is another character: leave it to the regexes.
  if (c >= 0x80) return true;
  if (c === 0x3a) {
    // `Name:`, `author :`, `Attn:`.
    let q = p - 1;
    while (q >= 0 && isJsSpace(codes[q]!)) q--;
    return endsWithAny(codes, q + 1, COLON_CUES);
  }
  // `Regards,`, `Thank you,`.
  if (c === 0x2c) return endsWithAny(codes, p, COMMA_CUES);
  if (c >= 0x41 && c <= 0x5a) c |= 0x20;
  const endings = CUE_ENDINGS[c];
  return endings !== undefined && endsWithAny(codes, p + 1, endings);
}

const COLON_CUES = ['name', 'author', 'patient', 'attn', 'attention'];
const COMMA_CUES = ['regards', 'sincerely', 'cheers', 'thanks', ' you', 'yours'];

/** One cue phrase, by its last word: the word before it (`name` in `name is`), whether it needs `:`. */
interface CuePhrase {
  readonly before: number | undefined;
  readonly colon: boolean;
}

// The cues' phrases (`my name is`, `name\s*:`, `regards,?`), read from the patterns and kept by
// the hash of their last word. `i'm` is left out: its word has an apostrophe, so it never takes
// the quick path. The table of hashes tells most words apart at one look.
const CUE_PHRASES = new Map<number, CuePhrase[]>();
const CUE_WORD_MASK = 1023;
const CUE_WORD = new Uint8Array(CUE_WORD_MASK + 1);
for (const re of [NAME_CUE, GREETING_CUE]) {
  for (const alternative of re.source.replace(/^\(\?:|\)\\s\*\$$/g, '').split('|')) {
    const phrase = alternative.replace(/\\b/g, '');
    if (phrase.includes("'")) continue;
    const words = phrase.replace(/\\s\*:\??$|,\?$/, '').split(' ');
    const last = words.at(-1)!;
    const before = words.at(-2);
    const hash = hashKey(last, 0, last.length);
    const list = CUE_PHRASES.get(hash) ?? [];
    list.push({
      before: before === undefined ? undefined : hashKey(before, 0, before.length),
      colon: /\\s\*:$/.test(phrase),
    });
    CUE_PHRASES.set(hash, list);
    CUE_WORD[hash & CUE_WORD_MASK] = 1;
  }
}

/**
 * Whether a cue may end with word `w` (ASCII letters only) before the word at `start`: the text
 * between is white space, `:` and `,`, and a phrase of more words has its word before (one space
 * apart, or a word the quick look cannot tell).
 */
function cueAfterWord(t: WordTable, w: number, start: number): boolean {
  const phrases = CUE_PHRASES.get(t.hash[w]!);
  if (phrases === undefined) return false;
  const codes = t.codes;
  let colon = false;
  for (let k = t.end[w]!; k < start; k++) {
    const c = codes[k]!;
    if (c === 0x3a) colon = true;
    else if (c !== 0x2c && !isJsSpace(c)) return false;
  }
  for (const phrase of phrases) {
    if (phrase.colon && !colon) continue;
    if (phrase.before === undefined) return true;
    const v = w - 1;
    if (v < 0 || t.end[v] !== t.start[w]! - 1 || codes[t.end[v]!] !== 0x20) continue;
    // A word with other characters, or cut by the window: leave it to the regexes.
    if (t.flags[v] !== 0 || t.start[v]! < start - 24 || t.hash[v] === phrase.before) return true;
  }
  return false;
}

function endsWithAny(codes: Uint16Array, end: number, endings: readonly string[]): boolean {
  for (const ending of endings) if (endsWithLower(codes, end, ending)) return true;
  return false;
}

/** Whether the text before `end` reads `ending` (lower-cased); any non-ASCII character may. */
function endsWithLower(codes: Uint16Array, end: number, ending: string): boolean {
  const from = end - ending.length;
  if (from < 0) return false;
  for (let k = ending.length - 1; k >= 0; k--) {
    let c = codes[from + k]!;
    if (c >= 0x80) return true;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== ending.charCodeAt(k)) return false;
  }
  return true;
}

function cueBefore(t: WordTable, i: number): 'name' | 'greeting' | undefined {
  if (!mayHaveCue(t, i)) return undefined;
  const start = t.start[i]!;
  const before = t.text.slice(Math.max(0, start - 24), start).toLowerCase();
  if (NAME_CUE.test(before)) return 'name';
  if (GREETING_CUE.test(before)) return 'greeting';
  return undefined;
}

function atSentenceStart(t: WordTable, i: number): boolean {
  const start = t.start[i]!;
  const before = t.text.slice(Math.max(0, start - 4), start);
  return start === 0 || before.trim() === '' || SENTENCE_END.test(before);
}

/** `San Luis`, `rue Victor Hugo`: a first name inside a place or street name. */
function afterPlacePrefix(t: WordTable, i: number): boolean {
  return (
    i > 0 && t.may(i - 1, W_PLACE_PREFIX) && gapIs(t, i - 1, i, ' ') && PLACE_PREFIX_SET.has(t.key(i - 1))
  );
}

/** `Solomon Islands`, `Merrill Corp.`: the next word makes it a place or a company. */
function beforePlaceOrOrg(t: WordTable, i: number): boolean {
  return i + 1 < t.n && PLACE_OR_ORG_SUFFIX_SET.has(t.key(i + 1)) && gapIs(t, i, i + 1, ' ');
}

function afterCapitalized(t: WordTable, i: number): boolean {
  return i > 0 && t.shape[i - 1] === CAP && !t.caseless && gapIs(t, i - 1, i, ' ');
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'our', 'your', 'my']);

/** `the Princess`, `a Royal`: a determiner makes a capitalized word a common noun. */
function afterDeterminer(t: WordTable, i: number): boolean {
  return i > 0 && DETERMINERS.has(t.key(i - 1)) && gapIs(t, i - 1, i, ' ');
}

/** A surname-like word: capitalized, not a common word (a weak first name needs one). */
function strongSurname(t: WordTable, i: number, last: number): boolean {
  for (let j = i + 1; j <= last; j++) {
    const key = t.key(j);
    if (t.len(j) > 1 && !PARTICLE_SET.has(key) && !COMMON_WORD_SET.has(key) && !FIRST_NAME_SET.has(key)) {
      return true;
    }
  }
  return false;
}

function span(t: WordTable, i: number, last: number, score: number): Hit {
  const caseless = t.caseless ? 0.1 : 0;
  return {
    type: 'person',
    start: t.start[i]!,
    end: t.end[last]!,
    score: score - caseless,
    first: i,
    last,
  };
}

function nameAt(t: WordTable, i: number): Hit | undefined {
  const shape = t.shape[i] as Shape;
  if (t.glued(i) || shape === MIXED) return undefined;
  const hash = t.hash[i]!;
  const maybeTitle = t.may(i, W_TITLE) && TITLE_HASHES.has(hash);
  const maybeKnown = t.may(i, W_FIRST_NAME) && FIRST_NAME_HASHES.has(hash);
  // Without a title, a cue or a known first name nothing below can find a name here.
  const cue = cueBefore(t, i);
  if (!maybeTitle && !maybeKnown && cue === undefined) return undefined;
  const key = t.key(i);

  // Title: `Dr. Jacob van Gameren`, `Mrs Smith`, and in lower-case text `dr. hurst`.
  if (maybeTitle && TITLE_SET.has(key)) {
    const next = i + 1;
    if (next >= t.n) return undefined;
    const space = gapIs(t, i, next, ' ');
    const dot = gapIs(t, i, next, '. ');
    if (t.glued(next) || STOP_SET.has(t.key(next)) || !(space || dot)) return undefined;
    const nextShape = t.shape[next] as Shape;
    // Caseless text (`sir bot`): only a title with its dot, or a known first name, counts.
    const weak = t.caseless && !dot && !FIRST_NAME_SET.has(t.key(next));
    if (shape !== LOWER && (nextShape === CAP || nextShape === UPPER) && !weak) {
      return span(t, next, extend(t, next, nextShape), 0.85);
    }
    if (shape === LOWER && dot && nextShape === LOWER && !COMMON_WORD_SET.has(t.key(next))) {
      return span(t, next, next, 0.6);
    }
    return undefined;
  }

  const known = maybeKnown && FIRST_NAME_SET.has(key);
  const common = COMMON_WORD_SET.has(key) || STOP_SET.has(key);

  if (cue === 'name' && !common) {
    if (shape === LOWER && !known && key.length < 3) return undefined;
    return span(t, i, extend(t, i, shape), 0.85);
  }
  const greetingOk = known || (!AMBIGUOUS_NAME_SET.has(key) && !t.caseless);
  if (cue === 'greeting' && shape === CAP && !common && greetingOk && !beforePlaceOrOrg(t, i)) {
    return span(t, i, extend(t, i, shape), known ? 0.8 : 0.6);
  }
  if (!known) return undefined;
  const ambiguous = AMBIGUOUS_NAME_SET.has(key);
  const notAlone = NOT_ALONE_SET.has(key);
  // A lower-case word that is also an ordinary word (`will`, `mark` in code and prose) is no name
  // whatever follows: decided before reading its neighbours.
  if (shape === LOWER && (ambiguous || notAlone || common || key.length < 4)) return undefined;
  if (afterPlacePrefix(t, i) || beforePlaceOrOrg(t, i)) return undefined;

  const last = extend(t, i, shape);
  const hasSurname = last > i;
  const surname = hasSurname && strongSurname(t, i, last);

  if (shape === LOWER) {
    if (ambiguous || notAlone || common || key.length < 4) return undefined;
    return span(t, i, last, hasSurname ? 0.45 : 0.35);
  }
  if (shape === UPPER) {
    if (ambiguous || notAlone) return surname ? span(t, i, last, 0.55) : undefined;
    return span(t, i, last, hasSurname ? 0.65 : 0.45);
  }
  if (notAlone) return surname ? span(t, i, last, 0.7) : undefined;
  if (ambiguous) {
    if (surname) return span(t, i, last, 0.7);
    if (atSentenceStart(t, i) || common || afterDeterminer(t, i)) return undefined;
    // `Princess Royal`: a weak name right after another capitalized word is part of a longer name
    // we do not know.
    if (afterCapitalized(t, i)) return undefined;
    return span(t, i, i, 0.45);
  }
  if (hasSurname) return span(t, i, last, 0.8);
  return span(t, i, i, atSentenceStart(t, i) ? 0.55 : 0.6);
}

// `Ada, Grace and Hopper`: words listed next to a found name are names too.
const LIST_GAP = /^(?:,\s*|,?\s+(?:and|or|&)\s+)$/;

function spreadOverLists(t: WordTable, found: Hit[]): void {
  const taken = new Set<number>();
  for (const f of found) for (let k = f.first; k <= f.last; k++) taken.add(k);
  const queue = [...found];
  while (queue.length > 0) {
    const f = queue.pop()!;
    for (const j of [f.first - 1, f.last + 1]) {
      if (j < 0 || j >= t.n || taken.has(j) || t.glued(j) || t.shape[j] !== CAP) continue;
      const gap = j < f.first ? gapText(t, j, f.first) : gapText(t, f.last, j);
      if (!LIST_GAP.test(gap)) continue;
      const key = t.key(j);
      if (STOP_SET.has(key) || NOT_ALONE_SET.has(key) || TITLE_SET.has(key)) continue;
      if (/['’]\p{Ll}{1,2}$/u.test(key) || afterPlacePrefix(t, j)) continue;
      if (beforePlaceOrOrg(t, j) || (t.caseless && !FIRST_NAME_SET.has(key))) continue;
      if (COMMON_WORD_SET.has(key) && !FIRST_NAME_SET.has(key)) continue;
      const last = j > f.last ? extend(t, j, CAP) : j;
      const hit: Hit = { type: 'person', start: t.start[j]!, end: t.end[last]!, score: 0.5, first: j, last };
      for (let k = j; k <= last; k++) taken.add(k);
      found.push(hit);
      queue.push(hit);
    }
  }
}
