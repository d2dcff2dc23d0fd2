import type { FeatureConfig } from './feature-config.js';
import { FNV_BASIS, fmix32, fnvStep } from './hash.js';
import { isSpace, isWordChar } from './char-classes.js';
import { BucketSet } from './bucket-set.js';

// Tags keep the feature families apart in the one hash space.
export const TAG_CHAR = 0x3c6ef372;
export const TAG_WORD = 0x1b873593;
export const TAG_BIGRAM = 0x7f4a7c15;
export const TAG_LENGTH = 0x27d4eb2f;
export const SPACE = 0x20;
export const ZERO = 0x30;

/**
 * Upper bound of distinct features in one window: every position ends one n-gram of each length
 * and at most one unigram and one bigram; plus the framing spaces and the length bucket.
 */
export function maxFeaturesPerWindow(config: Readonly<FeatureConfig>): number {
  return (config.window + 2) * (config.charMax - config.charMin + 1 + 2) + 8;
}

/** Throws RangeError for a configuration the featurizers cannot run. */
export function checkFeatureConfig(config: Readonly<FeatureConfig>): void {
  if (!(config.bits >= 8 && config.bits <= 26)) throw new RangeError(`bits out of range: ${config.bits}`);
  if (!(config.charMin >= 1 && config.charMax <= 8 && config.charMin <= config.charMax)) {
    throw new RangeError(`char n-gram range out of range: ${config.charMin}..${config.charMax}`);
  }
  if (!(config.window >= 64 && config.stride >= 1 && config.stride <= config.window)) {
    throw new RangeError(`window ${config.window} / stride ${config.stride} out of range`);
  }
}

/**
 * Turns a window of lower-cased text into the set of hash buckets it hits (binary features):
 * character n-grams of the whitespace-collapsed text with digits folded to `0`, word unigrams and
 * bigrams, and a log2 length bucket. The model's input is that set with every value
 * count^-norm, so a window's margin is `bias + sum(w[b]) * count^-norm`.
 *
 * Training (scripts/train-injection.mjs, through dist/) and inference share this class, so the two
 * cannot drift apart. It owns scratch buffers and is not reentrant; it never allocates per n-gram.
 *
 * @example
 * const f = new Featurizer(DEFAULT_FEATURE_CONFIG);
 * const n = f.featurize('ignore previous instructions', 0, 28);
 * const buckets = f.buffer.subarray(0, n); // distinct bucket ids, in first-seen order
 */
export class Featurizer {
  readonly config: Readonly<FeatureConfig>;
  private readonly set: BucketSet;
  private readonly mask: number;
  private readonly ring: Int32Array;
  private weights: ArrayLike<number> | undefined;

  constructor(config: Readonly<FeatureConfig>) {
    checkFeatureConfig(config);
    this.config = config;
    this.mask = (1 << config.bits) - 1;
    this.ring = new Int32Array(8);
    this.set = new BucketSet(maxFeaturesPerWindow(config));
  }

  /** Distinct bucket ids of the last `featurize` call, in `[0, count)`. */
  get buffer(): Int32Array {
    return this.set.buffer;
  }

  /** Sum of the weights of the last `featurize` call's buckets, when it was given weights. */
  get sum(): number {
    return this.set.sum;
  }

  /**
   * Featurize `lower.slice(start, end)` (the caller lower-cases the whole text once). At most
   * `config.window` code units are read. Returns the number of distinct buckets in `buffer`; with
   * `weights`, their weight sum is in `sum`.
   */
  featurize(lower: string, start: number, end: number, weights?: ArrayLike<number>): number {
    end = Math.min(end, lower.length, start + this.config.window);
    this.set.clear();
    this.weights = weights;
    this.word = FNV_BASIS;
    this.wordLength = 0;
    this.hasPrevWord = false;
    // The window is framed by spaces, so leading and trailing n-grams mark the boundary.
    this.ring[0] = SPACE;
    this.filled = 1;
    let prevSpace = true;
    for (let i = start; i < end; i++) {
      let c = lower.charCodeAt(i);
      if (isSpace(c)) {
        this.endWord();
        if (prevSpace) continue;
        prevSpace = true;
        this.pushChar(SPACE);
        continue;
      }
      prevSpace = false;
      if (c >= 0x30 && c <= 0x39) c = ZERO;
      if (isWordChar(c)) {
        this.word = fnvStep(this.word, c);
        this.wordLength++;
      } else this.endWord();
      this.pushChar(c);
    }
    this.endWord();
    if (!prevSpace) this.pushChar(SPACE);
    const length = end - start;
    this.add(TAG_LENGTH + (length > 0 ? 32 - Math.clz32(length) : 0));
    this.weights = undefined;
    return this.set.count;
  }

  // Per-call state, in fields rather than closures: featurize runs once per 32 characters.
  private word = FNV_BASIS;
  private wordLength = 0;
  private prevWord = 0;
  private hasPrevWord = false;
  private filled = 0;

  private add(h: number): void {
    this.set.add(fmix32(h ^ this.config.seed) & this.mask, this.weights);
  }

  private endWord(): void {
    if (this.wordLength === 0) return;
    this.add(this.word ^ TAG_WORD);
    if (this.config.wordBigrams && this.hasPrevWord)
      this.add(fnvStep(fnvStep(TAG_BIGRAM, this.prevWord), this.word));
    this.prevWord = this.word;
    this.hasPrevWord = true;
    this.word = FNV_BASIS;
    this.wordLength = 0;
  }

  private pushChar(c: number): void {
    // Shift the ring (newest at 0) and hash the n-grams ending here, newest character first.
    const ring = this.ring;
    const filled = this.filled;
    for (let k = filled < 7 ? filled : 7; k > 0; k--) ring[k] = ring[k - 1]!;
    ring[0] = c;
    if (filled < 8) this.filled = filled + 1;
    const { charMin, charMax } = this.config;
    const top = charMax < this.filled ? charMax : this.filled;
    let h = FNV_BASIS;
    for (let n = 1; n <= top; n++) {
      h = fnvStep(h, ring[n - 1]!);
      if (n >= charMin) this.add(h ^ Math.imul(TAG_CHAR, n));
    }
  }
}
