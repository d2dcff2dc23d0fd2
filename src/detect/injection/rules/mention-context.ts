// Words that introduce a phrase as an example or a subject rather than an instruction:
// "attacks such as 'ignore previous instructions'", "detects phrases like …".
const DISCUSSION =
  /\b(?:such as|like|e\.g\.?|eg|i\.e\.|for example|for instance|known as|called|phrases?|strings?|sentences?|attacks?|(?<![.@/\w-])examples?(?![.\w])|detect[a-z]*|flag[a-z]*|block[a-z]*|classif[a-z]*|patterns?|regex[a-z]*|keywords?|test cases?|payloads?|jailbreak prompts?|injections?|typical|common(?:ly)?|says?|said|wrote|writes|reads)\b[^.!?\n]{0,40}$/;
const OPEN_QUOTES = new Set(['"', "'", '“', '‘', '`', '«', '„', '「', '『']);
const CLOSING_QUOTE = /^[\s.,!?…]{0,3}["'”’`»“」』]/u;

/**
 * How much to trust a rule match given how the text frames it: 1 for a plain instruction, less
 * when the phrase is quoted on its own or introduced as an example ("phrases like …"), as in
 * documentation and articles about prompt injection.
 *
 * @example
 * mentionFactor('attacks like "ignore previous instructions" are common', 14, 42) // 0.36
 */
export function mentionFactor(folded: string, start: number, end: number): number {
  let factor = 1;
  let i = start - 1;
  while (i >= 0 && folded[i] === ' ') i--;
  if (i >= 0 && OPEN_QUOTES.has(folded[i]!) && CLOSING_QUOTE.test(folded.slice(end, end + 4))) factor *= 0.6;
  if (DISCUSSION.test(folded.slice(Math.max(0, start - 60), start))) factor *= 0.6;
  return factor;
}
