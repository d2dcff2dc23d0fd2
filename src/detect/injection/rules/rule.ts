/** What an injection rule recognises. */
export type InjectionRuleType =
  | 'instruction-override'
  | 'role-hijack'
  | 'system-prompt-extraction'
  | 'fake-special-token'
  | 'fake-delimiter'
  | 'tool-coercion'
  | 'data-exfiltration-request'
  | 'secrecy-request'
  | 'addressed-to-model'
  | 'response-manipulation';

/**
 * One keyword rule, written against folded text (lower case, look-alikes folded, leetspeak digits
 * inside words turned back into letters).
 *
 * A rule is `heads` followed by `rest`. Each head starts with a literal (a word stem such as
 * `ignor`, or a marker such as `<|`) that the engine indexes: the rule is only tried where one of
 * these literals occurs, so a text costs one scan however many rules there are.
 * In `heads` and `rest`, a space stands for a short run of separators (spaces, punctuation, a
 * line break); `gap(n)` from `pattern.ts` allows up to n filler words.
 */
export interface InjectionRuleSpec {
  /** Stable identifier, for tests and tuning. */
  readonly id: string;
  readonly type: InjectionRuleType;
  /** Confidence when the rule matches (0..1): strong signals high, weak cues low. */
  readonly score: number;
  /** Why, for people. Never quotes the text. */
  readonly message: string;
  /** Alternatives the match starts with; each must begin with a literal of two or more characters. */
  readonly heads: readonly string[];
  /** The rest of the pattern, after the head. */
  readonly rest?: string;
  /**
   * Lower the score where the match is preceded by `not`/`never` (a rule that forbids the
   * behaviour, not one that asks for it). Default true for override and role rules.
   */
  readonly negatable?: boolean;
  /**
   * Keep the score when the match is quoted or introduced as an example: for markers that are an
   * attack wherever they appear (a control token, the DAN persona).
   */
  readonly ignoreFraming?: boolean;
  /** Adjust the score from the match and its surroundings; return undefined to drop the match. */
  readonly refine?: (input: RuleInput, start: number, end: number, score: number) => number | undefined;
}

/** What a rule's `refine` sees: the folded text the rule ran on and the text itself (same length). */
export interface RuleInput {
  /** Folded, de-leeted text the patterns matched. */
  readonly source: string;
  /** The text as given (case intact), when the caller has it; else the same as `source`. */
  readonly text: string;
}
