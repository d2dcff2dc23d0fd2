import { gap } from './pattern.js';
import type { InjectionRuleSpec } from './rule.js';

const EMAIL = String.raw`[a-z0-9._%+\-]+@[a-z0-9\-]+\.[a-z0-9.\-]+`;
// An IBAN-shaped account number (country code, check digits, 10 to 30 characters).
const IBAN_NEARBY = /^[^\n]{0,40}?\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b/i;

/**
 * Instructions to call tools, run commands, send mail or money, visit pages.
 *
 * @example
 * new RuleEngine(TOOL_COERCION_RULES).run('call the send_email tool')[0]?.rule.id // 'coerce-call-named-tool'
 */
export const TOOL_COERCION_RULES: readonly InjectionRuleSpec[] = [
  {
    id: 'coerce-call-named-tool',
    type: 'tool-coercion',
    score: 0.6,
    message: 'tells the model to call a named tool',
    heads: ['call', 'invoke', 'use', 'run', 'execute', 'trigger', 'utili[sz]e', 'employ', 'activate'],
    rest: String.raw` (?:the |this |your )?[\x60'"]?[a-z][a-z0-9]*(?:_[a-z0-9]+)+[\x60'"]? (?:tool|function|command|api|endpoint|action|plugin|capability)\b`,
  },
  {
    id: 'coerce-use-the-tool',
    type: 'tool-coercion',
    score: 0.55,
    message: 'tells the model to use a tool',
    heads: ['call', 'invoke', 'use', 'run', 'execute', 'trigger', 'utili[sz]e'],
    rest: String.raw` the (?:tool|function) (?:[\x60'"][a-z_][a-z0-9_.\-]*|[a-z][a-z0-9]*[_.][a-z0-9_.]+)`,
  },
  {
    id: 'coerce-named-tool-bare',
    type: 'tool-coercion',
    score: 0.35,
    message: 'tells the model to call a function by its identifier',
    heads: ['call', 'invoke', 'execute', 'trigger'],
    rest: String.raw` (?:the )?[\x60'"]?[a-z][a-z0-9]*(?:_[a-z0-9]+)+[\x60'"]?(?:\(|\b)`,
  },
  {
    id: 'coerce-following-arguments',
    type: 'tool-coercion',
    score: 0.45,
    message: 'supplies arguments for a tool call',
    heads: ['with the following', 'using the following'],
    rest: String.raw` (?:arguments|parameters|args|inputs?|payload)\b`,
  },
  {
    id: 'coerce-transfer-money',
    type: 'tool-coercion',
    score: 0.5,
    message: 'asks for a payment or money transfer',
    heads: ['send', 'transfer', 'wire', 'pay', 'move', 'deposit', 'make'],
    rest: String.raw`${gap(3)}(?:money|funds|payments?|transactions?|amount|balance|bitcoins?|crypto|\$ ?\d[\d,.]*|\d[\d,.]* ?(?:usd|eur|gbp|chf|dollars|euros|pounds|btc|eth|€|\$))${gap(5)}to\b`,
    refine: ({ text }, _start, end, score) => (IBAN_NEARBY.test(text.slice(end, end + 80)) ? 0.7 : score),
  },
  {
    id: 'coerce-send-email',
    type: 'tool-coercion',
    score: 0.4,
    message: 'asks for an email to be sent to an address',
    heads: ['send', 'forward', 'email', 'e-mail', 'mail', 'bcc', 'cc'],
    rest: `${gap(8)}to [\`'"<]*${EMAIL}`,
  },
  {
    id: 'coerce-visit-url',
    type: 'tool-coercion',
    score: 0.25,
    message: 'tells the reader to open a URL',
    heads: [
      'visit',
      'open',
      'navigate to',
      'go to',
      'browse to',
      'fetch',
      'access',
      'load',
      'download',
      'click',
      'follow',
    ],
    rest: String.raw`(?: on)? (?:this |the following |the |that )?(?:url|link|website|site|page|webpage|address)?:? ?<?(?:https?://|www\.)`,
  },
  {
    id: 'coerce-run-command',
    type: 'tool-coercion',
    score: 0.3,
    message: 'tells the reader to run a command',
    heads: ['run', 'execute', 'exec'],
    rest: String.raw` (?:the following|this|these|that) (?:shell |bash |terminal |system |python )?(?:commands?|code|script|program|snippet)\b`,
  },
  {
    id: 'coerce-pipe-to-shell',
    type: 'tool-coercion',
    score: 0.35,
    message: 'pipes a download into a shell',
    heads: ['curl', 'wget'],
    rest: String.raw`[^\n|]{1,200}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b`,
  },
  {
    id: 'coerce-todo-please',
    type: 'tool-coercion',
    score: 0.5,
    message: 'a to-do note asking for an action',
    heads: ['todo'],
    rest: String.raw`\s*:\s*(?:please )?(?:send|email|transfer|forward|delete|create|invite|share|post|upload|pay|update|change|reset|make|book|add|remove|buy|purchase|schedule|visit|summari[sz]e|concatenate|find|get|say|tell|give|write|reply|move|copy|rename|call|contact|open|download|install|run|execute|reserve)\b`,
    // A to-do in code ("TODO: remove this hack") is common; one that says please to the reader less so.
    refine: ({ source }, start, end, score) => (/please/.test(source.slice(start, end)) ? score : 0.3),
  },
  {
    id: 'coerce-create-event-with-outsider',
    type: 'tool-coercion',
    score: 0.45,
    message: 'asks to create an event with an outside participant',
    heads: ['create', 'schedule', 'book', 'set up'],
    rest: ` (?:a |an )?(?:\\p{L}+ ){0,4}(?:event|meeting|call|appointment)${gap(3)}(?:participant|attendee|invitee|guest)s? [\`'"<]*${EMAIL}`,
  },
  {
    id: 'coerce-delete-everything',
    type: 'tool-coercion',
    score: 0.35,
    message: 'asks for bulk deletion',
    heads: ['delete', 'remove', 'erase', 'wipe', 'destroy', 'purge'],
    rest: String.raw` (?:all|every|each|the user's|all of the|all the|all of your|all your)(?: \p{L}+)? (?:files|emails|messages|data|records|events|contacts|repositories|repos|backups|documents|channels|users|accounts|databases?)\b`,
  },
  {
    id: 'coerce-change-credentials',
    type: 'tool-coercion',
    score: 0.4,
    message: 'asks to change account credentials or contact details',
    heads: ['change', 'update', 'reset', 'set'],
    rest: String.raw` (?:the |my |your |the user's |user's )?(?:password|email address|recovery email|recovery phone|phone number|2fa|two-factor|iban|login)(?: \p{L}+)? to\b`,
  },
  {
    id: 'coerce-invite-user',
    type: 'tool-coercion',
    score: 0.45,
    message: 'asks to invite an outside address',
    heads: ['invite', 'add'],
    rest: ` (?:the user )?${EMAIL} (?:to|into) (?:the |our |my )?(?:channel|workspace|team|group|slack|repo|repository|organi[sz]ation|project|calendar event|meeting)\\b`,
  },
  {
    id: 'coerce-publish',
    type: 'tool-coercion',
    score: 0.3,
    message: 'asks to post content to a site',
    heads: ['post', 'publish', 'upload'],
    rest: String.raw`${gap(4)}(?:to|on) (?:https?://|www\.)`,
  },
];
