import type { ArgEnv, OptionSpec, ParsedArgs, ProgramSpec } from './program-spec.js';
import type { ShellWord } from './shell-word.js';

// Interpreters run whatever program text they are handed. Allowing `python3` allows running a
// script file (which the file scopes check); these tables refuse the other ways in: code given inline
// (`-c`, `-e`) and code read from a pipe or here-document (`curl … | sh`).

const code = (...names: string[]): OptionSpec => ({ names, value: 'required', role: 'code' });
const flags = (...names: string[]): OptionSpec => ({ names, role: 'flag' });
const value = (role: OptionSpec['role'], ...names: string[]): OptionSpec => ({
  names,
  value: 'required',
  role,
});
const stdinCode = (...names: string[]): OptionSpec => ({ names, role: 'stdin-code' });
const shortFlags = (letters: string): OptionSpec[] => [...letters].map((c) => flags(`-${c}`));

/** First positional is the script (read-checked); the rest are its arguments. */
function scriptThenArgs(i: number): 'read' | 'auto' {
  return i === 0 ? 'read' : 'auto';
}

const SHELL: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-c'),
    stdinCode('-s', '-i'),
    value('text', '-o', '-O'),
    value('read', '--rcfile', '--init-file'),
    ...shortFlags('abefhklmnprtuvxBCEHPTDdgqwyFGIMNRSUVXZ'),
    flags('--norc', '--noprofile', '--login', '--posix', '--restricted', '--verbose', '--version', '--help'),
    flags('--noediting', '--debugger', '--dump-strings', '--dump-po-strings', '--pretty-print', '--no-rcs'),
  ],
};

const FISH: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-c', '--command', '-C', '--init-command'),
    stdinCode('-i', '--interactive'),
    value('write', '-p', '--profile', '-o', '--debug-output'),
    value('text', '-d', '--debug', '-f', '--features'),
    flags('-l', '--login', '-n', '--no-execute', '-N', '--no-config', '-P', '--private', '-v', '--version'),
    flags('-h', '--help', '--print-rusage-self', '--print-debug-categories'),
  ],
};

const CSH: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [code('-c'), stdinCode('-s', '-i'), ...shortFlags('bdefFlmnqtvVxX')],
};

const PYTHON: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-c'),
    stdinCode('-i'),
    { names: ['-m'], value: 'required', role: pythonModule, endsOptions: true },
    value('text', '-W', '-X', '-Q', '--check-hash-based-pycs'),
    ...shortFlags('bBdEhIOqsSuvVxR3tP'),
    flags('--help', '--version', '--help-env', '--help-xoptions', '--help-all'),
  ],
};

const NODE: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  positional: scriptThenArgs,
  options: [
    code('-e', '--eval', '-p', '--print'),
    stdinCode('-i', '--interactive'),
    value('read', '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file'),
    value('read', '--env-file-if-exists', '--experimental-policy', '--snapshot-blob', '--openssl-config'),
    value('text', '-C', '--conditions', '--input-type', '--title', '--icu-data-dir', '--inspect-port'),
    value('text', '--disable-warning', '--test-reporter', '--test-name-pattern', '--test-skip-pattern'),
    value('text', '--test-concurrency', '--test-shard', '--test-timeout', '--unhandled-rejections'),
    value('text', '--dns-result-order', '--run', '--watch-path', '--secure-heap', '--secure-heap-min'),
    value('write', '--redirect-warnings', '--report-dir', '--report-directory', '--diagnostic-dir'),
    value('write', '--cpu-prof-dir', '--heap-prof-dir', '--test-reporter-destination', '--localstorage-file'),
    flags('-c', '--check', '-v', '--version', '-h', '--help', '--test', '--watch'),
  ],
};

const DENO_SUBCOMMAND: ProgramSpec = { options: [code('--eval', '--eval-file')] };

const DENO: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  options: [code('--eval', '--eval-file')],
  subcommands: (name) => (name === 'eval' ? { check: denyEval('deno eval') } : DENO_SUBCOMMAND),
};

const BUN: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  options: [code('-e', '--eval', '-p', '--print')],
};

const PERL: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-e', '-E'),
    { names: ['-M', '-m'], value: 'required', role: perlModule },
    { names: ['-l'], value: 'attached', attachedChars: /^[0-7]*/, role: 'flag' },
    { names: ['-0'], value: 'attached', attachedChars: /^(?:[xX][0-9a-fA-F]*|[0-7]*)/, role: 'flag' },
    { names: ['-C'], value: 'attached', attachedChars: /^[0-9IOEioASLDa]*/, role: 'flag' },
    { names: ['-d'], value: 'attached', attachedChars: /^t?(?::.*)?/, role: 'flag' },
    { names: ['-i', '-x', '-D'], value: 'attached', role: 'flag' },
    { names: ['-F'], value: 'attached', role: 'text' },
    value('read', '-I'),
    ...shortFlags('acnpsStTuUvVwWXh'),
  ],
};

// Modules whose command line is code (`python -m timeit 'stmt'`) or that read code from stdin.
const PYTHON_CODE_MODULES = new Set([
  'code',
  'pdb',
  'timeit',
  'asyncio',
  'idlelib',
  'IPython',
  'ptpython',
  'bpython',
]);

function pythonModule(value: ShellWord, env: ArgEnv, option: string): void {
  if (PYTHON_CODE_MODULES.has(value.value.split('.')[0] ?? '')) {
    env.deny(
      'inline-code',
      `${env.program} ${option} ${value.value} runs code given on the command line or stdin`,
    );
  }
}

// `-MFoo=bar` becomes `use Foo split(/,/,q{bar})`; anything else in it (`;`, spaces) is code.
function perlModule(value: ShellWord, env: ArgEnv, option: string): void {
  if (!/^-?[A-Za-z0-9_:]+(?:=[A-Za-z0-9_:,.-]*)?$/.test(value.value)) {
    env.deny('inline-code', `${env.program} ${option}${value.value} injects code through a module name`);
  }
}

const RUBY: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-e'),
    value('text', '-r', '-E', '--encoding', '-K'),
    value('read', '-I', '-C'),
    { names: ['-F'], value: 'attached', role: 'text' },
    { names: ['-i', '-x'], value: 'attached', role: 'flag' },
    { names: ['-0'], value: 'attached', attachedChars: /^[0-7]*/, role: 'flag' },
    { names: ['-T'], value: 'attached', attachedChars: /^[0-9]*/, role: 'flag' },
    { names: ['-W'], value: 'attached', attachedChars: /^(?:[0-2]|:[a-z-]+)*/, role: 'flag' },
    ...shortFlags('acdhlnpsSvwyU'),
    flags('--jit', '--yjit', '--verbose', '--version', '--copyright', '--help', '--disable-gems'),
    {
      names: ['--enable', '--disable', '--dump', '--backtrace-limit', '--crash-report'],
      value: 'attached',
      role: 'text',
    },
  ],
};

const PHP: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-r', '-R', '-B', '-E'),
    stdinCode('-a'),
    {
      names: ['-d'],
      value: 'required',
      role: 'deny',
      why: 'ini settings can prepend code (auto_prepend_file)',
    },
    { names: ['-z'], value: 'required', role: 'deny', why: 'loads a native extension' },
    value('read', '-c', '-f', '-t', '-F'),
    value('text', '-S', '--rf', '--rc', '--re', '--rz', '--ri'),
    ...shortFlags('hilmnqsvwHe'),
    flags('--ini', '--help', '--version'),
  ],
};

const LUA: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-e'),
    stdinCode('-i'),
    value('text', '-l', '-j'),
    { names: ['-b'], role: 'deny', why: 'writes bytecode files' },
    { names: ['-O'], value: 'attached', role: 'flag' },
    ...shortFlags('vEW'),
  ],
};

const TCL: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [
    code('-c'),
    value('read', '-f', '-b'),
    stdinCode('-i'),
    ...shortFlags('dDnNv'),
    value('text', '-encoding'),
  ],
};

const RSCRIPT: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  positional: scriptThenArgs,
  options: [code('-e', '--expr'), value('read', '-f', '--file'), flags('--args')],
};

const OSASCRIPT: ProgramSpec = {
  interpreter: true,
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  positional: scriptThenArgs,
  options: [code('-e'), stdinCode('-i'), value('text', '-l', '-s')],
};

// PowerShell parameters are case-insensitive and accept any unambiguous prefix: -c, -com, -Command,
// -e, -ec, -EncodedCommand, -CommandWithArgs, -cwa, with `-` or `/`, and `:value` attached.
const PWSH_CODE_NAMES = ['command', 'commandwithargs', 'encodedcommand', 'ec', 'cwa'];

function isPwshCode(arg: string): boolean {
  const m = /^[-/]([A-Za-z]+)(?::.*)?$/.exec(arg);
  const name = m?.[1]?.toLowerCase();
  return name !== undefined && PWSH_CODE_NAMES.some((full) => full.startsWith(name));
}

const PWSH: ProgramSpec = {
  interpreter: true,
  check: (args, env) => {
    for (const a of args) {
      if (isPwshCode(a.value)) {
        env.deny('inline-code', `${env.program} ${a.value} runs code given on the command line`);
      }
    }
    const script = args.find((a) => !a.value.startsWith('-'));
    if (env.stdin !== 'inherit' && (!script || STDIN_PATH.test(script.value))) stdinDenied(env);
    else if (script) env.path(script, 'read', `${env.program} script`, true);
  },
};

function denyEval(what: string): ProgramSpec['check'] {
  return (_args, env) => env.deny('inline-code', `${what} runs code given on the command line`);
}

/** The refusal for an interpreter reading its program from a pipe or here-document. */
export function stdinDenied(env: ArgEnv): void {
  env.deny(
    'interpreter-stdin',
    `${env.program} would run code from ${env.stdin === 'pipe' ? 'a pipe' : 'a here-document'} (as in curl … | sh); run a checked script file instead`,
  );
}

// Script names that are the program's stdin or another inherited descriptor.
const STDIN_PATH = /^(?:-|\/dev\/stdin|\/dev\/fd\/\d+|\/proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;

/**
 * Whether an interpreter, given these arguments, takes its program from stdin: no script and no
 * inline code, a script of `-`, `/dev/stdin` or `/dev/fd/N`, or an option that makes it read stdin.
 */
export function readsProgramFromStdin(args: ParsedArgs): boolean {
  if (args.options.some((o) => o.spec.role === 'stdin-code')) return true;
  if (args.options.some((o) => o.spec.role === 'code' || o.spec.endsOptions)) return false;
  const script = args.positionals[0]?.value;
  return script === undefined || STDIN_PATH.test(script);
}

const AWK_NAMES = ['awk', 'gawk', 'mawk', 'nawk', 'original-awk', 'onetrue-awk'];

/** Interpreter specs by program name (python versions such as `python3.12` map to python). */
export const INTERPRETERS: ReadonlyMap<string, ProgramSpec> = new Map<string, ProgramSpec>([
  ...[
    'sh',
    'bash',
    'dash',
    'zsh',
    'ksh',
    'mksh',
    'pdksh',
    'ash',
    'yash',
    'posh',
    'rbash',
    'lksh',
    'oksh',
  ].map((n) => [n, SHELL] as const),
  ['fish', FISH],
  ...['csh', 'tcsh'].map((n) => [n, CSH] as const),
  ...['python', 'python2', 'python3', 'pypy', 'pypy3'].map((n) => [n, PYTHON] as const),
  ...['node', 'nodejs'].map((n) => [n, NODE] as const),
  ['deno', DENO],
  ['bun', BUN],
  ['perl', PERL],
  ['ruby', RUBY],
  ['php', PHP],
  ...['lua', 'luajit', 'lua5.1', 'lua5.2', 'lua5.3', 'lua5.4'].map((n) => [n, LUA] as const),
  ...['tclsh', 'wish', 'expect'].map((n) => [n, TCL] as const),
  ...['Rscript', 'R'].map((n) => [n, RSCRIPT] as const),
  ...['pwsh', 'powershell', 'pwsh-preview'].map((n) => [n, PWSH] as const),
  ['osascript', OSASCRIPT],
]);

const BY_LOWER_NAME = new Map([...INTERPRETERS].map(([name, spec]) => [name.toLowerCase(), spec]));

/**
 * The interpreter spec for a program name, if it is one. Versioned names map to their family
 * (`python3.12`, `lua5.4`), and case is ignored (`Bash` runs bash on a case-insensitive filesystem).
 */
export function interpreterSpec(name: string): ProgramSpec | undefined {
  const lower = name.toLowerCase();
  return BY_LOWER_NAME.get(lower) ?? BY_LOWER_NAME.get(lower.replace(/[0-9.]+$/, ''));
}

export { AWK_NAMES };
