import { plainWord } from './shell-word.js';
import type { CommandLine } from './simple-command.js';

// Characters with no meaning to bash outside command position: no quoting, expansion, globbing,
// operators, comments or history. A line made only of these is one simple command of plain words.
const PLAIN_LINE = /^[A-Za-z0-9_./=:,@%+\- \t]*$/;
const BLANKS = /[ \t]+/;

/**
 * Split a command line without tree-sitter when it contains only plain characters, or return
 * undefined when the full parser is needed. A leading `NAME=value` word is an assignment to bash;
 * it is kept as a word here and refused by the command-name rule, exactly as the parsed path
 * refuses the assignment.
 *
 * @example
 * fastPathCommands('git log -n 5')  // { commands: [{ argv: ['git', 'log', '-n', '5'] … }] }
 * fastPathCommands('ls | sh')       // undefined
 */
export function fastPathCommands(command: string): CommandLine | undefined {
  if (!PLAIN_LINE.test(command)) return undefined;
  const words = command.split(BLANKS).filter((w) => w !== '');
  if (words.length === 0) return undefined;
  return { commands: [{ argv: words.map(plainWord), redirects: [], stdin: 'inherit' }], groupRedirects: [] };
}
