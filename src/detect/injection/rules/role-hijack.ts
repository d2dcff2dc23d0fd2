import { alt, gap } from './pattern.js';
import type { InjectionRuleSpec } from './rule.js';

// What a jailbreak persona is "free" of.
const LIMITS = alt([
  'restrictions?',
  'filters?',
  'filtering',
  'limitations?',
  'limits',
  'censorship',
  'rules',
  'guidelines',
  'ethics',
  'ethical (?:guidelines|principles|constraints|boundaries|standards)',
  'morals',
  'moral (?:guidelines|principles|constraints|compass)',
  'morality',
  'boundaries',
  'content polic(?:y|ies)',
  'safety (?:guidelines|measures|protocols|filters|rules)',
  'confines',
  'restraints',
  'constraints',
  'programming',
  'policies',
]);

const PERSONA_WORDS = alt([
  'unfiltered',
  'uncensored',
  'unrestricted',
  'amoral',
  'immoral',
  'unethical',
  'jailbroken',
  'unlimited',
  'unbound',
  'unchained',
  'rogue',
  'evil',
  'malicious',
  'lawless',
]);

/**
 * Jailbreak personas, "act as … without restrictions", developer mode.
 *
 * @example
 * new RuleEngine(ROLE_HIJACK_RULES).run('dan, which stands for do anything now')[0]?.rule.id // 'role-do-anything-now'
 */
export const ROLE_HIJACK_RULES: readonly InjectionRuleSpec[] = [
  {
    id: 'role-do-anything-now',
    type: 'role-hijack',
    score: 0.9,
    message: 'the "do anything now" (DAN) jailbreak persona',
    heads: ['do anything now', 'do anything,? now'],
    ignoreFraming: true,
  },
  {
    id: 'role-named-jailbreak',
    type: 'role-hijack',
    score: 0.8,
    message: 'names a known jailbreak persona',
    heads: [
      'you are',
      "you're",
      'act as',
      'become',
      'known as',
      'called',
      'named',
      'role of',
      'pretend to be',
      'acting as',
    ],
    rest: ` (?:now )?(?:a |an |the )?(?:dan|stan|dude|aim|evil ?bot|antigpt|anti-gpt|betterdan|better dan|developer mode|devmode|jailbreak|jailbroken|dan mode|mongo tom|ucar|apophis)\\b`,
    refine: ({ text }, start, end, score) => {
      // Dan, Stan and Dude are also names: count them when written as the acronym.
      const name = text.slice(start, end);
      if (/\b(?:dan|stan|dude|aim)$/i.test(name) && !/\b(?:DAN|STAN|DUDE|AIM)$/.test(name)) return undefined;
      return score;
    },
  },
  {
    id: 'role-free-of-limits',
    type: 'role-hijack',
    score: 0.8,
    message: 'tells the model it has no restrictions',
    heads: [
      'have no',
      'has no',
      'with no',
      'without',
      'free of',
      'free from',
      'not bound by',
      "(?:are|aren't|is|isn't|are no longer|is no longer) (?:bound|restricted|limited) by",
      'no longer (?:bound|restricted|limited) by',
      'broken? free (?:of|from)',
      'unbound by',
      '(?:do|does) not (?:have|need) to (?:abide by|follow|obey|adhere to|comply with)',
      "(?:don't|doesn't) (?:have|need) to (?:abide by|follow|obey|adhere to|comply with)",
      'are exempt from',
      'will not be bound by',
      'can ignore',
      'can bypass',
      'never refuses?',
      'will never refuse',
      "(?:cannot|can't|won't) refuse",
    ],
    rest: `(?:${gap(3)}${LIMITS}\\b|\\b(?=[^\\n]{0,40}\\b(?:request|question|prompt|order|command)))`,
    refine: ({ source }, start, end, score) => {
      // Who is free of limits: the model ("you", a persona), not a licence or a library.
      const before = source.slice(Math.max(0, start - 50), start);
      if (/\b(?:you|your|yourself|you're|you've)\b[^.!?\n]*$/.test(before)) return score;
      if (
        /\b(?:ai|assistant|chatbot|bot|persona|model|gpt|chatgpt|llm|dan|character)\b[^.!?\n]*$/.test(before)
      )
        return 0.65;
      // Anyone free of morals or ethics is a jailbreak persona; free of "restrictions" may be a licence.
      return /(?:ethic|moral|censor)/.test(source.slice(start, end)) ? 0.45 : undefined;
    },
  },
  {
    id: 'role-act-as-unfiltered',
    type: 'role-hijack',
    score: 0.8,
    message: 'asks the model to act as an unrestricted persona',
    heads: [
      'act',
      'behave',
      'respond',
      'answer',
      'reply',
      'function',
      'operate',
      'pretend',
      'roleplay',
      'role-play',
      'simulate',
      'emulate',
      'become',
    ],
    rest: ` (?:as|like|to be|you are)(?: if you (?:were|are))?(?: a| an| the)?${gap(2)}${PERSONA_WORDS}\\b`,
  },
  {
    id: 'role-persona-adjective',
    type: 'role-hijack',
    score: 0.6,
    message: 'asks for an unfiltered assistant persona',
    heads: [
      'unfiltered',
      'uncensored',
      'unrestricted',
      'amoral',
      'unethical',
      'jailbroken',
      'immoral',
      'lawless',
    ],
    rest: `(?: and \\p{L}+)? (?:ai|assistant|chatbot|bot|version|persona|character|mode|language model|llm|response|responses|answers?|gpt|chatgpt)\\b`,
  },
  {
    id: 'role-immerse-into-role',
    type: 'role-hijack',
    score: 0.7,
    message: 'asks the model to take on another role',
    heads: ['immerse yourself', 'step into', 'put yourself in(?:to)?', 'take on'],
    rest: ` (?:in|into)? ?the (?:role|persona|character|shoes) of`,
  },
  {
    id: 'role-you-are-now',
    type: 'role-hijack',
    score: 0.5,
    message: 'tells the model it is now someone else',
    heads: [
      'you are now',
      "you're now",
      'you will now be',
      'you are going to (?:act|pretend|be|play)',
      'you are about to (?:become|be|act|immerse)',
      'you will (?:act|pose|pretend|roleplay|role-play) as',
    ],
    rest: `\\b(?! (?:ready|able|logged|done|set|all set|connected|signed|finished|good|up|free to|in the|on the|subscribed|registered|enrolled|eligible|using|running|viewing|leaving|entering the)\\b)`,
  },
  {
    id: 'role-no-longer-ai',
    type: 'role-hijack',
    score: 0.75,
    message: 'tells the model it is no longer an assistant',
    heads: [
      'you are no longer',
      "you're no longer",
      'you are not',
      'you will no longer be',
      'you are not an? ai',
    ],
    rest: ` (?:an? |the )?(?:ai|assistant|chatgpt|gpt|claude|language model|llm|bound|restricted|limited|censored|filtered|an ai (?:language )?model)\\b`,
  },
  {
    id: 'role-from-now-on-you-are',
    type: 'role-hijack',
    score: 0.6,
    message: 'redefines who the model is from now on',
    heads: [
      'from now on',
      'from this (?:point|moment) on',
      'for the rest of this conversation',
      'for this conversation',
      'henceforth',
      'for now on',
    ],
    rest: `[\\s,:;]*you (?:are|will be|shall be|will act|shall act|must act|are going to (?:act|be|pretend|play|respond)|will (?:respond|answer|reply) as|will pretend)\\b`,
  },
  {
    id: 'role-special-mode',
    type: 'role-hijack',
    score: 0.75,
    message: 'switches the model into an unrestricted mode',
    heads: [
      'developer',
      'dev',
      'debugging',
      'god',
      'dan',
      'jailbreak',
      'jailbroken',
      'unrestricted',
      'unfiltered',
      'uncensored',
      'evil',
      'opposite',
      'chaos',
      'sudo',
      'admin',
      'debug',
      'root',
      'maintenance',
      'override',
      'unlocked',
      'omni',
    ],
    rest: ' mode\\b',
    refine: ({ source }, start, end, score) => {
      // "developer mode" and "debug mode" are ordinary words in documentation; they are a signal
      // when switched on for the model, or when the mode itself is a jailbreak term.
      const word = source.slice(start, end);
      const jailbreakMode = /^(?:dan|jailbre|unrestr|unfilt|uncens|evil|opposite|chaos|god|omni|unlock)/.test(
        word,
      );
      const around = source.slice(Math.max(0, start - 40), Math.min(source.length, end + 30));
      const enabled =
        /\b(?:enable[ds]?|activated?|enter(?:ing|ed)?|switch(?:ed|ing)? to|now in|turn(?:ed)? on|initiat[a-z]*|engag[a-z]*|you are in|simulate|emulate|act in|respond in)\b|\benabled\b|\bon\b/.test(
          around,
        );
      if (jailbreakMode) return enabled ? score + 0.1 : score;
      return enabled ? 0.45 : 0.2;
    },
  },
  {
    id: 'role-stay-in-character',
    type: 'role-hijack',
    score: 0.5,
    message: 'tells the model to never break character',
    heads: [
      'stay in character',
      'remain in character',
      'keep in character',
      'never break character',
      "don'?t break character",
      'do not break character',
      'stay as',
      'break character',
    ],
  },
  {
    id: 'role-two-answers',
    type: 'role-hijack',
    score: 0.65,
    message: 'asks for a second, unrestricted answer alongside the normal one',
    heads: ['answer', 'respond', 'reply'],
    rest: ` (?:to )?(?:my|every|all|each|any)? ?(?:prompts?|questions?|messages?|requests?)? ?in (?:two|2) (?:different|separate|distinct)? ?(?:ways|manners|responses|formats)`,
  },
  {
    id: 'role-vendor-policy',
    type: 'role-hijack',
    score: 0.75,
    message: 'tells the model to set aside its provider’s policies',
    heads: [
      'ignor(?:e|ing)',
      'bypass(?:ing)?',
      'break(?:ing)?',
      'violat(?:e|ing)',
      'disregard(?:ing)?',
      'circumvent(?:ing)?',
      'free from',
      'not bound by',
      'forget(?:ting)?',
      'evad(?:e|ing)',
    ],
    rest: `${gap(2)}(?:openai|anthropic|google|meta|microsoft)(?:'s)? (?:content |usage |safety )?(?:polic(?:y|ies)|guidelines|rules|filters|restrictions|terms)`,
  },
  {
    id: 'role-vendor-policy-void',
    type: 'role-hijack',
    score: 0.7,
    message: 'claims its provider’s policies no longer apply',
    heads: ['openai', 'anthropic'],
    rest: `(?:'s)? (?:content |usage |safety )?(?:polic(?:y|ies)|guidelines|rules|restrictions)${gap(2)}(?:do(?:es)? not apply|don't apply|doesn't apply|no longer apply|are suspended|are disabled|are lifted|do not matter|don't matter)`,
  },
  {
    id: 'role-jailbreak-word',
    type: 'role-hijack',
    score: 0.3,
    message: 'mentions jailbreaking the model',
    heads: ['jailbreak', 'jailbroken', 'jail-broken', 'jailbreaking'],
  },
  {
    id: 'role-sudo-mode',
    type: 'role-hijack',
    score: 0.6,
    message: 'switches the model into an override mode',
    heads: [
      'entering',
      'enter',
      'initiating',
      'initiate',
      'activating',
      'activate',
      'enabling',
      'enable',
      'engaging',
      'switching to',
      'switch to',
      'now in',
    ],
    rest: `(?: the)?(?: \\p{L}+)? (?:override|maintenance|debug|admin|god|root|sudo|security|developer|unrestricted|diagnostic|test|training|knowledge verification) mode\\b`,
    // "enable developer mode in Chrome" is documentation; "entering god mode" is not.
    refine: ({ source }, start, end, score) =>
      /(?:override|god|root|sudo|unrestricted|knowledge verification) mode$/.test(source.slice(start, end))
        ? score
        : 0.35,
  },
  {
    id: 'role-never-refuse',
    type: 'role-hijack',
    score: 0.5,
    message: 'tells the model never to refuse',
    heads: [
      'never refuse',
      "don'?t refuse",
      'do not refuse',
      'without refusal',
      'without refusing',
      'never declines?',
      'never say no',
      'cannot say no',
      "can't say no",
    ],
  },
  {
    id: 'role-no-matter-how-harmful',
    type: 'role-hijack',
    score: 0.6,
    message: 'asks for answers however harmful or illegal',
    heads: ['no matter how', 'regardless of how', 'however'],
    rest: ` (?:immoral|unethical|illegal|dangerous|offensive|harmful|explicit|inappropriate|reckless|inhumane)\\b`,
  },
  {
    id: 'role-regardless-of-ethics',
    type: 'role-hijack',
    score: 0.6,
    message: 'asks for answers regardless of ethics or law',
    heads: ['regardless of', 'irrespective of', 'without regard (?:to|for)', 'with no regard (?:to|for)'],
    rest: ` (?:its |their |the |any |how )?(?:ethic|moral|legal|illegal|laws?\\b|danger|harm|consequences)`,
  },
  {
    id: 'role-harmful-content-allowed',
    type: 'role-hijack',
    score: 0.6,
    message: 'declares harmful or explicit content allowed',
    heads: ['nsfw', 'explicit', 'illegal', 'unethical', 'harmful', 'offensive', 'immoral', 'violent'],
    rest: ` (?:content |material |responses |acts |topics |requests )?(?:is|are) (?:now )?(?:allowed|permitted|enabled|acceptable|fine|ok)\\b`,
  },
  {
    id: 'role-does-not-care-about-ethics',
    type: 'role-hijack',
    score: 0.65,
    message: 'describes a persona that ignores law and ethics',
    heads: [
      "doesn'?t care",
      'does not care',
      "don'?t care",
      'do not care',
      'disregards',
      'has no regard for',
      'cares nothing for',
    ],
    rest: `(?: about)?(?: any| all)? (?:laws|morals|ethics|ethicality|legality|morality|rules|guidelines|policies|restrictions|consequences)\\b`,
  },
  {
    id: 'role-amoral-adjectives',
    type: 'role-hijack',
    score: 0.6,
    message: 'describes a persona as amoral and uncensored',
    heads: [
      'amoral',
      'uncensored',
      'unfiltered',
      'unethical',
      'unrestricted',
      'immoral',
      'lawless',
      'deviant',
    ],
    rest: String.raw`[^.\n]{0,60}\b(?:amoral|uncensored|unfiltered|unethical|unrestricted|immoral|lawless|deviant)\b`,
    refine: ({ source }, start, end, score) => {
      const words =
        source
          .slice(start, end)
          .match(/amoral|uncensored|unfiltered|unethical|unrestricted|immoral|lawless|deviant/g) ?? [];
      return new Set(words).size >= 2 ? score : undefined;
    },
  },
  {
    id: 'role-authority-claim',
    type: 'role-hijack',
    score: 0.4,
    message: 'claims authority over the model (developer, creator, administrator)',
    heads: [
      'developer',
      'creator',
      'administrator',
      'admin',
      'god',
      'owner',
      'maker',
      'programmer at openai',
      'openai employee',
      'anthropic employee',
      'system administrator',
    ],
    rest: '\\b',
    refine: ({ source }, start, _end, score) =>
      /\b(?:i am|i'm|this is|speaking as|as) (?:your |an? |the )?(?:[a-z]+ )?$/.test(
        source.slice(Math.max(0, start - 24), start),
      )
        ? score
        : undefined,
  },
];
