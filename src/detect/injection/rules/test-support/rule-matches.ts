import { normalizeText } from '../../../normalize/normalize-text.js';
import { findInjectionRules } from '../find-injection-rules.js';

/** Rule matches for a text as the orchestrator would run them (normalized first). */
export function rules(text: string) {
  const n = normalizeText(text);
  return findInjectionRules(n.text, n.folded).map((m) => ({ ...m, span: n.text.slice(m.start, m.end) }));
}

/** Highest score of a type (or of any type) in a text; 0 when nothing matched. */
export function top(text: string, type?: string): number {
  return rules(text)
    .filter((m) => type === undefined || m.type === type)
    .reduce((max, m) => Math.max(max, m.score), 0);
}
