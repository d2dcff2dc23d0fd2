/** A command name the policy can reason about: a plain word, no quoting, no path, no expansion. */
export const COMMAND_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** An allowed program given by path (`./scripts/test.sh`, `/usr/bin/make`); matched exactly. */
export const COMMAND_PATH = /^(?:\.{1,2}\/|\/)?(?:[A-Za-z0-9_.+-]+\/)*[A-Za-z0-9_.+-]+$/;

/** bash keywords: as a first word they start syntax, never a program. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);

/** The last path segment of a command name: `/usr/bin/rm` → `rm`. */
export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}
