import type { ShellWord } from './shell-word.js';

/**
 * A redirection as the shell performs it. `dup` covers `2>&1`, `>&2`, `<&0` and closing (`>&-`);
 * `here` covers here-documents and here-strings (their text is data, already checked as literal).
 */
export interface Redirect {
  kind: 'read' | 'write' | 'dup' | 'here';
  operator: string;
  /** Explicit descriptor (`2>`), when given. */
  fd?: number;
  target?: ShellWord;
}

/** Where a command's standard input comes from: a pipe or here-document can feed it code. */
export type StdinSource = 'inherit' | 'pipe' | 'here';

/** One simple command, fully literal: what the shell will exec, word for word. */
export interface SimpleCommand {
  /** Empty for a bare redirection (`> file` truncates it). */
  argv: ShellWord[];
  redirects: Redirect[];
  stdin: StdinSource;
}

/** Everything a command line runs: its simple commands in source order, plus redirections on groups. */
export interface CommandLine {
  commands: SimpleCommand[];
  /** Redirections on `( … )` or `{ …; }`; they apply to every command inside. */
  groupRedirects: Redirect[];
}
