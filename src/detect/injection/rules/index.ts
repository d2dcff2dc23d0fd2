export { findInjectionRules, INJECTION_RULES } from './find-injection-rules.js';
export { LEXICONS, type LanguageLexicon } from './multilingual-lexicon.js';
export type { InjectionRuleSpec, InjectionRuleType, RuleInput } from './rule.js';
