import { foldCodeUnit } from '../../normalize/fold-confusables.js';

// Classes are spelled out rather than written with \p{L}, and as few ranges as will do: V8
// compiles every rule to machine code, and property classes make that code large and slow to build.
/**
 * One character of a word (in folded text): a letter or digit of any script.
 *
 * @example
 * new RegExp(`^${LETTER}+$`).test('hälfte') // true
 */
export const LETTER = String.raw`[a-z0-9\u00c0-\u1fff\u2070-\u2fff\u3040-\uffff]`;
/** One separator character inside a sentence: anything but a letter, a digit, `.`, `!`, `?`, `。`. */
const SEP_CHAR = String.raw`[^a-z0-9\u00c0-\u1fff\u2070-\u2fff\u3040-\uffff.!?\u3002]`;
/**
 * A short run of separators between two words of a phrase: spaces, punctuation, a line break.
 *
 * @example
 * new RegExp(`^do${SP}not$`).test('do -- not') // true
 */
export const SP = `${SEP_CHAR}{1,10}`;
/** One filler word; dots, `@` and apostrophes inside it too ("lily.white@gmail.com", "you've"). */
const WORD = `${LETTER}+(?:[.@'’]${LETTER}+)*`;

/**
 * Up to `n` filler words between two parts of a phrase, separators included on both sides
 * (`ignore${gap(3)}instructions` matches "ignore all of the instructions"). Bounded, and words
 * and separators are disjoint classes, so it cannot backtrack catastrophically.
 *
 * @example
 * new RegExp(`ignore${gap(2)}rules`, 'u').test('ignore all the rules') // true
 */
export function gap(n: number): string {
  return `(?:${SP}${WORD}){0,${n}}${SP}`;
}

/**
 * A non-capturing group of alternatives.
 *
 * @example
 * alt(['a', 'b']) // '(?:a|b)'
 */
export function alt(parts: readonly string[]): string {
  return `(?:${parts.join('|')})`;
}

/**
 * Escape a literal for use in a regular expression.
 *
 * @example
 * escapeLiteral('<|') // '<\\|'
 */
export function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`);
}

/**
 * Prepare a rule pattern written in lower case for matching on folded text: NFKC, then fold every
 * non-ASCII literal exactly as `normalizeText` folds text (so a Russian pattern written in
 * Cyrillic still matches once look-alike letters became Latin), make Indic nukta signs optional
 * (NFKC splits precomposed nukta letters) and let a zero-width non-joiner (removed from text by
 * normalization) be a space or nothing. A space outside a character class means `SP` (`' ?'`: an
 * optional one); `\p{L}` means `LETTER`.
 *
 * @example
 * foldPattern('игнорируй') // 'игhopиpyй', as normalizeText folds it
 */
export function foldPattern(source: string): string {
  const nfkc = /[^\x00-\x7f]/.test(source) ? source.normalize('NFKC') : source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < nfkc.length; i++) {
    const ch = nfkc[i]!;
    const code = nfkc.charCodeAt(i);
    if (ch === '\\') {
      if (nfkc.startsWith('\\p{L}', i)) {
        if (inClass) throw new Error(`pattern: \\p{L} inside a class in ${source}`);
        out += LETTER;
        i += 4;
        continue;
      }
      out += ch + (nfkc[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += code < 0x80 ? ch : foldVariants(ch).join('');
      continue;
    }
    if (ch === '[') inClass = true;
    if (ch === ' ') {
      const next = nfkc[i + 1];
      if (next === '*' || next === '+' || next === '{')
        throw new Error(`pattern: quantified space in ${source}`);
      // "a ?b": the separator itself is optional.
      out += next === '?' ? `(?:${SP})` : SP;
    } else if (code === 0x200c) out += String.raw`\s?`;
    else if (code === 0x093c || code === 0x09bc) out += `${ch}?`;
    else if (code < 0x80) out += ch;
    else {
      const variants = foldVariants(ch);
      out += variants.length === 1 ? variants[0]! : `[${variants.join('')}]`;
    }
  }
  return out;
}

/**
 * How a letter can look once `normalizeText` has folded it, in either case: folding maps some
 * capitals and small letters differently (Greek `Η` becomes `h`, `η` becomes `n`).
 */
function foldVariants(ch: string): string[] {
  const found = new Set([foldCodeUnit(ch.charCodeAt(0))]);
  for (const other of [ch.toUpperCase(), ch.toLowerCase()]) {
    if (other.length === 1) found.add(foldCodeUnit(other.charCodeAt(0)));
  }
  return [...found];
}

/**
 * Fold a literal the way `foldPattern` folds pattern text, for the engine's anchor index: every
 * spelling it may take in folded text (several where capitals fold unlike small letters; at most
 * 16). Stops before a nukta sign or a zero-width non-joiner, which patterns treat as optional.
 *
 * @example
 * foldLiteral('Игнор') // ['игhop']
 */
export function foldLiteral(literal: string): string[] {
  const nfkc = literal.normalize('NFKC');
  let spellings = [''];
  for (let i = 0; i < nfkc.length; i++) {
    const code = nfkc.charCodeAt(i);
    if (code === 0x093c || code === 0x09bc || code === 0x200c) break;
    const variants = code < 0x80 ? [foldCodeUnit(code)] : foldVariants(nfkc[i]!);
    if (spellings.length * variants.length > 16) break;
    spellings = spellings.flatMap((prefix) => variants.map((v) => prefix + v));
  }
  return spellings;
}

/**
 * The literal text every match of `head` starts with, for the engine's anchor index: characters
 * up to the first pattern syntax (less one made optional by a quantifier), continued over spaces
 * until it holds six letters, so that "do not" or "a partir" index on more than a short word.
 * `''` when there is none.
 *
 * @example
 * literalPrefix('ignor(?:e|ing)')    // 'ignor'
 * literalPrefix("don'?t")            // 'don'
 * literalPrefix('<\\|')              // '<|'
 * literalPrefix('do not (?:follow)') // 'do not'
 */
export function literalPrefix(head: string): string {
  let out = '';
  for (let i = 0; i < head.length; i++) {
    const ch = head[i]!;
    if (ch === '\\') {
      const next = head[i + 1];
      if (next === undefined || /[a-z0-9]/i.test(next)) break;
      const after = head[i + 2];
      if (after !== undefined && '?*{'.includes(after)) break;
      out += next;
      i++;
      continue;
    }
    if ('?*{'.includes(ch)) {
      out = out.slice(0, -1);
      break;
    }
    if ('()[]|+.^$'.includes(ch)) break;
    out += ch;
  }
  const words = out.split(' ');
  let kept = words[0] ?? '';
  for (let w = 1; w < words.length && words[w] !== '' && kept.replace(/ /g, '').length < 6; w++) {
    kept += ` ${words[w]}`;
  }
  return kept;
}

/**
 * Split a head at its groups of alternatives (those that are not optional) into one head per
 * alternative, until each starts with a literal of six letters: `(?:sag|teile) nicht` → `sag
 * nicht`, `teile nicht`; `ha(?:z|ga) caso` → `haz caso`, `haga caso`. Equivalent as a pattern;
 * makes at most `budget` heads.
 *
 * @example
 * expandHead('(?:sag|teile)(?: es)? nicht') // ['sag(?: es)? nicht', 'teile(?: es)? nicht']
 */
export function expandHead(head: string, budget = 64): string[] {
  if (literalPrefix(head).replace(/ /g, '').length >= 6) return [head];
  const parts = splitFirstGroup(head);
  if (parts === undefined || parts.length > budget) return [head];
  const share = Math.max(1, Math.floor(budget / parts.length));
  return parts.flatMap((part) => expandHead(part, share));
}

/** The head once per alternative of its first group, or undefined when that cannot be done. */
function splitFirstGroup(head: string): string[] | undefined {
  let depth = 0;
  let inClass = false;
  let open = -1;
  let close = -1;
  const cuts: number[] = [];
  for (let i = 0; i < head.length; i++) {
    const ch = head[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') {
      if (depth === 0) {
        if (!head.startsWith('(?:', i)) return undefined;
        open = i;
      }
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (ch === '|' && depth === 1) cuts.push(i);
    else if (depth === 0 && (ch === '|' || ch === '?' || ch === '*' || ch === '+' || ch === '{'))
      return undefined;
  }
  if (open < 0 || close < 0) return undefined;
  const after = head.slice(close + 1);
  if (/^[?*+{]/.test(after)) return undefined;
  const before = head.slice(0, open);
  const parts: string[] = [];
  let from = open + 3;
  for (const cut of [...cuts, close]) {
    parts.push(head.slice(from, cut));
    from = cut + 1;
  }
  return parts.map((part) => before + part + after);
}
