// Digits that stand for letters inside words ("1gn0re", "pr3v10us", "h4x"). Only a digit touching
// a letter is read as one, so "gpt-4", "10 rules" and dates stay as they are.
const DIGIT = /[013457]/g;
const LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

const isLower = (code: number) => code >= 0x61 && code <= 0x7a;

/**
 * Undo leetspeak in folded text, keeping its length: each digit that touches a letter becomes the
 * letter it imitates. Keyword rules match on the result; offsets stay those of the text.
 *
 * @example
 * deleet('1gn0re all pr3vious instructions') // 'ignore all previous instructions'
 * deleet('gpt-4 has 10 rules')               // unchanged
 */
export function deleet(folded: string): string {
  DIGIT.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT.exec(folded)) !== null) {
    const i = m.index;
    if (!isLower(folded.charCodeAt(i - 1)) && !isLower(folded.charCodeAt(i + 1))) continue;
    out += folded.slice(last, i) + LETTER[m[0]]!;
    last = i + 1;
  }
  return last === 0 ? folded : out + folded.slice(last);
}
