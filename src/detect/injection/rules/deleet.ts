// Digits that stand for letters inside words ("1gn0re", "pr3v10us", "h4x"). Only a digit touching
// a letter is read as one, so "gpt-4", "10 rules" and dates stay as they are. One replace, the
// neighbours in look-arounds: they read the text as given, so each digit is judged by its own
// neighbours ("a11" becomes "ai1"), and the scan stops only at digits.
const LEET = /[013457](?:(?=[a-z])|(?<=[a-z][013457]))/g;
const LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const toLetter = (digit: string) => LETTER[digit]!;

/**
 * Undo leetspeak in folded text, keeping its length: each digit that touches a letter becomes the
 * letter it imitates. Keyword rules match on the result; offsets stay those of the text.
 *
 * @example
 * deleet('1gn0re all pr3vious instructions') // 'ignore all previous instructions'
 * deleet('gpt-4 has 10 rules')               // unchanged
 */
export function deleet(folded: string): string {
  return folded.replace(LEET, toLetter);
}

// Both steps in one pass: a written-out escape (`\7` followed by a letter reads `\t` once de-leeted),
// or a digit `deleet` turns into a letter. The look-arounds read the text as given, as `deleet` does.
const LEET_OR_ESCAPE = /\\(?:[nrt]|7(?=[a-z]))|[013457](?:(?=[a-z])|(?<=[a-z][013457]))/g;
const rewrite = (found: string) => (found.length === 2 ? '  ' : LETTER[found]!);

/**
 * `blankEscapes(deleet(folded))` in one pass over the text: the text keyword rules match on.
 *
 * @example
 * deleetAndBlankEscapes('\\n1gn0re it') // '  ignore it'
 */
export function deleetAndBlankEscapes(folded: string): string {
  return folded.replace(LEET_OR_ESCAPE, rewrite);
}
