// Strings and regex literals hold no code; stripping them keeps `/a|b/` from looking like a pipe.
// A `/` starts a regex only where an operand is expected: at the start, after one of these tokens,
// or after `print`/`printf`/`return` (looked at from the end, so long programs stay linear).
const OPERAND_BEFORE = new Set(['(', ',', '!', '~', '{', '}', ';', '&', '|', '\n']);

function regexCanStart(out: string): boolean {
  let i = out.length - 1;
  while (i >= 0 && (out[i] === ' ' || out[i] === '\t')) i--;
  if (i < 0 || OPERAND_BEFORE.has(out[i]!)) return true;
  const word = /(?:return|printf|print)$/.exec(out.slice(Math.max(0, i - 5), i + 1));
  return word !== null && !/[A-Za-z0-9_]/.test(out[i - word[0].length] ?? '');
}

function stripLiterals(program: string): string {
  let out = '';
  for (let i = 0; i < program.length; i++) {
    const c = program[i]!;
    if (c === '"' || (c === '/' && regexCanStart(out))) {
      out += c === '"' ? '""' : '//';
      for (i++; i < program.length && program[i] !== c && program[i] !== '\n'; i++) {
        if (program[i] === '\\') i++;
      }
    } else if (c === '#') {
      while (i < program.length && program[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

/**
 * What in an awk program reaches outside the text it processes: `system()`, pipes to and from
 * commands (`print | "sh"`, `"cmd" | getline`), `getline` from files, output redirection to files,
 * and gawk's `@load`/`@include` and indirect calls (`@f()`). Returns the problems found.
 *
 * @example
 * analyzeAwkProgram('{ print $1 }')               // []
 * analyzeAwkProgram('BEGIN { system("id") }')     // ['system() runs a shell command']
 */
export function analyzeAwkProgram(program: string): string[] {
  const problems: string[] = [];
  // Looked for in the raw text too: a mention inside a string is cheap to refuse, a miss is not.
  if (/\bsystem\b/.test(program)) problems.push('system() runs a shell command');
  if (/\bgetline\b/.test(program)) problems.push('getline reads from commands or files');
  const code = stripLiterals(program);
  if (code.includes('@')) problems.push('"@" (gawk @load, @include, indirect calls) is not allowed');
  if (/(?:^|[^|])\|(?!\|)/.test(code)) problems.push('"|" pipes output to or input from a shell command');
  if (/\bprintf?\b[^;{}\n]*>/.test(code)) problems.push('print/printf redirected with ">" writes files');
  return problems;
}
