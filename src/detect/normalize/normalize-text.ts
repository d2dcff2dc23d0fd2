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

// Printable ASCII with tab and newlines: nothing to remove, NFKC is the identity.
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
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
  if (PLAIN_ASCII.test(original)) return plainAscii(original);

  const out: string[] = [];
  // For every UTF-16 unit of the output: where its source starts and ends in the original.
  let starts = new Int32Array(original.length + 16);
  let ends = new Int32Array(original.length + 16);
  let size = 0;
  const reserve = (more: number) => {
    if (size + more <= starts.length) return;
    const capacity = Math.max(starts.length * 2, size + more);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a.subarray(0, size));
      return b;
    };
    starts = grow(starts);
    ends = grow(ends);
  };
  const hidden: HiddenSpan[] = [];
  const flag = (type: HiddenCharacterType, start: number, end: number, tag?: string) => {
    const last = hidden.at(-1);
    if (last && last.type === type && last.end === start) {
      last.end = end;
      if (tag !== undefined) last.decoded = (last.decoded ?? '') + tag;
    } else hidden.push(tag === undefined ? { type, start, end } : { type, start, end, decoded: tag });
  };
  const emitIdentity = (a: number, b: number) => {
    reserve(b - a);
    out.push(original.slice(a, b));
    for (let k = a; k < b; k++) {
      starts[size] = k;
      ends[size++] = k + 1;
    }
  };
  const emit = (piece: string, start: number, end: number) => {
    reserve(piece.length);
    out.push(piece);
    for (let k = 0; k < piece.length; k++) {
      starts[size] = start;
      ends[size++] = end;
    }
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
  let i = 0;
  while (i < n) {
    const c = original.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      i++;
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
  const startMap = starts;
  const endMap = ends;
  return {
    original,
    text,
    folded: fold(text),
    hidden,
    toOriginal(start, end) {
      if (end <= start) {
        const at = start < text.length ? startMap[start]! : n;
        return { start: at, end: at };
      }
      return {
        start: start < text.length ? startMap[start]! : n,
        end: end - 1 < text.length ? endMap[end - 1]! : n,
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

function fold(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      units[i] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      continue;
    }
    let f = FOLD_CACHE[c]!;
    if (f === 0) f = FOLD_CACHE[c] = foldCodeUnit(c).charCodeAt(0);
    units[i] = f;
  }
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
