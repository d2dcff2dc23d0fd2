/**
 * A shell word after quote removal. `active` mirrors `value` with every quoted or escaped character
 * replaced by NUL, so globbing, brace and tilde rules only ever look at what the shell itself sees
 * unquoted. NUL cannot occur in a real word: control characters are refused before parsing.
 */
export interface ShellWord {
  /** Source text, as the agent wrote it. */
  readonly raw: string;
  /** The argument the program receives. */
  readonly value: string;
  /** `value` with quoted characters replaced by {@link QUOTED}. */
  readonly active: string;
}

export const QUOTED = '\u0000';

/** A word that needed no quoting: raw, value and active text are the same. */
export function plainWord(text: string): ShellWord {
  return { raw: text, value: text, active: text };
}

/** The part of a word from `from` on, e.g. the value of `--output=x` or `-ox`. */
export function sliceWord(word: ShellWord, from: number): ShellWord {
  return { raw: word.raw, value: word.value.slice(from), active: word.active.slice(from) };
}

/** True when the shell will expand the word as a filename pattern (`*`, `?`, `[…]` unquoted). */
export function hasGlob(word: ShellWord): boolean {
  const a = word.active;
  if (a.includes('*') || a.includes('?')) return true;
  const open = a.indexOf('[');
  return open >= 0 && a.indexOf(']', open + 1) > open;
}

/** The word as a glob pattern: quoted metacharacters are escaped with a backslash. */
export function globPattern(word: ShellWord): string {
  let out = '';
  for (let i = 0; i < word.value.length; i++) {
    const c = word.value[i]!;
    if (word.active[i] === QUOTED && '*?[]\\'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

// An identifier followed by `=`: bash tilde-expands after `=` and `:` in such words even as arguments.
const ASSIGNMENT_LIKE = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Expansions hiding in a literal word: brace expansion (`{a,b}`, `{1..3}`) turns one word into
 * several that were never checked, and tilde expansion points at a home directory.
 */
export function literalWordProblems(word: ShellWord): { rule: string; message: string }[] {
  const problems: { rule: string; message: string }[] = [];
  const a = word.active;
  const open = a.indexOf('{');
  if (open >= 0) {
    const close = a.lastIndexOf('}');
    if (close > open) {
      const inner = a.slice(open + 1, close);
      if (inner.includes(',') || inner.includes('..')) {
        problems.push({
          rule: 'brace-expansion',
          message: `brace expansion in "${word.raw}" turns one word into several; write the words out`,
        });
      }
    }
  }
  const tilde = a.startsWith('~') || (ASSIGNMENT_LIKE.test(a) && (a.includes('=~') || a.includes(':~')));
  if (tilde) {
    problems.push({
      rule: 'tilde-expansion',
      message: `"${word.raw}" expands "~" to a home directory; home is not implied, use a workspace path`,
    });
  }
  return problems;
}
