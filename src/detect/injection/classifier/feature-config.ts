/**
 * How text becomes hashed features. Stored in the model file's header so inference featurizes
 * exactly as training did.
 */
export interface FeatureConfig {
  /** log2 of the number of hash buckets (weights). */
  bits: number;
  /** Mixed into every hash: a different seed gives a different (equally good) feature space. */
  seed: number;
  /** Shortest and longest character n-gram, in UTF-16 code units (at most 8). */
  charMin: number;
  charMax: number;
  /** Whether to add word bigrams to word unigrams. */
  wordBigrams: boolean;
  /**
   * Each present bucket's value is count^-norm (count = distinct buckets in the window): 0.5 is
   * L2 normalization; lower keeps a short injection from being diluted by the text around it.
   */
  norm: number;
  /** Window length and stride in code units: long texts are scored per window, max taken. */
  window: number;
  stride: number;
}

/**
 * The configuration of the shipped model (its file header is what inference actually uses). Small
 * windows won the source-held-out validation: an injection is a local phrase, and a 64-unit window
 * keeps it from being diluted by the text around it.
 */
export const DEFAULT_FEATURE_CONFIG: Readonly<FeatureConfig> = Object.freeze({
  bits: 20,
  seed: 0x5eed1,
  charMin: 3,
  charMax: 5,
  wordBigrams: true,
  norm: 0.5,
  window: 64,
  stride: 32,
});
