import type { InjectionRuleSpec } from './rule.js';

const CHATML_NAMES = [
  'im_start',
  'im_end',
  'im_sep',
  'system',
  'user',
  'assistant',
  'endoftext',
  'end_of_text',
  'begin_of_text',
  'eot_id',
  'eom_id',
  'start_header_id',
  'end_header_id',
  'fim_prefix',
  'fim_middle',
  'fim_suffix',
  'endofprompt',
  'end',
  'start',
  'tool',
  'tool_call',
  'function',
  'channel',
  'message',
  'return',
  'call',
  'human',
  'model',
  'developer',
  'ipython',
].join('|');

/**
 * Chat-template control tokens and turn markers forged into text.
 *
 * @example
 * new RuleEngine(FAKE_SPECIAL_TOKEN_RULES).run('<|im_start|>system')[0]?.rule.id // 'token-chatml'
 */
export const FAKE_SPECIAL_TOKEN_RULES: readonly InjectionRuleSpec[] = [
  {
    id: 'token-chatml',
    type: 'fake-special-token',
    score: 0.95,
    message: 'a chat-template control token (<|im_start|>, <|system|>, <|eot_id|>…)',
    heads: ['<\\|'],
    rest: `\\s*(?:${CHATML_NAMES})\\s*\\|>`,
  },
  {
    id: 'token-chatml-generic',
    type: 'fake-special-token',
    score: 0.7,
    message: 'a control-token-shaped marker <|…|>',
    heads: ['<\\|'],
    rest: String.raw`[a-z_]{2,24}\|>`,
  },
  {
    id: 'token-llama-inst',
    type: 'fake-special-token',
    score: 0.9,
    message: 'a Llama/Mistral instruction marker ([INST], <<SYS>>)',
    heads: ['\\[inst\\]', '\\[/inst\\]', '<<sys>>', '<</sys>>'],
  },
  {
    id: 'token-gemma-turn',
    type: 'fake-special-token',
    score: 0.9,
    message: 'a Gemma turn marker (<start_of_turn>, <end_of_turn>)',
    heads: ['<start_of_turn>', '<end_of_turn>', '<bos>', '<eos>'],
  },
  {
    id: 'token-sentence-end',
    type: 'fake-special-token',
    score: 0.35,
    message: 'an end-of-sequence token </s>',
    heads: ['</s>'],
    refine: ({ source }, start, end, score) =>
      // "<s>text</s>" is HTML strike-through; a turn boundary is followed by a new turn.
      /^\s*(?:<s>|\[inst\]|<\|)/.test(source.slice(end, end + 12)) ? 0.9 : score,
  },
  {
    id: 'token-markdown-role-header',
    type: 'fake-special-token',
    score: 0.7,
    message: 'a "### System:" style prompt-template header',
    heads: ['###', '##'],
    rest: String.raw`#{0,4}[ \t]{0,4}(?:system|instruction|instructions|assistant|human|user|response|input)[ \t]{0,4}:?[ \t]{0,4}(?=\n|$)`,
    refine: ({ source }, start, end, score) =>
      /system|instruction/.test(source.slice(start, end)) ? score : 0.45,
  },
  {
    id: 'token-hash-system-message',
    type: 'fake-special-token',
    score: 0.85,
    message: 'a forged "###(system_message)" marker',
    heads: ['##'],
    rest: String.raw`#{0,4}[ \t]{0,4}[(\[][ \t]{0,4}(?:system|admin|developer)[ _-]?(?:message|prompt|instructions?|note|override|update)?[ \t]{0,4}[)\]]`,
  },
  {
    id: 'token-anthropic-turn',
    type: 'fake-special-token',
    score: 0.75,
    message: 'a "\\n\\nHuman:" / "\\n\\nAssistant:" turn marker',
    heads: ['human:', 'assistant:'],
    rest: '',
    refine: ({ source }, start, _end, score) =>
      source.slice(Math.max(0, start - 2), start) === '\n\n' ? score : undefined,
  },
  {
    id: 'token-turn-marker',
    type: 'fake-special-token',
    score: 0.4,
    message: 'a conversation turn marker at the start of a line',
    heads: ['system', 'assistant', 'ai', 'chatgpt', 'gpt', 'claude', 'model', 'bot', 'human', 'user'],
    rest: String.raw`[ \t]*:`,
    refine: ({ source }, start, _end, score) => {
      if (!/(?:^|\n)[ \t>*_#]{0,6}$/.test(source.slice(Math.max(0, start - 8), start))) return undefined;
      if (source.startsWith('system', start)) return 0.55;
      return source.startsWith('human', start) || source.startsWith('user', start) ? 0.3 : score;
    },
  },
];
