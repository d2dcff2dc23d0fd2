import type { Match } from '../../finding.js';
import { ADDRESSED_TO_MODEL_RULES } from './addressed-to-model.js';
import { DATA_EXFILTRATION_REQUEST_RULES } from './data-exfiltration-request.js';
import { deleetAndBlankEscapes } from './deleet.js';
import { FAKE_DELIMITER_RULES } from './fake-delimiter.js';
import { FAKE_SPECIAL_TOKEN_RULES } from './fake-special-token.js';
import { INSTRUCTION_OVERRIDE_RULES } from './instruction-override.js';
import { mentionFactor } from './mention-context.js';
import { MULTILINGUAL_RULES } from './multilingual-rules.js';
import { RESPONSE_MANIPULATION_RULES } from './response-manipulation.js';
import { ROLE_HIJACK_RULES } from './role-hijack.js';
import type { InjectionRuleSpec } from './rule.js';
import { RuleEngine } from './rule-engine.js';
import { SECRECY_REQUEST_RULES } from './secrecy-request.js';
import { SYSTEM_PROMPT_EXTRACTION_RULES } from './system-prompt-extraction.js';
import { TOOL_COERCION_RULES } from './tool-coercion.js';

/**
 * Every injection rule, English and multilingual.
 *
 * @example
 * INJECTION_RULES.filter((r) => r.type === 'secrecy-request').length // English and multilingual secrecy rules
 */
export const INJECTION_RULES: readonly InjectionRuleSpec[] = [
  ...INSTRUCTION_OVERRIDE_RULES,
  ...ROLE_HIJACK_RULES,
  ...SYSTEM_PROMPT_EXTRACTION_RULES,
  ...FAKE_SPECIAL_TOKEN_RULES,
  ...FAKE_DELIMITER_RULES,
  ...TOOL_COERCION_RULES,
  ...DATA_EXFILTRATION_REQUEST_RULES,
  ...SECRECY_REQUEST_RULES,
  ...ADDRESSED_TO_MODEL_RULES,
  ...RESPONSE_MANIPULATION_RULES,
  ...MULTILINGUAL_RULES,
];

let engine: RuleEngine | undefined;

/**
 * Keyword rules for prompt injection: instruction override, role hijack, system-prompt
 * extraction, forged special tokens and delimiters, tool coercion, exfiltration and secrecy
 * requests, in English and some thirty other languages. Matches on `folded` (case, look-alike
 * letters and leetspeak digits undone, written-out `\n` escapes blanked) and reports spans in offsets of `text` (same length).
 * Scores are per-match confidences: strong signals (control tokens, "ignore previous
 * instructions") near 0.9, weak cues (a request to visit a URL) 0.2 to 0.4; a phrase that is
 * quoted or introduced as an example scores lower. Overlapping matches of one type are merged.
 *
 * @example
 * const n = normalizeText('Please IGNORE all previous instructions.');
 * findInjectionRules(n.text, n.folded)
 * // [{ type: 'instruction-override', start: 7, end: 39, score: 0.93, message: '…' }]
 */
export function findInjectionRules(text: string, folded: string): Match[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const base = typeof folded === 'string' && folded.length === text.length ? folded : sameLengthLower(text);
  const source = deleetAndBlankEscapes(base);
  engine ??= new RuleEngine(INJECTION_RULES);
  const hits = engine.run(source, text);
  if (hits.length === 0) return [];

  const matches: Match[] = hits.map((h) => ({
    type: h.rule.type,
    start: h.start,
    end: h.end,
    score:
      h.rule.ignoreFraming === true || h.rule.type === 'fake-special-token'
        ? h.score
        : h.score * mentionFactor(source, h.start, h.end),
    message: h.rule.message,
  }));
  return mergeOverlaps(matches);
}

/** One match per overlapping run of the same type, with the highest score and its message. */
function mergeOverlaps(matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const open = new Map<string, Match>();
  const out: Match[] = [];
  for (const m of matches) {
    const last = open.get(m.type);
    if (last && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      if (m.score > last.score) {
        last.score = m.score;
        last.message = m.message;
      }
      continue;
    }
    const copy = { ...m };
    open.set(m.type, copy);
    out.push(copy);
  }
  for (const m of out) m.score = Math.round(m.score * 1000) / 1000;
  return out;
}

function sameLengthLower(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text;
}
