import { Buffer } from 'node:buffer';

/**
 * One pass over a text that the name and address recognizers share: its words (with shape, flags
 * and a hash of the lower-cased word) and its digit runs, in parallel typed arrays rather than an
 * object per word. Words are read by hand, by table for characters below U+2070 and with the
 * `WORD` pattern for the others, so they are exactly those of a global scan with the pattern.
 * The table of the last text is kept (until `forgetScan`), so `findPii` pays for the pass once.
 */

// Words: letters with inner apostrophes or hyphens (`O'Neil`, `Lom-Ali`).
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/uy;
const UPPER_START = /^\p{Lu}/u;
const HAS_UPPER = /\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER_AFTER_FIRST = /^.\p{Ll}*\p{Lu}/u;
const LETTER = /\p{L}/u;

/** Word shapes: `Jane`, `JANE`, `jane`, `JavaScript` (and words without a capital start or a lower-case letter). */
export const CAP = 0;
export const UPPER = 1;
export const LOWER = 2;
export const MIXED = 3;
export type Shape = typeof CAP | typeof UPPER | typeof LOWER | typeof MIXED;

/** Word flags. JOINED: the word has an inner `'`, `-` or `’` (`O'Neil`, `e-mail`). */
export const JOINED = 2;
/** The word has a character other than ASCII letters, `'`, `-` and `’`. */
export const NON_ASCII = 4;

/**
 * Bits of the word filter: which word lists may hold a word. A hashed filter, so a set bit means
 * "perhaps" (check the list), a clear bit means "no".
 */
export const W_FIRST_NAME = 1;
export const W_TITLE = 2;
export const W_PLACE_PREFIX = 4;
export const W_STREET_SUFFIX = 8;
export const W_STREET_PREFIX = 16;
export const W_STREET_AFTER = 32;
export const W_NAMED_STREET = 64;
export const W_ADDRESS_CUE = 128;

const FILTER_BITS = 17;
const FILTER_MASK = (1 << FILTER_BITS) - 1;
const WORD_FILTER = new Uint8Array(1 << FILTER_BITS);

/** Register lower-case words under `bit` of the word filter. */
export function addWords(words: Iterable<string>, bit: number): void {
  for (const w of words) WORD_FILTER[hashKey(w, 0, w.length) & FILTER_MASK]! |= bit;
}

/** The filter bits of a word hash. */
export function filterBits(hash: number): number {
  return WORD_FILTER[hash & FILTER_MASK]!;
}

/** FNV-1a over the UTF-16 code units of `s.slice(from, to)` (lower-case it first). */
export function hashKey(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

// Tables, reused from call to call (grown when a longer text comes): a 10 KB text has some 1,500
// words, and fresh arrays per call would cost more than reading them. Tables for texts of more
// than RETAIN characters are made for that text alone and not kept.
const RETAIN = 1 << 16;
let capacity = 0;
let START = new Int32Array(0);
let END = new Int32Array(0);
let SHAPE = new Uint8Array(0);
let FLAGS = new Uint8Array(0);
let HASH = new Int32Array(0);
let KEYS: Array<string | undefined> = [];
let KEY_GEN = new Int32Array(0);
let DIGIT_START = new Int32Array(0);
let DIGIT_END = new Int32Array(0);
let DIGIT_WORD = new Int32Array(0);
let DIGIT_LINE_START = new Int32Array(0);
let DIGIT_LINE_END = new Int32Array(0);
let generation = 0;
// The text's UTF-16 code units, copied by Buffer (a native copy): reading a typed array in the
// loops below costs half of what `charCodeAt` does.
let CODES = new Uint16Array(0);
let CODE_BYTES = Buffer.from(CODES.buffer);

function grow(size: number): void {
  capacity = size;
  START = new Int32Array(size);
  END = new Int32Array(size);
  SHAPE = new Uint8Array(size);
  FLAGS = new Uint8Array(size);
  HASH = new Int32Array(size);
  KEYS = new Array<string | undefined>(size);
  KEY_GEN = new Int32Array(size);
  DIGIT_START = new Int32Array(size);
  DIGIT_END = new Int32Array(size);
  DIGIT_WORD = new Int32Array(size);
  DIGIT_LINE_START = new Int32Array(size);
  DIGIT_LINE_END = new Int32Array(size);
  CODES = new Uint16Array(size * 2 + 1);
  CODE_BYTES = Buffer.from(CODES.buffer, CODES.byteOffset, CODES.byteLength);
  generation = 0;
}

/** The words and digit runs of one text. Valid until the next `scanWords` of another text. */
export class WordTable {
  /** Number of words. */
  n = 0;
  /** Word `i` is `text.slice(start[i], end[i])`, possessive `'s` left out. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly shape: Uint8Array;
  readonly flags: Uint8Array;
  /** `hashKey` of the lower-cased word. */
  readonly hash: Int32Array;
  /** Number of digit runs (`\d+`). */
  digits = 0;
  readonly digitStart: Int32Array;
  readonly digitEnd: Int32Array;
  /** Index of the first word after the digit run. */
  readonly digitWord: Int32Array;
  /** Start and end of the digit run's line (`\n`-separated, end exclusive). */
  readonly digitLineStart: Int32Array;
  readonly digitLineEnd: Int32Array;
  /** `text.charCodeAt(i)` for `i < text.length` (valid until the next scan). */
  readonly codes: Uint16Array;
  /** No capital letter anywhere in the text; then every word that starts lower-case reads as CAP. */
  caseless = true;
  private readonly keys: Array<string | undefined>;
  private readonly keyGen: Int32Array;
  private readonly gen: number;

  constructor(readonly text: string) {
    // A word or digit run needs one character and one separator, except at the end.
    const max = (text.length >> 1) + 1;
    const kept = text.length <= RETAIN;
    if (kept && max > capacity) grow(Math.max(max, capacity * 2, 1024));
    const size = kept ? capacity : max;
    this.start = kept ? START : new Int32Array(size);
    this.end = kept ? END : new Int32Array(size);
    this.shape = kept ? SHAPE : new Uint8Array(size);
    this.flags = kept ? FLAGS : new Uint8Array(size);
    this.hash = kept ? HASH : new Int32Array(size);
    this.keys = kept ? KEYS : new Array<string | undefined>(size);
    this.keyGen = kept ? KEY_GEN : new Int32Array(size);
    this.digitStart = kept ? DIGIT_START : new Int32Array(size);
    this.digitEnd = kept ? DIGIT_END : new Int32Array(size);
    this.digitWord = kept ? DIGIT_WORD : new Int32Array(size);
    this.digitLineStart = kept ? DIGIT_LINE_START : new Int32Array(size);
    this.digitLineEnd = kept ? DIGIT_LINE_END : new Int32Array(size);
    const codes = kept ? CODES : new Uint16Array(text.length + 1);
    (kept ? CODE_BYTES : Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength)).write(
      text,
      0,
      'utf16le',
    );
    // A sentinel after the text: a read one past the end sees no character.
    codes[text.length] = 0;
    this.codes = codes;
    generation = (generation + 1) | 0;
    if (generation === 0) {
      KEY_GEN.fill(0);
      generation = 1;
    }
    this.gen = kept ? generation : 1;
  }

  /** Drop what the table holds of its text (the kept tables outlive it). */
  clear(): void {
    this.codes.fill(0, 0, this.text.length);
    this.keys.fill(undefined, 0, this.n);
    this.n = 0;
    this.digits = 0;
  }

  /** Word `i`, lower-cased. */
  key(i: number): string {
    if (this.keyGen[i] === this.gen) return this.keys[i]!;
    return this.setKey(i, this.text.slice(this.start[i]!, this.end[i]!).toLowerCase());
  }

  setKey(i: number, key: string): string {
    this.keys[i] = key;
    this.keyGen[i] = this.gen;
    return key;
  }

  len(i: number): number {
    return this.end[i]! - this.start[i]!;
  }

  /**
   * Whether word `i` touches `@`, `/`, `_` or a digit, or a dot with a letter behind it: part of
   * an identifier, address or URL.
   */
  glued(i: number): boolean {
    const text = this.text;
    const start = this.start[i]!;
    const end = this.end[i]!;
    const before = start > 0 ? text.charCodeAt(start - 1) : 0x20;
    const after = end < text.length ? text.charCodeAt(end) : 0x20;
    return (
      isGlueCode(before) ||
      isGlueCode(after) ||
      (before === 0x2e && isLetterUnit(text, start - 2)) ||
      (after === 0x2e && isLetterUnit(text, end + 1))
    );
  }

  /** Whether `bit` of the word filter is set for word `i` (perhaps in that list). */
  may(i: number, bit: number): boolean {
    return (WORD_FILTER[this.hash[i]! & FILTER_MASK]! & bit) !== 0;
  }
}

let last: WordTable | undefined;

/** The words and digit runs of `text` (the last text's table is reused). */
export function scanWords(text: string): WordTable {
  if (last !== undefined && last.text === text) return last;
  forgetScan();
  const table = tokenize(text);
  last = table;
  return table;
}

/**
 * Forget the last text: its table (characters, words) is cleared, so no copy of a scanned text
 * stays in memory after the scan.
 */
export function forgetScan(): void {
  last?.clear();
  last = undefined;
}

let holding = 0;

/**
 * Run `scan` keeping the last text's table between the recognizers it calls (`findPii`: names and
 * addresses read the same table); forget it at the end.
 */
export function holdScan<T>(scan: () => T): T {
  holding++;
  try {
    return scan();
  } finally {
    if (--holding === 0) forgetScan();
  }
}

/** A recognizer is done with the table: forget it unless `holdScan` keeps it for the next one. */
export function releaseScan(): void {
  if (holding === 0) forgetScan();
}

function tokenize(text: string): WordTable {
  const t = new WordTable(text);
  // Locals, not fields: the loop below runs once per character.
  const start = t.start;
  const end = t.end;
  const shapes = t.shape;
  const flags = t.flags;
  const hashes = t.hash;
  const digitStart = t.digitStart;
  const digitEnd = t.digitEnd;
  const digitWord = t.digitWord;
  const digitLineStart = t.digitLineStart;
  const digitLineEnd = t.digitLineEnd;
  const codes = t.codes;
  const length = text.length;
  let n = 0;
  let digits = 0;
  // The current line's start, and its first digit run (whose line end is not known yet).
  let lineStart = 0;
  let lineDigits = 0;
  let upper = false;
  let i = 0;
  while (i < length) {
    const c = codes[i]!;
    let to: number;
    let h: number;
    let shape: Shape;
    let flag = 0;
    let next: number;
    if (c < 0x80) {
      if (c < 0x41 || (c > 0x5a && c < 0x61) || c > 0x7a) {
        if (c >= 0x30 && c <= 0x39) {
          let j = i + 1;
          while (j < length && isDigitCode(codes[j]!)) j++;
          digitStart[digits] = i;
          digitEnd[digits] = j;
          digitLineStart[digits] = lineStart;
          digitWord[digits++] = n;
          i = j;
        } else {
          if (c === 0x0a) {
            while (lineDigits < digits) digitLineEnd[lineDigits++] = i;
            lineStart = i + 1;
          }
          i++;
        }
        continue;
      }
      // ASCII word: letters joined by single `'`, `-` or `’`.
      to = i + 1;
      h = Math.imul(0x811c9dc5 ^ (c | 0x20), 0x01000193);
      let hasLower = c >= 0x61;
      let hasUpper = c < 0x61;
      // The first character after the first letter that is not a lower-case letter.
      let afterFirst = 0;
      let ascii = true;
      while (to < length) {
        const d = codes[to]!;
        if (d >= 0x61 && d <= 0x7a) {
          hasLower = true;
          h = Math.imul(h ^ d, 0x01000193);
          to++;
        } else if (d >= 0x41 && d <= 0x5a) {
          if (afterFirst === 0) afterFirst = d;
          hasUpper = true;
          h = Math.imul(h ^ (d | 0x20), 0x01000193);
          to++;
        } else if (d === 0x27 || d === 0x2d || d === 0x2019) {
          const e = to + 1 < length ? codes[to + 1]! : 0;
          if (!isAsciiLetterCode(e)) {
            if (e >= 0x80) ascii = false;
            break;
          }
          if (afterFirst === 0) afterFirst = d;
          flag = JOINED;
          h = Math.imul(h ^ d, 0x01000193);
          to++;
        } else {
          if (d >= 0x80) ascii = false;
          break;
        }
      }
      if (ascii) {
        if (hasUpper) upper = true;
        next = to;
        const q = to - i >= 2 ? codes[to - 2]! : 0;
        const s = codes[to - 1]!;
        if ((s === 0x73 || s === 0x53) && (q === 0x27 || q === 0x2019)) {
          // Possessive `'s` is not part of the word: read the shorter word again.
          to -= 2;
          h = hashLowerAscii(text, i, to);
          shape = asciiShape(text, i, to);
          flag = hasJoiner(text, i, to) ? JOINED : 0;
        } else if (c >= 0x61) shape = LOWER;
        else if (!hasLower) shape = to - i > 1 ? UPPER : CAP;
        else if (afterFirst < 0x41 || afterFirst > 0x5a || flag !== 0) shape = CAP;
        else shape = mcMacO(text, i) ? CAP : MIXED;
      } else {
        const word = readWideWord(codes, text, i) ?? readWord(t, n, i);
        to = word.end;
        next = word.matchEnd;
        h = word.hash;
        shape = word.shape;
        flag = word.flags;
        if (word.upper) upper = true;
      }
    } else {
      if (c < WIDE) {
        // Other alphabets (Latin-1 and extended, Greek, Cyrillic, …) by table.
        if ((wideClass()[c]! & W_LETTER) === 0) {
          i++;
          continue;
        }
      } else {
        WORD.lastIndex = i;
        if (!WORD.test(text)) {
          // Not a letter: step over one code point.
          i += c >= 0xd800 && c <= 0xdbff && (codes[i + 1]! & 0xfc00) === 0xdc00 ? 2 : 1;
          continue;
        }
      }
      const word = readWideWord(codes, text, i) ?? readWord(t, n, i);
      to = word.end;
      next = word.matchEnd;
      h = word.hash;
      shape = word.shape;
      flag = word.flags;
      if (word.upper) upper = true;
    }
    start[n] = i;
    end[n] = to;
    shapes[n] = shape;
    flags[n] = flag;
    hashes[n++] = h;
    i = next;
  }
  while (lineDigits < digits) digitLineEnd[lineDigits++] = length;
  t.n = n;
  t.digits = digits;
  if (upper) t.caseless = false;
  else {
    // Text written without capitals (chat, some transcripts): every word that starts with a
    // lower-case letter reads as capitalized.
    for (let k = 0; k < n; k++) if (isLowerUnit(text, start[k]!)) shapes[k] = CAP;
  }
  return t;
}

// Characters below U+2070 are classified by table (built on first use, from the same Unicode
// classes the `WORD` pattern uses): letter, upper-case, lower-case, mark, and whether lower-casing
// the character alone gives what lower-casing a word gives (one unit, no context: not `Σ`).
const WIDE = 0x2070;
const W_LETTER = 1;
const W_UPPER = 2;
const W_LOWER = 4;
const W_MARK = 8;
const W_SLOW = 16;
let WIDE_CLASS: Uint8Array | undefined;
let WIDE_LOWER: Uint16Array | undefined;

function wideClass(): Uint8Array {
  if (WIDE_CLASS === undefined) {
    const cls = new Uint8Array(WIDE);
    const lower = new Uint16Array(WIDE);
    for (let c = 0; c < WIDE; c++) {
      const ch = String.fromCharCode(c);
      let bits = 0;
      if (/\p{L}/u.test(ch)) bits |= W_LETTER;
      if (/\p{Lu}/u.test(ch)) bits |= W_UPPER;
      if (/\p{Ll}/u.test(ch)) bits |= W_LOWER;
      if (/\p{M}/u.test(ch)) bits |= W_MARK;
      const lc = ch.toLowerCase();
      if (lc.length !== 1 || c === 0x3a3) bits |= W_SLOW;
      cls[c] = bits;
      lower[c] = lc.charCodeAt(0);
    }
    WIDE_CLASS = cls;
    WIDE_LOWER = lower;
  }
  return WIDE_CLASS;
}

interface ReadWord {
  end: number;
  matchEnd: number;
  hash: number;
  shape: Shape;
  flags: number;
  upper: boolean;
}

/**
 * The word at `i` read by table, when all its characters (and the one after it) are below U+2070
 * and it has no possessive; otherwise undefined, and `readWord` reads it with the pattern.
 */
function readWideWord(codes: Uint16Array, text: string, i: number): ReadWord | undefined {
  const cls = wideClass();
  const lower = WIDE_LOWER!;
  const length = text.length;
  const first = codes[i]!;
  if (first >= WIDE || (cls[first]! & (W_LETTER | W_SLOW)) !== W_LETTER) return undefined;
  let h = Math.imul(0x811c9dc5 ^ lower[first]!, 0x01000193);
  let hasLower = (cls[first]! & W_LOWER) !== 0;
  let hasUpper = (cls[first]! & W_UPPER) !== 0;
  // The class of the first character after the first letter that is not lower-case (-1: none).
  let afterFirst = -1;
  let joined = false;
  let wide = first >= 0x80;
  let to = i + 1;
  while (to < length) {
    const d = codes[to]!;
    if (d < WIDE && (cls[d]! & (W_LETTER | W_MARK)) !== 0) {
      const k = cls[d]!;
      if ((k & W_SLOW) !== 0) return undefined;
      if ((k & W_LOWER) !== 0) hasLower = true;
      else if (afterFirst < 0) afterFirst = k;
      if ((k & W_UPPER) !== 0) hasUpper = true;
      if (d >= 0x80) wide = true;
      h = Math.imul(h ^ lower[d]!, 0x01000193);
      to++;
    } else if (d === 0x27 || d === 0x2d || d === 0x2019) {
      const e = to + 1 < length ? codes[to + 1]! : 0;
      if (e >= WIDE) return undefined;
      if ((cls[e]! & W_LETTER) === 0) break;
      if (afterFirst < 0) afterFirst = 0;
      joined = true;
      h = Math.imul(h ^ d, 0x01000193);
      to++;
    } else if (d >= WIDE) {
      return undefined;
    } else break;
  }
  const q = to - i >= 2 ? codes[to - 2]! : 0;
  const s = codes[to - 1]!;
  if ((s === 0x73 || s === 0x53) && (q === 0x27 || q === 0x2019)) return undefined;
  let shape: Shape;
  if ((cls[first]! & W_UPPER) === 0) shape = hasLower ? LOWER : MIXED;
  else if (!hasLower) shape = to - i > 1 ? UPPER : CAP;
  else if (afterFirst < 0 || (afterFirst & W_UPPER) === 0 || joined) shape = CAP;
  else shape = mcMacO(text, i) ? CAP : MIXED;
  return {
    end: to,
    matchEnd: to,
    hash: h,
    shape,
    flags: (wide ? NON_ASCII : 0) | (joined ? JOINED : 0),
    upper: hasUpper,
  };
}

/** Word `n` of `t`, at `i`, read with the `WORD` pattern (which must match there); its key is stored. */
function readWord(t: WordTable, n: number, i: number): ReadWord {
  WORD.lastIndex = i;
  const m = WORD.exec(t.text)!;
  let word = m[0];
  const upper = HAS_UPPER.test(word);
  // Possessive `'s` is not part of the word.
  if (/['’]s$/i.test(word)) word = word.slice(0, -2);
  const key = t.setKey(n, word.toLowerCase());
  return {
    end: i + word.length,
    matchEnd: i + m[0].length,
    hash: hashKey(key, 0, key.length),
    shape: shapeOf(word),
    flags: NON_ASCII | (/['’-]/.test(word) ? JOINED : 0),
    upper,
  };
}

// `@`, `/`, `_` or a digit next to a word: part of an identifier, address or URL.
function isGlueCode(c: number): boolean {
  return c === 0x40 || c === 0x2f || c === 0x5f || (c >= 0x30 && c <= 0x39);
}

/** Whether the single UTF-16 unit at `i` is a letter (a lone surrogate is not). */
export function isLetterUnit(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetterCode(c);
  return LETTER.test(text[i]!);
}

function isLowerUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return HAS_LOWER.test(text[i]!);
}

function hasJoiner(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const d = text.charCodeAt(k);
    if (d === 0x27 || d === 0x2d || d === 0x2019) return true;
  }
  return false;
}

/** `hashKey` of the lower-cased ASCII text `text.slice(from, to)`. */
function hashLowerAscii(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c | 0x20 : c), 0x01000193);
  }
  return h;
}

/** `Mc…`, `Mac…`, `O…` (any case): capitals inside such names do not make them mixed-case. */
function mcMacO(text: string, start: number): boolean {
  const first = text.charCodeAt(start) | 0x20;
  if (first === 0x6f) return true;
  if (first !== 0x6d) return false;
  const c1 = text.charCodeAt(start + 1) | 0x20;
  return c1 === 0x63 || (c1 === 0x61 && (text.charCodeAt(start + 2) | 0x20) === 0x63);
}

/** `shapeOf` for a word of ASCII letters, `'`, `-` and `’`. */
function asciiShape(text: string, start: number, end: number): Shape {
  const first = text.charCodeAt(start);
  let hasLower = false;
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x61 && c <= 0x7a) {
      hasLower = true;
      break;
    }
  }
  if (!(first >= 0x41 && first <= 0x5a)) return hasLower ? LOWER : MIXED;
  if (!hasLower) return end - start > 1 ? UPPER : CAP;
  // An upper-case letter after the first, with only lower-case letters between: `JavaScript`.
  let j = start + 1;
  while (j < end && text.charCodeAt(j) >= 0x61 && text.charCodeAt(j) <= 0x7a) j++;
  const c = j < end ? text.charCodeAt(j) : 0;
  if (!(c >= 0x41 && c <= 0x5a)) return CAP;
  if (hasJoiner(text, start, end)) return CAP;
  return mcMacO(text, start) ? CAP : MIXED;
}

/** The shape of any word: `Jane` CAP, `JANE` UPPER, `jane` LOWER, `JavaScript` MIXED. */
function shapeOf(word: string): Shape {
  if (!UPPER_START.test(word)) return HAS_LOWER.test(word) ? LOWER : MIXED;
  if (!HAS_LOWER.test(word)) return word.length > 1 ? UPPER : CAP;
  return HAS_UPPER_AFTER_FIRST.test(word) && !/['’-]/.test(word) && !/^(?:mc|mac|o)/i.test(word)
    ? MIXED
    : CAP;
}

/** `/\s/` (JavaScript white space and line terminators). */
export function isJsSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `[0-9]`. */
export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** `[A-Za-z]`. */
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * The matches a global scan with `exact` would find, found faster: `exact` (sticky, `y`) runs only
 * at the positions the `candidates` point to. Each candidate is a global pattern without `u`
 * (cheap to scan) and the offset from where `exact` would start to where the candidate matches;
 * together they must match wherever `exact` can. Patterns with Unicode look-behinds cost a lot per
 * position; plain candidate patterns, mostly anchored on a digit or separator, cost little.
 */
export function execAll(
  text: string,
  exact: RegExp,
  ...candidates: ReadonlyArray<readonly [RegExp, number]>
): RegExpExecArray[] {
  const positions: number[] = [];
  for (const [candidate, offset] of candidates) {
    candidate.lastIndex = 0;
    for (let c = candidate.exec(text); c; c = candidate.exec(text)) {
      if (c.index >= offset) positions.push(c.index - offset);
      // Overlapping candidates too: `exact` may start inside another candidate's match.
      candidate.lastIndex = c.index + 1;
    }
  }
  if (candidates.length > 1) positions.sort((a, b) => a - b);
  return execAt(text, exact, positions);
}

/**
 * The matches of `exact` (sticky, `y`) tried at `positions` (ascending), as `execAll` finds them:
 * a position inside an earlier match is skipped.
 */
export function execAt(text: string, exact: RegExp, positions: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let next = 0;
  let previous = -1;
  for (const p of positions) {
    if (p < next || p === previous) continue;
    previous = p;
    exact.lastIndex = p;
    const m = exact.exec(text);
    if (m && m[0].length > 0) {
      out.push(m);
      next = p + m[0].length;
    }
  }
  return out;
}
