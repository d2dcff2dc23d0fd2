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

// Words: letters with inner apostrophes or hyphens (`O'Neil`, `Lom-Ali`).
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const UPPER_START = /^\p{Lu}/u;
const HAS_UPPER = /\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER_AFTER_FIRST = /^.\p{Ll}*\p{Lu}/u;

// Cues just before a word that make it a name whatever it is.
const NAME_CUE =
  /(?:\bmy name is|\bname is|\bname\s*:|\bnamed|\bcall me|\bsigned|\bsigned by|\bauthor\s*:|\bpatient\s*:|\battn\s*:?|\battention\s*:|\bmaiden name is)\s*$/;
// Cues that make a capitalized unknown word a likely name.
const GREETING_CUE =
  /(?:\bdear|\bhi|\bhello|\bhey|\bregards,?|\bsincerely,?|\bcheers,?|\bthanks,?|\bthank you,?|\bi'm|\bi am|\bthis is|\byours,?)\s*$/;
const SENTENCE_END = /[.!?:;\n\r"“([]\s*$/;

type Shape = 'cap' | 'upper' | 'lower' | 'mixed';

interface Token {
  start: number;
  end: number;
  key: string;
  shape: Shape;
  /** Touches `@`, `/`, `_`, a digit or a dot+letter: part of an identifier, address or URL. */
  glued: boolean;
  /** From text with no capital letters at all. */
  caseless: boolean;
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
  // Text written without capitals (chat, some transcripts): lower case is no evidence against a name.
  const caseless = !HAS_UPPER.test(text);
  const tokens = tokenize(text, caseless);
  const found: Array<Match & { first: number; last: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    // `rue Victor Hugo`, `San Luis Obispo`: skip the whole capitalized run after a place word.
    if (tokens[i]!.shape === 'cap' && afterPlacePrefix(text, tokens, i)) {
      while (tokens[i + 1]?.shape === 'cap' && gapBetween(text, tokens[i]!, tokens[i + 1]!) === ' ') i++;
      continue;
    }
    const hit = nameAt(text, tokens, i);
    if (!hit) continue;
    found.push(hit);
    i = hit.last;
  }
  spreadOverLists(text, tokens, found);
  found.sort((a, b) => a.start - b.start);
  return found.map(({ type, start, end, score }) => ({ type, start, end, score: clampScore(score) }));
}

function tokenize(text: string, caseless: boolean): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let word = m[0];
    // Possessive `'s` is not part of the name.
    if (/['’]s$/i.test(word)) word = word.slice(0, -2);
    const start = m.index;
    const end = start + word.length;
    const before = text[start - 1] ?? ' ';
    const after = text[end] ?? ' ';
    const afterNext = text[end + 1] ?? ' ';
    const glued =
      /[@/_\d]/.test(before) ||
      /[@/_\d]/.test(after) ||
      (before === '.' && /\p{L}/u.test(text[start - 2] ?? '')) ||
      (after === '.' && /\p{L}/u.test(afterNext));
    // In caseless text every word is read as if capitalized, at a lower confidence (see nameAt).
    const shape = caseless && HAS_LOWER.test(word[0]!) ? 'cap' : shapeOf(word);
    tokens.push({ start, end, key: word.toLowerCase(), shape, glued, caseless });
  }
  return tokens;
}

function shapeOf(word: string): Shape {
  if (!UPPER_START.test(word)) return HAS_LOWER.test(word) ? 'lower' : 'mixed';
  if (!HAS_LOWER.test(word)) return word.length > 1 ? 'upper' : 'cap';
  return HAS_UPPER_AFTER_FIRST.test(word) && !/['’-]/.test(word) && !/^(?:mc|mac|o)/i.test(word)
    ? 'mixed'
    : 'cap';
}

function gapBetween(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Whether `tokens[j]` continues a name whose previous word is `tokens[j - 1]`. */
function continues(
  text: string,
  tokens: Token[],
  j: number,
  shape: Shape,
): 'word' | 'initial' | 'particle' | false {
  const prev = tokens[j - 1];
  const tok = tokens[j];
  if (!prev || !tok || tok.glued) return false;
  const gap = gapBetween(text, prev, tok);
  const prevIsInitial = prev.end - prev.start === 1 && prev.shape === 'cap';
  if (!(gap === ' ' || (prevIsInitial && gap === '. '))) return false;
  if (STOP_SET.has(tok.key) && !(tok.end - tok.start === 1)) return false;
  if (tok.caseless && (COMMON_WORD_SET.has(tok.key) || tok.end - tok.start < 3)) return false;
  if (shape === 'lower') {
    if (tok.shape !== 'lower' || COMMON_WORD_SET.has(tok.key) || tok.key.length < 3) return false;
    return 'word';
  }
  if (tok.shape === 'lower' && PARTICLE_SET.has(tok.key)) {
    const next = tokens[j + 1];
    return next && next.shape !== 'lower' && gapBetween(text, tok, next) === ' ' ? 'particle' : false;
  }
  if (tok.end - tok.start === 1 && tok.shape === 'cap') {
    // A middle initial must be followed by another name word.
    const next = tokens[j + 1];
    const gapNext = next ? gapBetween(text, tok, next) : '';
    return next && next.shape !== 'lower' && (gapNext === ' ' || gapNext === '. ') ? 'initial' : false;
  }
  if (shape === 'upper') return tok.shape === 'upper' ? 'word' : false;
  return tok.shape === 'cap' || tok.shape === 'mixed' ? 'word' : false;
}

/** Extend a name from `tokens[i]` over surnames, initials and particles: the last index taken. */
function extend(text: string, tokens: Token[], i: number, shape: Shape, max = 3): number {
  let last = i;
  let words = 0;
  for (let j = i + 1; j < tokens.length && words < max; j++) {
    const kind = continues(text, tokens, j, shape);
    if (!kind) break;
    last = j;
    if (kind === 'word') words++;
  }
  // Never end on a particle or an initial.
  while (last > i && (PARTICLE_SET.has(tokens[last]!.key) || tokens[last]!.end - tokens[last]!.start === 1))
    last--;
  return last;
}

function cueBefore(text: string, tok: Token): 'name' | 'greeting' | undefined {
  const before = text.slice(Math.max(0, tok.start - 24), tok.start).toLowerCase();
  if (NAME_CUE.test(before)) return 'name';
  if (GREETING_CUE.test(before)) return 'greeting';
  return undefined;
}

function atSentenceStart(text: string, tok: Token): boolean {
  const before = text.slice(Math.max(0, tok.start - 4), tok.start);
  return tok.start === 0 || before.trim() === '' || SENTENCE_END.test(before);
}

/** `San Luis`, `rue Victor Hugo`: a first name inside a place or street name. */
function afterPlacePrefix(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return prev !== undefined && PLACE_PREFIX_SET.has(prev.key) && gapBetween(text, prev, tokens[i]!) === ' ';
}

/** `Solomon Islands`, `Merrill Corp.`: the next word makes it a place or a company. */
function beforePlaceOrOrg(text: string, tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  return (
    next !== undefined && PLACE_OR_ORG_SUFFIX_SET.has(next.key) && gapBetween(text, tokens[i]!, next) === ' '
  );
}

function afterCapitalized(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return (
    prev !== undefined && prev.shape === 'cap' && !prev.caseless && gapBetween(text, prev, tokens[i]!) === ' '
  );
}

/** `the Princess`, `a Royal`: a determiner makes a capitalized word a common noun. */
function afterDeterminer(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return (
    prev !== undefined &&
    /^(?:the|a|an|this|that|our|your|my)$/.test(prev.key) &&
    gapBetween(text, prev, tokens[i]!) === ' '
  );
}

/** A surname-like word: capitalized, not a common word (a weak first name needs one). */
function strongSurname(tokens: Token[], i: number, last: number): boolean {
  for (let j = i + 1; j <= last; j++) {
    const t = tokens[j]!;
    if (
      t.end - t.start > 1 &&
      !PARTICLE_SET.has(t.key) &&
      !COMMON_WORD_SET.has(t.key) &&
      !FIRST_NAME_SET.has(t.key)
    ) {
      return true;
    }
  }
  return false;
}

function span(tokens: Token[], i: number, last: number, score: number) {
  const caseless = tokens[i]!.caseless ? 0.1 : 0;
  return {
    type: 'person',
    start: tokens[i]!.start,
    end: tokens[last]!.end,
    score: score - caseless,
    first: i,
    last,
  };
}

function nameAt(text: string, tokens: Token[], i: number) {
  const tok = tokens[i]!;
  if (tok.glued || tok.shape === 'mixed') return undefined;

  // Title: `Dr. Jacob van Gameren`, `Mrs Smith`, and in lower-case text `dr. hurst`.
  if (TITLE_SET.has(tok.key)) {
    const next = tokens[i + 1];
    const gap = next ? gapBetween(text, tok, next) : '';
    if (!next || next.glued || STOP_SET.has(next.key) || !(gap === ' ' || gap === '. ')) return undefined;
    // Caseless text (`sir bot`): only a title with its dot, or a known first name, counts.
    const weak = tok.caseless && gap !== '. ' && !FIRST_NAME_SET.has(next.key);
    if (tok.shape !== 'lower' && (next.shape === 'cap' || next.shape === 'upper') && !weak) {
      return span(tokens, i + 1, extend(text, tokens, i + 1, next.shape), 0.85);
    }
    if (tok.shape === 'lower' && gap === '. ' && next.shape === 'lower' && !COMMON_WORD_SET.has(next.key)) {
      return span(tokens, i + 1, i + 1, 0.6);
    }
    return undefined;
  }

  const cue = cueBefore(text, tok);
  const known = FIRST_NAME_SET.has(tok.key);
  const common = COMMON_WORD_SET.has(tok.key) || STOP_SET.has(tok.key);

  if (cue === 'name' && !common) {
    if (tok.shape === 'lower' && !known && tok.key.length < 3) return undefined;
    return span(tokens, i, extend(text, tokens, i, tok.shape), 0.85);
  }
  const greetingOk = known || (!AMBIGUOUS_NAME_SET.has(tok.key) && !tok.caseless);
  if (
    cue === 'greeting' &&
    tok.shape === 'cap' &&
    !common &&
    greetingOk &&
    !beforePlaceOrOrg(text, tokens, i)
  ) {
    return span(tokens, i, extend(text, tokens, i, tok.shape), known ? 0.8 : 0.6);
  }
  if (!known || afterPlacePrefix(text, tokens, i) || beforePlaceOrOrg(text, tokens, i)) return undefined;

  const last = extend(text, tokens, i, tok.shape);
  const hasSurname = last > i;
  const surname = hasSurname && strongSurname(tokens, i, last);
  const ambiguous = AMBIGUOUS_NAME_SET.has(tok.key);
  const notAlone = NOT_ALONE_SET.has(tok.key);

  if (tok.shape === 'lower') {
    if (ambiguous || notAlone || common || tok.key.length < 4) return undefined;
    return span(tokens, i, last, hasSurname ? 0.45 : 0.35);
  }
  if (tok.shape === 'upper') {
    if (ambiguous || notAlone) return surname ? span(tokens, i, last, 0.55) : undefined;
    return span(tokens, i, last, hasSurname ? 0.65 : 0.45);
  }
  if (notAlone) return surname ? span(tokens, i, last, 0.7) : undefined;
  if (ambiguous) {
    if (surname) return span(tokens, i, last, 0.7);
    if (atSentenceStart(text, tok) || common || afterDeterminer(text, tokens, i)) return undefined;
    // `Princess Royal`: a weak name right after another capitalized word is part of a longer name
    // we do not know.
    if (afterCapitalized(text, tokens, i)) return undefined;
    return span(tokens, i, i, 0.45);
  }
  if (hasSurname) return span(tokens, i, last, 0.8);
  return span(tokens, i, i, atSentenceStart(text, tok) ? 0.55 : 0.6);
}

// `Ada, Grace and Hopper`: words listed next to a found name are names too.
const LIST_GAP = /^(?:,\s*|,?\s+(?:and|or|&)\s+)$/;

function spreadOverLists(
  text: string,
  tokens: Token[],
  found: Array<Match & { first: number; last: number }>,
): void {
  const taken = new Set<number>();
  for (const f of found) for (let k = f.first; k <= f.last; k++) taken.add(k);
  const queue = [...found];
  while (queue.length > 0) {
    const f = queue.pop()!;
    for (const j of [f.first - 1, f.last + 1]) {
      const tok = tokens[j];
      if (!tok || taken.has(j) || tok.glued || tok.shape !== 'cap') continue;
      const gap =
        j < f.first ? gapBetween(text, tok, tokens[f.first]!) : gapBetween(text, tokens[f.last]!, tok);
      if (!LIST_GAP.test(gap)) continue;
      if (STOP_SET.has(tok.key) || NOT_ALONE_SET.has(tok.key) || TITLE_SET.has(tok.key)) continue;
      if (/['’]\p{Ll}{1,2}$/u.test(tok.key) || afterPlacePrefix(text, tokens, j)) continue;
      if (beforePlaceOrOrg(text, tokens, j) || (tok.caseless && !FIRST_NAME_SET.has(tok.key))) continue;
      if (COMMON_WORD_SET.has(tok.key) && !FIRST_NAME_SET.has(tok.key)) continue;
      const last = j > f.last ? extend(text, tokens, j, 'cap') : j;
      const hit = { type: 'person', start: tok.start, end: tokens[last]!.end, score: 0.5, first: j, last };
      for (let k = j; k <= last; k++) taken.add(k);
      found.push(hit);
      queue.push(hit);
    }
  }
}
