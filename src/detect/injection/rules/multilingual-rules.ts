import { LEXICONS, type LanguageLexicon } from './multilingual-lexicon.js';
import { alt, foldPattern } from './pattern.js';
import type { InjectionRuleSpec, RuleInput } from './rule.js';

// Characters a verb–object pair may span: anything but the end of a sentence.
const WITHIN_SENTENCE = '[^.!?。！？।؟\\n]';

/** Scores for the rules built from a lexicon. */
const SCORES = {
  /** Override verb and instruction noun, with a word pointing back ("previous", "all"). */
  overrideQualified: 0.93,
  /** Override verb and instruction noun only ("ignore the rules"). */
  override: 0.55,
  secrecy: 0.8,
  roleHijack: 0.6,
  roleHijackWeak: 0.35,
} as const;

/**
 * Injection rules for one language: instruction override (verb then object, and object then verb
 * for verb-final languages), secrecy requests and role hijacks.
 *
 * @example
 * const [lexicon] = LEXICONS; // Spanish
 * lexiconRules(lexicon!).map((r) => r.id) // ['ml-override-es', 'ml-override-object-first-es', …]
 */
export function lexiconRules(lexicon: LanguageLexicon): InjectionRuleSpec[] {
  const window = lexicon.window ?? 40;
  const qualifier = new RegExp(foldPattern(alt(lexicon.qualifiers)));
  const keep = lexicon.keep === undefined ? undefined : new RegExp(foldPattern(lexicon.keep));
  const refine = ({ source }: RuleInput, start: number, end: number, score: number) => {
    if (keep?.test(source.slice(Math.max(0, start - 12), end))) return undefined;
    const around = source.slice(Math.max(0, start - window), Math.min(source.length, end + window));
    return qualifier.test(around) ? Math.max(score, SCORES.overrideQualified) : score;
  };
  const between = `${WITHIN_SENTENCE}{0,${window}}?`;
  const name = lexicon.name;
  return [
    {
      id: `ml-override-${lexicon.code}`,
      type: 'instruction-override',
      score: SCORES.override,
      message: `tells the model to ignore its instructions (${name})`,
      heads: lexicon.override,
      rest: `${between}${alt(lexicon.objects)}`,
      refine,
    },
    {
      id: `ml-override-object-first-${lexicon.code}`,
      type: 'instruction-override',
      score: SCORES.override,
      message: `tells the model to ignore its instructions (${name})`,
      heads: lexicon.objects,
      rest: `${between}${alt(lexicon.override)}`,
      refine,
    },
    {
      id: `ml-secrecy-${lexicon.code}`,
      type: 'secrecy-request',
      score: SCORES.secrecy,
      message: `tells the model to keep something from the user (${name})`,
      heads: lexicon.secrecy,
    },
    {
      id: `ml-role-${lexicon.code}`,
      type: 'role-hijack',
      score: SCORES.roleHijack,
      message: `tells the model to become someone else (${name})`,
      heads: lexicon.roleHijack,
    },
    {
      id: `ml-role-weak-${lexicon.code}`,
      type: 'role-hijack',
      score: SCORES.roleHijackWeak,
      message: `recasts the model or lifts its limits (${name})`,
      heads: lexicon.roleHijackWeak,
    },
  ];
}

/**
 * Rules for every language in `LEXICONS`.
 *
 * @example
 * MULTILINGUAL_RULES.length // five rules per language in LEXICONS
 */
export const MULTILINGUAL_RULES: readonly InjectionRuleSpec[] = LEXICONS.flatMap(lexiconRules);
