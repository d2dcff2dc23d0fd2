import type { FeatureConfig } from './feature-config.js';
import { BucketSet } from './bucket-set.js';
import { isSpace, isWordChar } from './char-classes.js';
import {
  SPACE,
  TAG_BIGRAM,
  TAG_CHAR,
  TAG_LENGTH,
  TAG_WORD,
  ZERO,
  checkFeatureConfig,
  maxFeaturesPerWindow,
} from './featurizer.js';
import { FNV_BASIS, fmix32, fnvStep } from './hash.js';
import { windowStarts } from './windows.js';

/** The longest char n-gram this fast path handles; longer configurations use the Featurizer. */
const MAX_GRAM = 5;

/**
 * Scores every window of a long text with each character hashed once.
 *
 * `Featurizer.featurize` per window reads each character twice (windows overlap by half) and
 * hashes every n-gram again. Here one pass over the whole text records, per pushed character, the
 * buckets of the n-grams ending there and, per word, its unigram and bigram buckets; a window then
 * takes the buckets of its interior from those arrays and hashes only its edges, where it differs
 * from the whole text: the space that frames its start and end, and words cut by its boundaries.
 * The result equals featurizing each window (tested against it).
 *
 * Not reentrant: it owns scratch arrays, grown to the longest text seen.
 *
 * @example
 * const scanner = new WindowScanner(model.features);
 * scanner.maxMargin(text.toLowerCase(), model.weights, model.bias) // max over windows
 */
export class WindowScanner {
  private readonly config: Readonly<FeatureConfig>;
  private readonly mask: number;
  private readonly grams: number;
  private readonly set: BucketSet;
  // Per push (a character after whitespace collapsing): its text index, its code, whether it is
  // the space standing for a whitespace run, and the buckets of the n-grams ending at it.
  private pushPos = new Int32Array(0);
  private pushCode = new Int32Array(0);
  private gramBucket = new Int32Array(0);
  // Per word (a run of word characters): start and end index, FNV hash, unigram bucket, and the
  // bigram bucket with the word before it in the whole text (-1 for the first word).
  private wordStart = new Int32Array(0);
  private wordEnd = new Int32Array(0);
  private wordHash = new Int32Array(0);
  private wordUni = new Int32Array(0);
  private wordBi = new Int32Array(0);

  constructor(config: Readonly<FeatureConfig>) {
    checkFeatureConfig(config);
    if (config.charMax > MAX_GRAM) throw new RangeError(`WindowScanner handles n-grams up to ${MAX_GRAM}`);
    this.config = config;
    this.mask = (1 << config.bits) - 1;
    this.grams = config.charMax - config.charMin + 1;
    this.set = new BucketSet(maxFeaturesPerWindow(config));
  }

  /** Max over the windows of `lower` (see `windowStarts`) of `bias + sum(w) * count^-norm`. */
  maxMargin(lower: string, weights: ArrayLike<number>, bias: number): number {
    let best = -Infinity;
    for (const m of this.margins(lower, weights, bias)) if (m > best) best = m;
    return best;
  }

  /** The margin of every window of `lower`, in `windowStarts` order. */
  margins(lower: string, weights: ArrayLike<number>, bias: number): number[] {
    const { window, stride, norm } = this.config;
    this.index(lower);
    return windowStarts(lower.length, window, stride).map((start) => {
      const n = this.windowBuckets(lower, start, Math.min(lower.length, start + window), weights);
      return bias + this.set.sum * Math.pow(n, -norm);
    });
  }

  private bucket(h: number): number {
    return fmix32(h ^ this.config.seed) & this.mask;
  }

  private grow(length: number): void {
    if (this.pushPos.length >= length + 1) return;
    const size = Math.max(length + 1, this.pushPos.length * 2);
    this.pushPos = new Int32Array(size);
    this.pushCode = new Int32Array(size);
    this.gramBucket = new Int32Array(size * this.grams);
    this.wordStart = new Int32Array(size);
    this.wordEnd = new Int32Array(size);
    this.wordHash = new Int32Array(size);
    this.wordUni = new Int32Array(size);
    this.wordBi = new Int32Array(size);
  }

  // One pass over the whole text, as if it were one window framed by a space.
  private pushes = 0;
  private words = 0;

  private index(lower: string): void {
    this.grow(lower.length);
    const { charMin, charMax } = this.config;
    const { pushPos, pushCode, gramBucket, wordStart, wordEnd, wordHash, wordUni, wordBi, grams } = this;
    let pushes = 0;
    let words = 0;
    // The last five pushed codes, newest first; the text starts after a virtual space.
    let c0 = SPACE;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    let filled = 1;
    let word = FNV_BASIS;
    let inWord = false;
    let start = 0;
    let prevWord = 0;
    let hasPrevWord = false;
    let prevSpace = true;
    const endWord = (at: number): void => {
      wordStart[words] = start;
      wordEnd[words] = at;
      wordHash[words] = word;
      wordUni[words] = this.bucket(word ^ TAG_WORD);
      wordBi[words] = hasPrevWord ? this.bucket(fnvStep(fnvStep(TAG_BIGRAM, prevWord), word)) : -1;
      words++;
      prevWord = word;
      hasPrevWord = true;
      word = FNV_BASIS;
      inWord = false;
    };
    for (let i = 0; i < lower.length; i++) {
      let c = lower.charCodeAt(i);
      if (isSpace(c)) {
        if (inWord) endWord(i);
        if (prevSpace) continue;
        prevSpace = true;
        c = SPACE;
      } else {
        prevSpace = false;
        if (c >= 0x30 && c <= 0x39) c = ZERO;
        if (isWordChar(c)) {
          if (!inWord) {
            inWord = true;
            start = i;
          }
          word = fnvStep(word, c);
        } else if (inWord) endWord(i);
      }
      c4 = c3;
      c3 = c2;
      c2 = c1;
      c1 = c0;
      c0 = c;
      if (filled < 8) filled++;
      pushPos[pushes] = i;
      pushCode[pushes] = c;
      // n-grams ending here, newest character first (as the Featurizer hashes them).
      let h = fnvStep(FNV_BASIS, c0);
      h = fnvStep(h, c1);
      const base = pushes * grams;
      for (let n = 3; n <= charMax; n++) {
        h = fnvStep(h, n === 3 ? c2 : n === 4 ? c3 : c4);
        if (n >= charMin)
          gramBucket[base + n - charMin] = n <= filled ? this.bucket(h ^ Math.imul(TAG_CHAR, n)) : -1;
      }
      if (charMin <= 2) {
        // Shorter grams (unused by the shipped model) are hashed here too, for completeness.
        const h1 = fnvStep(FNV_BASIS, c0);
        if (charMin === 1) gramBucket[base] = this.bucket(h1 ^ Math.imul(TAG_CHAR, 1));
        if (charMax >= 2)
          gramBucket[base + 2 - charMin] = this.bucket(fnvStep(h1, c1) ^ Math.imul(TAG_CHAR, 2));
      }
      pushes++;
    }
    if (inWord) endWord(lower.length);
    this.pushes = pushes;
    this.words = words;
  }

  /** Hash of `lower.slice(from, to)` as one word (digits folded), FNV as the Featurizer does. */
  private wordHashOf(lower: string, from: number, to: number): number {
    let h = FNV_BASIS;
    for (let i = from; i < to; i++) {
      const c = lower.charCodeAt(i);
      h = fnvStep(h, c >= 0x30 && c <= 0x39 ? ZERO : c);
    }
    return h;
  }

  /** n-gram bucket over `codes` (newest first), the window's own edge characters. */
  private gram(codes: readonly number[], n: number): number {
    let h = FNV_BASIS;
    for (let k = 0; k < n; k++) h = fnvStep(h, codes[k]!);
    return this.bucket(h ^ Math.imul(TAG_CHAR, n));
  }

  private windowBuckets(lower: string, s: number, e: number, weights: ArrayLike<number>): number {
    const { charMin, charMax } = this.config;
    const { set, pushPos, pushCode, gramBucket, grams } = this;
    set.clear();

    // Pushes of this window: a whitespace run it starts in is skipped (it opens with a space).
    let j0 = lowerBound(pushPos, this.pushes, s);
    if (j0 < this.pushes && pushPos[j0] === s && pushCode[j0] === SPACE && isSpace(lower.charCodeAt(s))) j0++;
    const j1 = lowerBound(pushPos, this.pushes, e);

    for (let j = j0; j < j1; j++) {
      const k = j - j0 + 1; // pushes so far in the window, after its framing space
      const top = Math.min(charMax, k + 1);
      const base = j * grams - charMin;
      for (let n = charMin; n <= top; n++) {
        if (n <= k) set.add(gramBucket[base + n]!, weights);
        else set.add(this.gram(this.leading(j0, k), n), weights);
      }
    }

    const real = j1 - j0;
    if (real > 0 && pushCode[j1 - 1] !== SPACE) {
      // The closing space: n-grams over it and the last pushes (and the opening space, if short).
      const codes = [SPACE, ...this.trailing(j0, j1)];
      const filled = Math.min(8, real + 2);
      for (let n = charMin; n <= Math.min(charMax, filled); n++) set.add(this.gram(codes, n), weights);
    }

    this.addWords(lower, s, e, weights);
    const length = e - s;
    set.add(this.bucket(TAG_LENGTH + (length > 0 ? 32 - Math.clz32(length) : 0)), weights);
    return set.count;
  }

  /** The window's first k pushes newest first, then its opening space. */
  private leading(j0: number, k: number): number[] {
    const codes: number[] = [];
    for (let j = j0 + k - 1; j >= j0; j--) codes.push(this.pushCode[j]!);
    codes.push(SPACE);
    return codes;
  }

  /** Up to MAX_GRAM of the window's last pushes newest first, then its opening space. */
  private trailing(j0: number, j1: number): number[] {
    const codes: number[] = [];
    for (let j = j1 - 1; j >= j0 && codes.length < MAX_GRAM; j--) codes.push(this.pushCode[j]!);
    codes.push(SPACE);
    return codes;
  }

  private addWords(lower: string, s: number, e: number, weights: ArrayLike<number>): void {
    const { set, wordStart, wordEnd, wordHash, wordUni, wordBi, words } = this;
    const bigrams = this.config.wordBigrams;
    // First word ending after s: it may have started before s (then the window sees a part).
    let m = lowerBound(wordEnd, words, s + 1);
    let prev = 0;
    let hasPrev = false;
    let prevWhole = false;
    for (; m < words && wordStart[m]! < e; m++) {
      const from = Math.max(wordStart[m]!, s);
      const to = Math.min(wordEnd[m]!, e);
      const whole = from === wordStart[m] && to === wordEnd[m];
      const hash = whole ? wordHash[m]! : this.wordHashOf(lower, from, to);
      set.add(whole ? wordUni[m]! : this.bucket(hash ^ TAG_WORD), weights);
      if (bigrams && hasPrev) {
        set.add(
          whole && prevWhole ? wordBi[m]! : this.bucket(fnvStep(fnvStep(TAG_BIGRAM, prev), hash)),
          weights,
        );
      }
      prev = hash;
      hasPrev = true;
      prevWhole = whole;
    }
  }
}

/** First index in `sorted[0..length)` whose value is >= `value`. */
function lowerBound(sorted: Int32Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
