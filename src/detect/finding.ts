/** What a detector found. */
export type FindingKind = 'secret' | 'pii' | 'injection' | 'exfiltration' | 'hidden-text' | 'tool-poisoning';

/** Where a text comes from: thresholds differ (a tool result is attacker-reachable by default). */
export type Channel = 'user' | 'tool';

/**
 * One finding. Spans are UTF-16 offsets into the text the caller passed (end exclusive), even when
 * the match was made in normalized or decoded text: redaction and highlighting use them as is.
 */
export interface Finding {
  kind: FindingKind;
  /** Specific type, kebab-case: `github-pat`, `email`, `instruction-override`, `zero-width`, … */
  type: string;
  start: number;
  end: number;
  /** Confidence 0..1. */
  score: number;
  /** Layers decoded to reach the match, outermost first (`['base64']`); absent for plain text. */
  encodings?: string[];
  /** Why, for people. Never contains the matched secret or PII value. */
  message?: string;
}

/**
 * A match inside one string, before mapping back to the caller's text: what the individual
 * detectors return. `detect()` maps spans through normalization and decoding.
 */
export interface Match {
  type: string;
  start: number;
  end: number;
  score: number;
  message?: string;
}
