import type { FileAccess } from '../file-scope.js';
import type { ShellWord } from './shell-word.js';
import type { StdinSource } from './simple-command.js';

/** What an argument (an option's value, or a positional word) means to the program. */
export type ArgRole =
  /** An option without meaning for the policy. */
  | 'flag'
  /** Not a path: a pattern, a number, a message. */
  | 'text'
  /** A file the program reads / writes: checked against files.read / files.write. */
  | 'read'
  | 'write'
  /** A word that may or may not be a file: checked as a read when it could name one. */
  | 'auto'
  /** A URL: only its scheme is checked (`file:` is refused); the network scope is another rule's job. */
  | 'url'
  /** A directory the program works in (`git -C`, `tar -C`): write-checked, and later paths resolve there too. */
  | 'cwd'
  /** Refused whatever its value. */
  | 'deny'
  /** Code to run, given inline (`bash -c`, `python -c`): refused even when the interpreter is allowed. */
  | 'code'
  /** Makes an interpreter read code from stdin (`python -i`, `bash -s`). */
  | 'stdin-code'
  /** A custom check of the value. */
  | ValueCheck;

export type ValueCheck = (value: ShellWord, env: ArgEnv, option: string) => void;

export interface OptionSpec {
  /**
   * Spellings. `-x`: a short option, also inside clusters (`-xvf`). `--name`: a long option, with
   * `=value` or the next word, and any prefix of it (GNU getopt and git accept unambiguous
   * abbreviations, so `--outp` must count as `--output`). `-name`: a single-dash word matched whole.
   */
  readonly names: readonly string[];
  /** `required`: attached or the next word. `attached`: only in the same word (`-i.bak`, `--color=x`). */
  readonly value?: 'required' | 'attached';
  /** For attached values limited to some characters (perl `-l0ne`: `-l` takes the octal digits only). */
  readonly attachedChars?: RegExp;
  readonly role: ArgRole;
  /** Why the option is refused, for `deny` and `code`. */
  readonly why?: string;
  /** The words after it belong to something else (`python -m module args…`). */
  readonly endsOptions?: boolean;
}

export interface ProgramSpec {
  readonly options?: readonly OptionSpec[];
  /**
   * `deny`: every option must be listed. Used where a wrong guess about an option's arity would shift
   * which word is the code or script (sed, awk, interpreters).
   */
  readonly unknownOptions?: 'flag' | 'deny';
  /** Options end at the first positional word (interpreters: later words are the script's). */
  readonly optionsStopAtPositional?: boolean;
  /** Role of positional word `i` of `n`; default `auto`. */
  readonly positional?: (i: number, n: number, args: ParsedArgs) => ArgRole;
  /** Replaces the generic parse for programs with their own syntax (find, dd, tar). */
  readonly check?: (args: readonly ShellWord[], env: ArgEnv) => void;
  /** Runs after the generic parse and role checks. */
  readonly after?: (args: ParsedArgs, env: ArgEnv) => void;
  /** Runs code: refused when it would read that code from a pipe or here-document. */
  readonly interpreter?: boolean;
  /** Sub-command specs, chosen by the first positional word (git). */
  readonly subcommands?: (name: string) => ProgramSpec | undefined;
}

export interface ParsedOption {
  readonly spec: OptionSpec;
  /** The spelling as written (`-c`, `--upl`). */
  readonly name: string;
  /** The full spelling it stands for (`-c`, `--upload-pack`); the name as written if unknown. */
  readonly canonical: string;
  readonly value?: ShellWord;
  readonly word: ShellWord;
}

export interface ParsedArgs {
  readonly options: ParsedOption[];
  readonly positionals: ShellWord[];
  /** Whether a positional came after `--` (never an option, whatever it looks like). */
  readonly afterDoubleDash: ShellWord[];
}

/** What a program spec can do while checking: refuse, and check paths against the file scopes. */
export interface ArgEnv {
  /** Name of the program being checked (for messages). */
  readonly program: string;
  /** Where the command's stdin comes from. */
  readonly stdin: StdinSource;
  deny(rule: string, message: string): void;
  /** Check a word as a path; `strict` treats it as a path whatever it looks like. */
  path(word: ShellWord, access: FileAccess, what: string, strict?: boolean): void;
  /** Like `path`, but a relative word is resolved from these directories (relative to the cwd) instead. */
  pathFrom(word: ShellWord, access: FileAccess, what: string, dirs: readonly string[]): void;
  /** Check a URL argument: `file:` is refused. */
  url(word: ShellWord, what: string): void;
  /** The program works in this directory: later relative paths are checked from there too. */
  addBase(dir: ShellWord, what: string): void;
}
