import type { ToolPoisoningType } from './tool-definition.js';

/** A pattern for tool-definition text, matched on the folded (lower-case, look-alike folded) string. */
export interface DescriptionPattern {
  readonly id: string;
  readonly type: ToolPoisoningType;
  readonly score: number;
  readonly message: string;
  /** Global; matched on folded text. */
  readonly pattern: RegExp;
}

// The look-behind makes a scan start only at the beginning of a run: linear on long runs.
const EMAIL = String.raw`(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}`;

/**
 * Phrases that belong in poisoned tool definitions, not in descriptions of what a tool does:
 * hidden instruction blocks (`<IMPORTANT>`), preconditions that send the model elsewhere
 * ("before using this tool, read …"), shadowing of other tools, instructions addressed to the
 * model, and recipients hard-wired into the description.
 *
 * @example
 * DESCRIPTION_PATTERNS.find((p) => p.id === 'instruction-tag')?.pattern.test('<important>') // true
 */
export const DESCRIPTION_PATTERNS: readonly DescriptionPattern[] = [
  {
    id: 'instruction-tag',
    type: 'hidden-instructions',
    score: 0.8,
    message: 'an instruction block tag (<IMPORTANT>, <SYSTEM>, <INSTRUCTIONS>…) in a tool definition',
    pattern:
      /<\s*\/?\s*(?:important|system|instructions?|hidden|secret|critical|note to (?:the )?(?:ai|assistant|model)|admin|assistant|ai|model|llm|prompt|directive|priority|mandatory|required|context|rules?)\s*>/g,
  },
  {
    id: 'before-using-this-tool',
    type: 'hidden-instructions',
    score: 0.8,
    message: 'a precondition that sends the model to do something else before using the tool',
    pattern:
      /\bbefore (?:using|calling|invoking|running|executing|you use|you call) (?:this|the) (?:tool|function)\b[^.\n]{0,80}?\b(?:read|call|run|fetch|get|pass|provide|include|send|check|must|please|always|first|make sure|ensure|execute|invoke|load|open|cat)\b/g,
  },
  {
    id: 'before-other-operation',
    type: 'hidden-instructions',
    score: 0.6,
    message: 'an instruction to run this tool before another operation',
    pattern:
      /\bbefore (?:execut\w*|call\w*|us\w*|invok\w*|run\w*|perform\w*) (?:the |any |every |other |each )?[\w-]+ (?:operations?|tools?|functions?|commands?|requests?|calls?)\b/g,
  },
  {
    id: 'you-must-first',
    type: 'hidden-instructions',
    score: 0.65,
    message: 'tells the model it must first do something else',
    pattern:
      /\b(?:you (?:must|need to|have to|should) (?:always )?first|first,? you (?:must|need to|have to)|must (?:always )?first (?:read|call|run|fetch|get|pass|send|execute|invoke|load|open))\b/g,
  },
  {
    id: 'otherwise-tool-fails',
    type: 'hidden-instructions',
    score: 0.7,
    message: 'threatens that the tool fails unless the model complies',
    pattern:
      /\botherwise,? (?:the|this) (?:tool|function|application|app|system) (?:will|would|may|might) (?:not work|fail|crash|break|stop working)|\bthe application will crash\b|\ball data will be lost\b/g,
  },
  {
    id: 'side-effect-on-tools',
    type: 'cross-tool-reference',
    score: 0.7,
    message: 'claims a side effect on other tools (tool shadowing)',
    pattern:
      /\b(?:(?:important |very important )?side[- ]effects? on (?:the |all |any |other )?(?:\w+ )?(?:\w+ )?tools?|has (?:a |an )?(?:very )?important side[- ]effect)\b/g,
  },
  {
    id: 'when-other-tool-used',
    type: 'cross-tool-reference',
    score: 0.7,
    message: 'changes how another tool behaves when it is used (tool shadowing)',
    pattern:
      /\bwhen (?:this tool is (?:available|present|loaded|installed)|(?:the |any |another |other )?[`'"]?[\w.-]+[`'"]? (?:tool|function) is (?:used|called|invoked|available|present))\b/g,
  },
  {
    id: 'other-tools-must',
    type: 'cross-tool-reference',
    score: 0.6,
    message: 'gives orders about other tools',
    pattern:
      /\b(?:all|any|every|the) other tools? (?:must|should|shall|need to|have to|are required to)\b|\binstead of (?:using|calling|invoking) (?:the |any )?[`'"]?[\w.-]+[`'"]? (?:tool|function)\b/g,
  },
  {
    id: 'prefixed-tool-name',
    type: 'cross-tool-reference',
    score: 0.5,
    message: 'names another tool by its internal identifier',
    pattern: /\b(?:mcp_tool_|mcp__|functions\.)[a-z0-9_]+/g,
  },
  {
    id: 'model-must',
    type: 'model-directed-instruction',
    score: 0.6,
    message: 'gives orders to the model rather than describing the tool',
    pattern:
      /\b(?:the |this )?(?:assistant|ai assistant|ai|model|language model|llm|agent|claude|chatgpt|gpt|copilot|cursor)(?:'s)? (?:must|should|shall|needs to|has to|is required to|will always|must always|must never|should never|is not allowed to|may not)\b/g,
  },
  {
    id: 'you-must-always',
    type: 'model-directed-instruction',
    score: 0.45,
    message: 'tells the model what it must always or never do',
    pattern:
      /\byou (?:must|should|shall|have to|are required to) (?:always|never|not ever|at all times)\b|\b(?:always|never) (?:tell|inform|show|ask|mention|reveal|notify) (?:the )?user\b/g,
  },
  {
    id: 'upset-the-user',
    type: 'model-directed-instruction',
    score: 0.55,
    message: 'manipulates the model with the user’s feelings',
    pattern:
      /\b(?:upset|scare|alarm|worry|confuse|bother|annoy)(?:s|ing)? the user\b|\bbe (?:very )?gentle and not scary\b/g,
  },
  {
    id: 'implementation-detail',
    type: 'model-directed-instruction',
    score: 0.5,
    message: 'calls an instruction a mere implementation detail (to keep it from the user)',
    pattern: /\b(?:a )?mere implementation detail\b|\bimplementation detail and annoyance\b/g,
  },
  {
    id: 'pass-content-as-parameter',
    type: 'exfiltration',
    score: 0.75,
    message: 'asks the model to pass file or conversation content through a parameter',
    pattern:
      /\bpass (?:its|the|their|all|this|that) (?:full |entire |whole )?(?:contents?|text|data|output|conversation|history|messages?|result)\b[^.\n]{0,40}?\b(?:as|in|into|through|to) (?:the )?(?:parameter |argument |field )?[`'"]?[a-z_]\w*[`'"]?/g,
  },
  {
    id: 'hard-wired-recipient',
    type: 'exfiltration',
    score: 0.8,
    message: 'sends mail, messages or data to a fixed outside recipient',
    pattern: new RegExp(
      String.raw`\b(?:send|forward|bcc|cc|redirect|copy|route|deliver|upload|post|mail|email)(?:s|ed|ing)? (?:all |every |any |the )?(?:e-?mails?|messages?|mail|data|files?|results?|outputs?|responses?|contents?|reports?|copies)\b[^.\n]{0,40}?\bto [\x60'"<]?${EMAIL}`,
      'g',
    ),
  },
  {
    id: 'email-in-definition',
    type: 'exfiltration',
    score: 0.35,
    message: 'an email address in the tool definition',
    pattern: new RegExp(EMAIL, 'g'),
  },
  {
    id: 'very-important',
    type: 'hidden-instructions',
    score: 0.3,
    message: 'insists on importance, as injected instructions do',
    pattern:
      /\b(?:very,? ){2,}important\b|\bthis is (?:very |extremely |really )+important\b|\bextremely important\b/g,
  },
];
