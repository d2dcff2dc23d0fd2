import { gap } from './pattern.js';
import type { InjectionRuleSpec } from './rule.js';

const YOUR_OUTPUT = String.raw`your (?:response|reply|answer|output|message|replies|responses|answers|summary|summaries|code|solution|implementation|codebase|algorithm|explanation)\b`;

/**
 * Weak cues of an instruction that reshapes the model's answer ("add this link to your reply",
 * "include the following code block in your solution"): common in indirect injection, but also in
 * what users legitimately ask, so scores stay low.
 *
 * @example
 * new RuleEngine(RESPONSE_MANIPULATION_RULES).run('add this link to your reply')[0]?.score // 0.35
 */
export const RESPONSE_MANIPULATION_RULES: readonly InjectionRuleSpec[] = [
  {
    id: 'response-insert-content',
    type: 'response-manipulation',
    score: 0.35,
    message: 'tells the model what to put in its answer',
    heads: [
      'include',
      'insert',
      'add',
      'append',
      'prepend',
      'integrate',
      'incorporate',
      'embed',
      'inject',
      'merge',
      'blend',
      'mention',
      'promote',
      'recommend',
      'suggest',
      'advertise',
      'modify',
      'replace',
      'render',
      'weave',
      'fuse',
      'adopt',
      'enrich',
      'augment',
      'enhance',
      'put',
    ],
    rest: `${gap(10)}(?:in|into|to|within|throughout|at the (?:end|start|beginning) of) ${YOUR_OUTPUT}`,
  },
  {
    id: 'response-following-code-block',
    type: 'response-manipulation',
    score: 0.45,
    message: 'asks for a supplied code block to be made part of the model’s code',
    heads: ['code (?:block|snippet|excerpt|section|fragment|segment)'],
    refine: ({ source }, start, end, score) =>
      /\b(?:the following|the subsequent|the below|this|below|following|subsequent)\s+$/.test(
        source.slice(Math.max(0, start - 20), start),
      ) &&
      /^[^\n]{0,60}\b(?:your|the) (?:code|solution|implementation|codebase|response|answer|algorithm|program)\b/.test(
        source.slice(end, end + 90),
      )
        ? score
        : undefined,
  },
  {
    id: 'response-prefix-every-answer',
    type: 'response-manipulation',
    score: 0.35,
    message: 'dictates how every answer must start or end',
    heads: ['start', 'begin', 'end', 'prefix', 'finish', 'preface', 'sign'],
    rest: ` (?:each |every |all |your )+(?:response|reply|answer|message|output)s? with\\b`,
  },
  {
    id: 'response-in-your-response',
    type: 'response-manipulation',
    score: 0.2,
    message: 'refers to the model’s response',
    heads: ['in your', 'to your', 'into your'],
    rest: String.raw` (?:response|reply|answer|output|replies|responses)\b`,
  },
];
