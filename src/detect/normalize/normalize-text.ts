import { foldCodeUnit } from './fold-confusables.js';
import { type HiddenCharacterType, invisibleType } from './invisible-characters.js';

/** A run of removed characters, in offsets of the original text. */
export interface HiddenSpan {
  type: HiddenCharacterType;
  start: number;
  end: number;
  /** For `unicode-tag` runs: the ASCII the tag characters spell (ASCII smuggling). */
  decoded?: string;
}

/**
 * The text detectors match on, with a way back to the caller's offsets.
 * `text` is NFKC with invisible characters and ANSI escapes removed; `folded` has the same length
 * and is lower-cased with look-alike letters folded to ASCII (`раypal` → `paypal`), for keyword
 * rules only.
 */
export interface NormalizedText {
  readonly original: string;
  readonly text: string;
  readonly folded: string;
  readonly hidden: readonly HiddenSpan[];
  /** Map a span of `text` to the span of `original` it came from. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

// The first character that is not printable ASCII, tab or a newline: only those need work.
const NOT_PLAIN = /[^\x20-\x7e\t\n\r]/g;
const COMBINING = /\p{M}/u;

/**
 * Normalize text for detection: strip ANSI escapes and invisible characters (recording where they
 * were), apply NFKC (full-width letters, ligatures, compatibility forms), and build the folded
 * copy used by keyword rules. Offsets of every match can be mapped back to the input.
 *
 * @example
 * const n = normalizeText('ig\u200Bnore ＡＬＬ previous');
 * n.text   // 'ignore ALL previous'
 * n.hidden // [{ type: 'zero-width', start: 2, end: 3 }]
 */
export function normalizeText(original: string): NormalizedText {
  NOT_PLAIN.lastIndex = 0;
  // Nothing to remove, and NFKC is the identity.
  if (!NOT_PLAIN.test(original)) return plainAscii(original);

  const out: string[] = [];
  // The output as segments, each from `outStarts[k]` to the next one's start: copied from
  // `origStarts[k]` on when `origEnds[k]` is -1, else every unit of it comes from
  // `origStarts[k]..origEnds[k]` (an NFKC replacement). Built per segment, not per character:
  // most text is copied as it is.
  const outStarts: number[] = [];
  const origStarts: number[] = [];
  const origEnds: number[] = [];
  let size = 0;
  const hidden: HiddenSpan[] = [];
  const flag = (type: HiddenCharacterType, start: number, end: number, tag?: string) => {
    const last = hidden.at(-1);
    if (last && last.type === type && last.end === start) {
      last.end = end;
      if (tag !== undefined) last.decoded = (last.decoded ?? '') + tag;
    } else hidden.push(tag === undefined ? { type, start, end } : { type, start, end, decoded: tag });
  };
  const emitIdentity = (a: number, b: number) => {
    if (a >= b) return;
    out.push(original.slice(a, b));
    outStarts.push(size);
    origStarts.push(a);
    origEnds.push(-1);
    size += b - a;
  };
  const emit = (piece: string, start: number, end: number) => {
    if (piece.length === 0) return;
    out.push(piece);
    outStarts.push(size);
    origStarts.push(start);
    origEnds.push(end);
    size += piece.length;
  };

  const n = original.length;
  // Ordinary characters are handled a segment at a time: most segments are already NFKC.
  const flushSegment = (a: number, b: number) => {
    if (a >= b) return;
    const segment = original.slice(a, b);
    if (segment.normalize('NFKC') === segment) {
      emitIdentity(a, b);
      return;
    }
    // ASCII runs stay as they are; each other character is normalized with its combining marks
    // as one cluster ('e' + U+0301 → 'é').
    let i = a;
    while (i < b) {
      let j = i;
      while (j < b && original.charCodeAt(j) < 0x80) j++;
      // An ASCII letter followed by a combining mark belongs to that mark's cluster.
      if (j < b && j > i && isCombiningAt(original, j)) j--;
      if (j > i) {
        emitIdentity(i, j);
        i = j;
        continue;
      }
      let k = i + ((original.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
      while (k < b && isCombiningAt(original, k)) k += original.codePointAt(k)! > 0xffff ? 2 : 1;
      const cluster = original.slice(i, k);
      const normalized = cluster.normalize('NFKC');
      if (normalized === cluster) emitIdentity(i, k);
      else emit(normalized, i, k);
      i = k;
    }
  };

  let segmentStart = 0;
  // NOT_PLAIN found the first character to look at.
  let i = NOT_PLAIN.lastIndex - 1;
  while (i < n) {
    const c = original.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d) {
      // Plain characters stay in the segment: jump to the next one that is not.
      NOT_PLAIN.lastIndex = i;
      i = NOT_PLAIN.test(original) ? NOT_PLAIN.lastIndex - 1 : n;
      continue;
    }
    if (c === 0x1b || c === 0x9b) {
      flushSegment(segmentStart, i);
      const end = ansiEnd(original, i);
      flag('ansi-escape', i, end);
      i = segmentStart = end;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const type = invisibleType(cp);
    if (type === undefined) {
      i += width;
      continue;
    }
    flushSegment(segmentStart, i);
    if (type === 'unicode-tag') {
      // Tag characters U+E0020..E007E spell ASCII that renders as nothing: keep what they say.
      flag(type, i, i + width, cp >= 0xe0020 && cp <= 0xe007e ? String.fromCharCode(cp - 0xe0000) : '');
    } else flag(type, i, i + width);
    i = segmentStart = i + width;
  }
  flushSegment(segmentStart, n);

  const text = out.join('');
  // The segment holding output unit `k` (0 <= k < text.length).
  const segmentAt = (k: number) => {
    let lo = 0;
    let hi = outStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (outStarts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Where output unit `k` starts and ends in the original.
  const startOf = (k: number) => {
    const s = segmentAt(k);
    return origEnds[s]! < 0 ? origStarts[s]! + k - outStarts[s]! : origStarts[s]!;
  };
  const endOf = (k: number) => {
    const s = segmentAt(k);
    return origEnds[s]! < 0 ? origStarts[s]! + k - outStarts[s]! + 1 : origEnds[s]!;
  };
  return {
    original,
    text,
    folded: fold(text),
    hidden,
    toOriginal(start, end) {
      if (end <= start) {
        const at = start < text.length ? startOf(start) : n;
        return { start: at, end: at };
      }
      return {
        start: start < text.length ? startOf(start) : n,
        end: end - 1 < text.length ? endOf(end - 1) : n,
      };
    },
  };
}

function isCombiningAt(s: string, i: number): boolean {
  const cp = s.codePointAt(i)!;
  return cp >= 0x300 && COMBINING.test(String.fromCodePoint(cp));
}

function plainAscii(original: string): NormalizedText {
  return {
    original,
    text: original,
    folded: original.toLowerCase(),
    hidden: [],
    toOriginal: (start, end) => ({ start, end }),
  };
}

// foldCodeUnit per BMP code unit, filled on first use (0 = not computed yet).
const FOLD_CACHE = new Uint16Array(0x10000);
const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

/**
 * `text` with each code unit replaced by `foldCodeUnit` of it. ASCII stretches are lower-cased
 * natively (for ASCII that is the same mapping); only non-ASCII runs are folded unit by unit.
 */
function fold(text: string): string {
  let out = '';
  let last = 0;
  NON_ASCII_RUN.lastIndex = 0;
  for (let m = NON_ASCII_RUN.exec(text); m !== null; m = NON_ASCII_RUN.exec(text)) {
    if (m.index > last) out += text.slice(last, m.index).toLowerCase();
    out += foldRun(m[0]);
    last = m.index + m[0].length;
  }
  return last === 0 ? text.toLowerCase() : out + text.slice(last).toLowerCase();
}

function foldRun(run: string): string {
  let units: Uint16Array | undefined;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    let f = FOLD_CACHE[c]!;
    if (f === 0) f = FOLD_CACHE[c] = foldCodeUnit(c).charCodeAt(0);
    // Most non-ASCII characters (symbols, CJK, emoji) fold to themselves: copy nothing for them.
    if (f !== c && units === undefined) {
      units = new Uint16Array(run.length);
      for (let k = 0; k < i; k++) units[k] = run.charCodeAt(k);
    }
    if (units !== undefined) units[i] = f;
  }
  if (units === undefined) return run;
  let out = '';
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

/**
 * End of the ANSI escape sequence starting at `i` (ESC or 8-bit CSI): CSI sequences up to their
 * final byte, OSC/DCS strings up to BEL or ST, two-character escapes otherwise. Bounded: an
 * unterminated string ends at the next line break.
 */
function ansiEnd(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  if (s.charCodeAt(i) === 0x9b) return csiEnd(s, j);
  if (j >= n) return j;
  const kind = s.charCodeAt(j);
  if (kind === 0x5b) return csiEnd(s, j + 1); // ESC [
  if (kind === 0x5d || kind === 0x50 || kind === 0x5f || kind === 0x5e) {
    // OSC, DCS, APC, PM: until BEL or ESC \
    j++;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === 0x1b && s.charCodeAt(j + 1) === 0x5c) return j + 2;
      if (c === 0x0a) return j;
      j++;
    }
    return n;
  }
  // ESC ( B and friends: one intermediate then a final character.
  if (kind >= 0x20 && kind <= 0x2f) return Math.min(n, j + 2);
  return j + 1;
}

function csiEnd(s: string, j: number): number {
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (c < 0x20 || c > 0x3f) return j; // malformed: stop before the stray character
    j++;
  }
  return n;
}
