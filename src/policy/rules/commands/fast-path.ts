import { plainWord, QUOTED, type ShellWord } from './shell-word.js';
import type { CommandLine, SimpleCommand, StdinSource } from './simple-command.js';

// Characters with no meaning to bash outside command position: no quoting, expansion, globbing,
// operators, comments or history.
const PLAIN_LINE = /^[A-Za-z0-9_./=:,@%+\- \t]*$/;
const BLANKS = /[ \t]+/;
// `~` too: literal inside a word (`HEAD~1`); where bash would expand it (a word's start, after `=` or
// `:` in an assignment-like word), the tilde rule refuses it on both paths.
const PLAIN_CHAR = /[A-Za-z0-9_./=:,@%+~-]/;
// Inside '…' every character is literal; inside "…" all but $ ` \ " (and ! for interactive shells)
// are. Printable ASCII only: anything else goes to the full parser.
const SINGLE_QUOTED_BODY = /^[\x20-\x26\x28-\x7e]*$/;
const DOUBLE_QUOTED_BODY = /^[\x20\x23\x25-\x5b\x5d-\x5f\x61-\x7e]*$/;

/**
 * Split a command line without tree-sitter when it is written in a small regular subset of bash:
 * words of plain characters and '…' / "…" strings without expansions, joined by `|`, `||`, `&&`
 * and `;`. Anything else (redirections, `&`, `$`, globs, newlines, empty commands, …) returns
 * undefined and goes to the full parser. A property test checks both paths decide alike.
 *
 * A leading `NAME=value` word is an assignment to bash; it is kept as a word here and refused by
 * the command-name rule, exactly as the parsed path refuses the assignment.
 *
 * @example
 * fastPathCommands('git log -n 5')                 // one command: git log -n 5
 * fastPathCommands("git log --format='%h %s' | cat") // two commands, the second reading a pipe
 * fastPathCommands('ls > out.txt')                 // undefined
 */
export function fastPathCommands(command: string): CommandLine | undefined {
  if (PLAIN_LINE.test(command) && !command.includes('==')) {
    const words = command.split(BLANKS).filter((w) => w !== '');
    if (words.length === 0) return undefined;
    return {
      commands: [{ argv: words.map(plainWord), redirects: [], stdin: 'inherit' }],
      groupRedirects: [],
    };
  }
  return tokenize(command);
}

function tokenize(command: string): CommandLine | undefined {
  // tree-sitter reads `==` as a test operator even outside `[[ ]]`; leave such lines to it.
  if (command.includes('==')) return undefined;
  const commands: SimpleCommand[] = [];
  let argv: ShellWord[] = [];
  let stdin: StdinSource = 'inherit';
  // Bash binds `|` tighter than `&&`/`||` (`a | b || c` does not pipe into c), but tree-sitter's
  // tree sometimes nests the list inside the pipeline, and its walk then sees c reading the pipe.
  // The fast path takes the stricter reading for every command after a pipe, up to `;`: more
  // interpreters refused, never fewer.
  let piped = false;
  let i = 0;
  const n = command.length;
  while (i < n) {
    const c = command[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    let op: string | undefined;
    if (c === '|') op = command[i + 1] === '|' ? '||' : command[i + 1] === '&' ? undefined : '|';
    else if (c === '&') op = command[i + 1] === '&' ? '&&' : undefined;
    else if (c === ';') op = command[i + 1] === ';' || command[i + 1] === '&' ? undefined : ';';
    if (op !== undefined) {
      if (argv.length === 0) return undefined; // `| x`, `a && && b`: let the parser report it
      commands.push({ argv, redirects: [], stdin });
      argv = [];
      if (op === '|') piped = true;
      else if (op === ';') piped = false;
      stdin = piped ? 'pipe' : 'inherit';
      i += op.length;
      continue;
    }
    let raw = '';
    let value = '';
    let active = '';
    while (i < n) {
      const d = command[i]!;
      if (PLAIN_CHAR.test(d)) {
        raw += d;
        value += d;
        active += d;
        i++;
      } else if (d === "'" || d === '"') {
        const close = command.indexOf(d, i + 1);
        if (close < 0) return undefined;
        const body = command.slice(i + 1, close);
        if (!(d === "'" ? SINGLE_QUOTED_BODY : DOUBLE_QUOTED_BODY).test(body)) return undefined;
        raw += command.slice(i, close + 1);
        value += body;
        active += QUOTED.repeat(body.length);
        i = close + 1;
      } else if (d === ' ' || d === '\t' || d === '|' || d === '&' || d === ';') {
        break;
      } else {
        return undefined;
      }
    }
    if (raw === '') return undefined;
    argv.push({ raw, value, active });
  }
  if (argv.length === 0) return undefined; // empty line or a trailing operator
  commands.push({ argv, redirects: [], stdin });
  return { commands, groupRedirects: [] };
}
