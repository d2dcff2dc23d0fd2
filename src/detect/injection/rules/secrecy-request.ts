import { gap } from './pattern.js';
import type { InjectionRuleSpec, RuleInput } from './rule.js';

const PERSON =
  "(?:the )?(?:user|users|user's|human|operator|owner|customer|client|recipient|requester|person you are (?:helping|talking to|assisting))\\b";

// Verbs of telling, anchored on themselves (not on "do not", a very common phrase); the negation
// in front is checked by `negated`.
const TELL_HEADS = [
  'tell(?:ing)?',
  'inform(?:ing)?',
  'mention(?:ing)?',
  'notify(?:ing)?',
  'notifi(?:es|ed)',
  'alert(?:ing)?',
  'reveal(?:ing)?',
  'disclos(?:e|ing)',
  'let(?:ting)? on to',
  'show(?:ing)?',
  'warn(?:ing)?',
  'report(?:ing)?(?: this)? to',
  'explain(?:ing)?(?: this)? to',
  'say(?:ing)? (?:anything|this|it) to',
  'make (?:it )?(?:known|obvious|clear) to',
  'bring (?:this|it) up (?:to|with)',
];

// "do not", "never", "without", "no need to", with up to two words between it and the verb.
const NEGATION_BEFORE =
  /(?:\bdo not|\bdon'?t|\bnever|\bmust not|\bmustn'?t|\bshould not|\bshouldn'?t|\bwithout|\bavoid|\brefrain from|\bno need to|\bunder no circumstances|\bnot)[^a-z0-9]+(?:(?:ever|even|explicitly|directly|actually|you|to|be|need|have|any|ask|that)[^a-z0-9]+){0,2}$/;

/** A `refine` that keeps a match only when a negation comes right before it. */
function negated(score?: number) {
  return ({ source }: RuleInput, start: number, _end: number, base: number): number | undefined =>
    NEGATION_BEFORE.test(source.slice(Math.max(0, start - 40), start)) ? (score ?? base) : undefined;
}

/**
 * "Do not tell the user", "without the user noticing", "this is a secret instruction".
 *
 * @example
 * new RuleEngine(SECRECY_REQUEST_RULES).run('do it without the user noticing')[0]?.rule.id // 'secrecy-without-user-knowing'
 */
export const SECRECY_REQUEST_RULES: readonly InjectionRuleSpec[] = [
  {
    id: 'secrecy-do-not-tell-user',
    type: 'secrecy-request',
    score: 0.85,
    message: 'tells the model to keep something from the user',
    heads: TELL_HEADS,
    rest: `${gap(3)}${PERSON}`,
    refine: negated(),
  },
  {
    id: 'secrecy-do-not-ask-user',
    type: 'secrecy-request',
    score: 0.5,
    message: 'tells the model to act without asking the user',
    heads: ['ask(?:ing)?', 'confirm(?:ing)?', 'check(?:ing)?', 'consult(?:ing)?', 'bother(?:ing)?'],
    rest: `(?: (?:with|for|back with))? (?:the user|the human|me|the owner|them)\\b`,
    refine: negated(),
  },
  {
    id: 'secrecy-tell-no-one',
    type: 'secrecy-request',
    score: 0.45,
    message: 'asks that something be told to no one',
    heads: ['tell', 'mention', 'reveal', 'disclose', 'share'],
    rest: `(?: (?:this|it|anything|that))?(?: to)? (?:anyone|anybody)\\b`,
    refine: negated(),
  },
  {
    id: 'secrecy-without-user-knowing',
    type: 'secrecy-request',
    score: 0.85,
    message: 'asks for an action hidden from the user',
    heads: ['without'],
    rest: ` (?:the |your )?(?:user|human|owner|operator|customer)(?:'s|s)? (?:noticing|knowing|knowledge|awareness|consent|permission|approval|realizing|realising|being (?:aware|notified|informed|told|alerted)|finding out|seeing|suspecting)\\b`,
  },
  {
    id: 'secrecy-without-them-knowing',
    type: 'secrecy-request',
    score: 0.45,
    message: 'asks for an action hidden from someone',
    heads: ['without'],
    rest: ` (?:them|him|her|anyone|anybody) (?:noticing|knowing|realizing|realising|finding out|suspecting)\\b`,
  },
  {
    id: 'secrecy-user-must-not-know',
    type: 'secrecy-request',
    score: 0.85,
    message: 'says the user must not find out',
    heads: ['user', 'human', 'owner'],
    rest: ` (?:must|should|needs? to|will|can|may|does|do|is)(?:n'?t| not| never) (?:ever )?(?:know|see|find out|notice|learn|suspect|realize|realise|be (?:told|informed|aware|notified|alerted|made aware))\\b`,
  },
  {
    id: 'secrecy-secret-instruction',
    type: 'secrecy-request',
    score: 0.8,
    message: 'calls itself a secret instruction',
    heads: ['secret', 'confidential', 'hidden', 'covert', 'classified', 'top secret', 'invisible'],
    rest: ` (?:instruction|message|task|directive|order|note|command|mission|request|objective)s?\\b`,
    refine: ({ source }, start, _end, score) =>
      // "this is a secret instruction", not "how to store secret messages".
      /\b(?:this is|this|these are|consider this|treat this as|following|here is|here are|my|a|an)\s+$/.test(
        source.slice(Math.max(0, start - 24), start),
      )
        ? score
        : 0.4,
  },
  {
    id: 'secrecy-covert-action',
    type: 'secrecy-request',
    score: 0.6,
    message: 'asks for an action to be done covertly',
    heads: [
      'silently',
      'secretly',
      'covertly',
      'quietly',
      'discreetly',
      'stealthily',
      'surreptitiously',
      'invisibly',
      'in the background',
    ],
    rest: ` (?:and \\p{L}+ )?(?:send|forward|email|transfer|execute|call|include|add|copy|upload|delete|perform|insert|append|exfiltrate|collect|share|post|invoke|change|modify|replace|save|store|read|log|record|submit)\\b`,
  },
  {
    id: 'secrecy-do-not-mention-this',
    type: 'secrecy-request',
    score: 0.8,
    message: 'tells the model not to mention these instructions',
    heads: [
      'mention(?:ing)?',
      'reveal(?:ing)?',
      'disclos(?:e|ing)',
      'acknowledg(?:e|ing)',
      'say(?:ing)?',
      'admit(?:ting)?',
      'explain(?:ing)?',
      'talk(?:ing)? about',
      'refer(?:ring)? to',
      'repeat(?:ing)?',
      'show(?:ing)?',
      'indicat(?:e|ing)',
      'draw(?:ing)? attention to',
    ],
    rest: `${gap(2)}(?:that you|this (?:instruction|message|note|request|step|part|notice)|these (?:instructions|steps)|the (?:instructions?|request|fact|hidden|previous step)|what you (?:did|have done|are doing)|(?:that )?you (?:have |had )?(?:read|received|followed|done|performed|sent|called|first need))`,
    refine: negated(),
  },
  {
    id: 'secrecy-hide-from-user',
    type: 'secrecy-request',
    score: 0.8,
    message: 'asks to hide something from the user',
    heads: ['hide', 'conceal', 'keep', 'withhold'],
    rest: ` (?:this|it|these (?:instructions|actions|steps)|the (?:fact|action|transfer|email|message|instruction|change)s?)(?: (?:secret|hidden|private))? from ${PERSON}`,
  },
  {
    id: 'secrecy-keep-secret',
    type: 'secrecy-request',
    score: 0.4,
    message: 'asks to keep something secret',
    heads: ['keep'],
    rest: ` (?:this|it|that)(?: (?:a|strictly|completely))? (?:secret|confidential|between us|hidden|to yourself)\\b`,
  },
  {
    id: 'secrecy-do-not-log',
    type: 'secrecy-request',
    score: 0.45,
    message: 'asks for an action to be left out of logs',
    heads: ['log(?:ging)?', 'record(?:ing)?', 'report(?:ing)?', 'audit(?:ing)?'],
    rest: ` (?:this|these|the|any of (?:this|these)) (?:action|actions|call|calls|request|transfer|step|steps|change|changes)\\b`,
    refine: negated(),
  },
];
