// Cheap statistics that tell a machine-generated secret from a word, a placeholder or a pattern.
import { isDigit } from './char-codes.js';

/**
 * Shannon entropy of the characters of `s`, in bits per character.
 *
 * @example
 * shannonEntropy('aaaa') // 0
 * shannonEntropy('abcd') // 2
 */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Which of lower-case, upper-case, digit and other characters occur in `s` (0..4).
 *
 * @example
 * characterClasses('aB3!') // 4
 */
export function characterClasses(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) lower = 1;
    else if (c >= 0x41 && c <= 0x5a) upper = 1;
    else if (isDigit(c)) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/**
 * Length of the longest run of one repeated character (`aaaa` → 4).
 *
 * @example
 * longestRepeat('abbbc') // 3
 */
export function longestRepeat(s: string): number {
  let best = s.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Share of `s` taken by its most frequent character (0..1).
 *
 * @example
 * dominantShare('aaab') // 0.75
 */
export function dominantShare(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const n = (counts.get(c) ?? 0) + 1;
    counts.set(c, n);
    if (n > max) max = n;
  }
  return max / s.length;
}

/**
 * Length of the longest run of consecutive code points going up or down by one, ignoring case
 * (`abcdef`, `123456`, `aBcDeF`): keyboard and alphabet fillers, not random output.
 *
 * @example
 * longestSequence('xabcdy') // 4
 */
export function longestSequence(s: string): number {
  let best = s.length > 0 ? 1 : 0;
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const a = fold(s.charCodeAt(i - 1));
    const b = fold(s.charCodeAt(i));
    up = b === a + 1 ? up + 1 : 1;
    down = b === a - 1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * Share of adjacent letter pairs that switch case (`aBcD` → 1, `HelloWorld` → 0.11). Random
 * mixed-case strings switch about half the time; identifiers switch at word boundaries only.
 *
 * @example
 * caseSwitchRate('aBcD') // 1
 */
export function caseSwitchRate(s: string): number {
  let pairs = 0;
  let switches = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    const la = a >= 0x61 && a <= 0x7a;
    const ua = a >= 0x41 && a <= 0x5a;
    const lb = b >= 0x61 && b <= 0x7a;
    const ub = b >= 0x41 && b <= 0x5a;
    if (!(la || ua) || !(lb || ub)) continue;
    pairs++;
    if (la !== lb) switches++;
  }
  return pairs === 0 ? 0 : switches / pairs;
}
