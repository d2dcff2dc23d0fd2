import type { Match } from '../finding.js';

/** A match plus what the scanner needs to settle overlaps. */
export interface Hit extends Match {
  /** When two hits overlap the higher priority wins: a checked format beats context, context beats a guess. */
  priority: number;
}

/** Priorities, from the most to the least specific evidence. */
export const PRIORITY = {
  /** A provider's own format (prefix, structure, checksum). */
  format: 10,
  /** A private key block. */
  block: 9,
  /** A provider-named key with a value of that provider's shape (`DD_API_KEY=<32 hex>`). */
  keyed: 8,
  /** An Authorization header, a curl credential, a URL password. */
  auth: 6,
  /** A secret-named key with a random-looking value. */
  generic: 2,
} as const;

/** Per-scan bookkeeping that keeps the work per candidate bounded on adversarial input. */
export interface ScanState {
  /** End of the last command line a command detector examined. */
  commandUntil: number;
  /** End of the last value an assignment was read up to: keys inside a value are not keys. */
  valueUntil: number;
  /** Where the last search for a PEM end marker started, and what it found (-1: none). */
  pemSearchFrom: number;
  pemSearchAt: number;
}

/** A detector: the literals that anchor it and what to do at an anchor. */
export interface Detector {
  /** Literal anchors, matched case-sensitively. */
  anchors?: readonly string[];
  /** Literal anchors matched ignoring ASCII case. */
  anchorsIgnoreCase?: readonly string[];
  /**
   * Examine the text at an anchor (`anchor` as written in `anchors`, or lower-cased), push any
   * hits to `out` (spans may start before `at`), and return where scanning should resume (the
   * scanner never goes back before the end of the anchor).
   */
  detect(text: string, at: number, anchor: string, state: ScanState, out: Hit[]): number;
}
