import { analyzeAwkProgram } from './awk-program.js';
import { checkArgs, hasOption, parseArgs } from './option-parser.js';
import type { ArgEnv, ArgRole, OptionSpec, ParsedArgs, ProgramSpec, ValueCheck } from './program-spec.js';
import { quote } from './reasons.js';
import { analyzeSedScript } from './sed-script.js';
import { plainWord, type ShellWord } from './shell-word.js';

// What Warden knows about the arguments of common programs: options that run commands or write
// files, and which words are files to read or write. A program missing here is still checked: its
// options are read as flags and its other words as files it may read. To extend, add an entry to
// PROGRAMS (option spellings are documented on OptionSpec).

const deny = (why: string, ...names: string[]): OptionSpec => ({ names, role: 'deny', why });
const denyValue = (why: string, ...names: string[]): OptionSpec => ({
  names,
  value: 'required',
  role: 'deny',
  why,
});
const denyAttached = (why: string, ...names: string[]): OptionSpec => ({
  names,
  value: 'attached',
  role: 'deny',
  why,
});
const value = (role: ArgRole, ...names: string[]): OptionSpec => ({ names, value: 'required', role });
const attached = (role: ArgRole, ...names: string[]): OptionSpec => ({ names, value: 'attached', role });
const flags = (...names: string[]): OptionSpec => ({ names, role: 'flag' });

const all = (role: ArgRole) => (): ArgRole => role;

// ---------------------------------------------------------------------------------------------
// git

const RUNS_COMMANDS = 'git configuration can run commands (core.pager, core.sshCommand, alias.*)';

const GIT_GLOBAL: ProgramSpec = {
  optionsStopAtPositional: true,
  unknownOptions: 'deny',
  options: [
    denyValue(RUNS_COMMANDS, '-c', '--config-env'),
    denyAttached('runs git helpers from another directory', '--exec-path'),
    value('cwd', '-C'),
    value('write', '--git-dir', '--work-tree'),
    value('text', '--namespace', '--super-prefix', '--list-cmds', '--attr-source'),
    flags('-p', '-P', '--paginate', '--no-pager', '--bare', '--no-replace-objects', '--literal-pathspecs'),
    flags(
      '--glob-pathspecs',
      '--noglob-pathspecs',
      '--icase-pathspecs',
      '--no-optional-locks',
      '--no-advice',
    ),
    flags('--version', '--help', '--html-path', '--man-path', '--info-path', '-v', '-h', '--no-lazy-fetch'),
  ],
  subcommands: gitSubcommand,
};

// Options any git sub-command may take that write files or run programs.
const GIT_COMMON: OptionSpec[] = [
  denyValue('writes its output to any file', '--output'),
  deny('runs an external diff program', '--ext-diff'),
  denyValue('runs a program for a local transport', '--upload-pack', '--receive-pack', '--exec'),
  denyAttached('runs a pager program', '--open-files-in-pager'),
  denyValue(RUNS_COMMANDS, '--config'),
  denyValue('copies hooks from a template directory', '--template'),
  denyValue('runs a diff tool command', '--extcmd'),
  denyValue('runs a mail program', '--sendmail-cmd', '--smtp-server'),
  deny('applies patches outside the working tree', '--unsafe-paths'),
  value('read', '--file'),
  // Free text that may contain "/" without naming a file.
  value('text', '-m', '--message', '--format', '--pretty', '--grep', '--author', '--committer'),
];

const GIT_SUBCOMMANDS: Record<string, OptionSpec[]> = {
  clone: [denyValue('runs a program on the remote side', '-u'), denyValue(RUNS_COMMANDS, '-c')],
  fetch: [denyValue('runs a program on the remote side', '-u')],
  pull: [denyValue('runs a program on the remote side', '-u')],
  'ls-remote': [denyValue('runs a program on the remote side', '-u')],
  grep: [denyAttached('runs a pager program', '-O')],
  rebase: [denyValue('runs a shell command after each commit', '-x')],
  difftool: [denyValue('runs a diff tool command', '-x'), value('text', '-t', '--tool')],
  mergetool: [value('text', '-t', '--tool')],
  'format-patch': [value('write', '-o', '--output-directory')],
  archive: [
    denyValue('writes its output to any file', '-o'),
    denyValue('runs a program on the remote side', '--remote'),
  ],
};

const GIT_DENIED_SUBCOMMANDS: Record<string, string> = {
  'filter-branch': 'runs shell filters',
  instaweb: 'starts a web server and a browser',
  hook: 'runs repository hooks',
  daemon: 'serves repositories over the network',
};

const gitSpecs = new Map<string, ProgramSpec>();

function gitSubcommand(name: string): ProgramSpec {
  let spec = gitSpecs.get(name);
  if (spec) return spec;
  const denied = GIT_DENIED_SUBCOMMANDS[name];
  if (denied) spec = { check: (_args, env) => env.deny('dangerous-option', `git ${name} ${denied}`) };
  else if (name === 'config') spec = { options: GIT_CONFIG_OPTIONS, after: gitConfig };
  else {
    const positional = GIT_POSITIONAL[name];
    spec = {
      options: [...(GIT_SUBCOMMANDS[name] ?? []), ...GIT_COMMON],
      ...(positional ? { positional } : {}),
    };
  }
  gitSpecs.set(name, spec);
  return spec;
}

const GIT_POSITIONAL: Record<string, ProgramSpec['positional']> = {
  // `git clone URL [DIR]` creates DIR (or a directory named after the URL) where it runs.
  clone: (i, n) => (i === 0 ? 'url' : i === n - 1 ? 'write' : 'text'),
  submodule: (i) =>
    i === 0 ? gitNotSubcommand('foreach', 'runs a shell command in every submodule') : 'auto',
  bisect: (i) => (i === 0 ? gitNotSubcommand('run', 'runs a command at every step') : 'auto'),
  worktree: (i, n) => (i === n - 1 && n > 1 ? 'write' : 'auto'),
};

function gitNotSubcommand(bad: string, why: string): ValueCheck {
  return (word, env) => {
    if (word.value === bad) env.deny('dangerous-option', `git … ${bad} ${why}`);
  };
}

const GIT_CONFIG_OPTIONS: OptionSpec[] = [
  value('read', '-f', '--file', '--blob'),
  value('text', '--type', '--default', '--comment', '--value'),
  flags(
    '--get',
    '--get-all',
    '--get-regexp',
    '--get-urlmatch',
    '-l',
    '--list',
    '--show-origin',
    '--show-scope',
  ),
  flags('--name-only', '-z', '--null', '--bool', '--int', '--path', '--includes', '--no-includes'),
  flags('--local', '--worktree', '--global', '--system'),
  {
    names: ['--add', '--replace-all', '--unset', '--unset-all', '--rename-section', '--remove-section'],
    role: 'flag',
  },
  deny('opens an editor on the configuration file', '-e', '--edit'),
];

// Keys an agent may set: identity, colours, branch tracking. Everything else can, directly or via a
// helper, name a program git runs (core.*, alias.*, *.command, filter.*, credential.*, …).
const SAFE_GIT_CONFIG_KEY =
  /^(?:user\.(?:name|email|signingkey)|color\.[a-z.]+|init\.defaultbranch|pull\.(?:rebase|ff)|push\.(?:default|autosetupremote)|fetch\.prune|rebase\.autostash|merge\.ff|advice\.[a-z]+|branch\.[^.]+\.(?:remote|merge|rebase|description)|remote\.[^.]+\.(?:url|pushurl|fetch))$/i;

function gitConfig(args: ParsedArgs, env: ArgEnv): void {
  const pos = args.positionals.map((w) => w.value);
  const action =
    pos[0] === 'set' || pos[0] === 'unset' || pos[0] === 'get' || pos[0] === 'list' ? pos.shift() : '';
  const writes =
    action === 'set' ||
    action === 'unset' ||
    (action === '' && pos.length >= 2) ||
    hasOption(
      args,
      '--add',
      '--replace-all',
      '--unset',
      '--unset-all',
      '--rename-section',
      '--remove-section',
    );
  if (!writes) return;
  if (hasOption(args, '--global', '--system')) {
    env.deny('dangerous-option', 'git config --global/--system writes outside the workspace');
  }
  const key = pos[0] ?? '';
  if (!SAFE_GIT_CONFIG_KEY.test(key)) {
    env.deny(
      'dangerous-option',
      `git config ${quote(key)}: only user.*, color.* and branch/remote settings may be set (others can make git run commands)`,
    );
  }
  for (const o of args.options) {
    if (o.value && o.spec.names.includes('--file')) env.path(o.value, 'write', 'git config --file', true);
  }
}

// ---------------------------------------------------------------------------------------------
// find

const FIND_DENIED: Record<string, string> = {
  '-exec': 'runs a command',
  '-execdir': 'runs a command',
  '-ok': 'runs a command',
  '-okdir': 'runs a command',
  '-fprint': 'writes a file',
  '-fprint0': 'writes a file',
  '-fprintf': 'writes a file',
  '-fls': 'writes a file',
  '-delete': 'deletes files',
};
const FIND_FILE_ARG = new Set(['-newer', '-anewer', '-cnewer', '-samefile', '-files0-from']);
const FIND_TEXT_ARG = new Set(
  (
    '-name -iname -path -ipath -wholename -iwholename -regex -iregex -lname -ilname -type -xtype -user ' +
    '-group -uid -gid -perm -size -mtime -mmin -atime -amin -ctime -cmin -maxdepth -mindepth -links ' +
    '-inum -used -fstype -printf -context -regextype'
  ).split(' '),
);
const FIND_OPERATORS = new Set(['(', ')', '!', ',', '-o', '-a', '-not', '-and', '-or']);

function checkFind(args: readonly ShellWord[], env: ArgEnv): void {
  let i = 0;
  while (i < args.length && /^-(?:[HLP]|O\d*|D)$/.test(args[i]!.value)) i += args[i]!.value === '-D' ? 2 : 1;
  // Start points: everything before the first expression word.
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v.startsWith('-') || FIND_OPERATORS.has(v)) break;
    env.path(args[i]!, 'read', 'find start point', true);
  }
  for (; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    const newerXY = /^-newer[aBcmt]([aBcmt])$/.exec(v);
    if (FIND_DENIED[v]) env.deny('dangerous-option', `find ${v} ${FIND_DENIED[v]}`);
    else if (FIND_FILE_ARG.has(v) || (newerXY && newerXY[1] !== 't')) {
      const file = args[++i];
      if (file) env.path(file, 'read', `find ${v}`, true);
    } else if (FIND_TEXT_ARG.has(v) || newerXY) i++;
    else if (!v.startsWith('-') && !FIND_OPERATORS.has(v)) env.path(word, 'read', 'find argument');
  }
}

// ---------------------------------------------------------------------------------------------
// tar

const TAR_CREATE = [
  '-c',
  '--create',
  '-r',
  '--append',
  '-u',
  '--update',
  '-A',
  '--catenate',
  '--concatenate',
];
const TAR_EXTRACT = ['-x', '--extract', '--get'];
const TAR_VALUE_LETTERS = new Set([...'fCTXbHKLNVgIF']);

const TAR: ProgramSpec = {
  options: [
    denyValue('runs a command for each member', '--to-command'),
    denyValue('can run a command at checkpoints', '--checkpoint-action'),
    denyValue('runs a compression program', '--use-compress-program', '-I'),
    denyValue('runs a remote shell program', '--rsh-command'),
    denyValue('runs a script at the end of each volume', '--info-script', '--new-volume-script', '-F'),
    deny('extracts to absolute paths outside the directory', '-P', '--absolute-names'),
    value('text', '-f', '--file'),
    value('cwd', '-C', '--directory'),
    value('read', '-T', '--files-from', '-X', '--exclude-from'),
    value('write', '-g', '--listed-incremental', '--index-file', '--volno-file'),
    value(
      'text',
      '-b',
      '--blocking-factor',
      '-H',
      '--format',
      '-K',
      '--starting-file',
      '-L',
      '--tape-length',
    ),
    value('text', '-N', '--newer', '--after-date', '-V', '--label', '--exclude', '--transform', '--xform'),
    value(
      'text',
      '--owner',
      '--group',
      '--mode',
      '--mtime',
      '--strip-components',
      '--record-size',
      '--suffix',
    ),
    flags(...TAR_CREATE, ...TAR_EXTRACT, '-t', '--list', '-O', '--to-stdout', '-d', '--diff', '--compare'),
  ],
  positional: (_i, _n, args) => (hasOption(args, ...TAR_EXTRACT, '-t', '--list') ? 'text' : 'auto'),
  after: (args, env) => {
    const creating = hasOption(args, ...TAR_CREATE);
    for (const o of args.options) {
      if (o.value && o.spec.names.includes('--file')) {
        env.path(o.value, creating ? 'write' : 'read', `tar ${o.name}`, true);
      }
    }
    if (hasOption(args, ...TAR_EXTRACT) && !hasOption(args, '-O', '--to-stdout', '-C', '--directory')) {
      env.path(plainWord('.'), 'write', 'tar extraction directory', true);
    }
  },
};

// `tar xzf a.tgz` (no dash): each value-taking letter takes the next word, in order.
function checkTar(args: readonly ShellWord[], env: ArgEnv): void {
  const first = args[0];
  let words = args;
  if (first && /^[A-Za-z]+$/.test(first.value)) {
    const expanded: ShellWord[] = [];
    let next = 1;
    for (const letter of first.value) {
      expanded.push(plainWord(`-${letter}`));
      if (TAR_VALUE_LETTERS.has(letter) && next < args.length) expanded.push(args[next++]!);
    }
    words = [...expanded, ...args.slice(next)];
  }
  checkArgs(words, TAR, env, new Set());
}

// ---------------------------------------------------------------------------------------------
// curl, wget

// `@file` (and `<file` for forms) reads a local file into the request: an exfiltration path.
const curlData: ValueCheck = (word, env, option) => {
  const v = word.value;
  const at = option === '--data-urlencode' ? v.indexOf('@') : v.startsWith('@') ? 0 : -1;
  if (at >= 0) env.path(plainWord(v.slice(at + 1)), 'read', `curl ${option}`, true);
};
const curlForm: ValueCheck = (word, env, option) => {
  const m = /^[^=]*=[@<]([^;]*)/.exec(word.value);
  if (m) env.path(plainWord(m[1]!), 'read', `curl ${option}`, true);
};
const curlCookie: ValueCheck = (word, env, option) => {
  if (!word.value.includes('=')) env.path(word, 'read', `curl ${option}`, true);
};
const curlWriteOut: ValueCheck = (word, env, option) => {
  if (word.value.includes('%output{'))
    env.deny('dangerous-option', `curl ${option} %output{…} writes a file`);
  else curlData(word, env, option);
};

const CURL: ProgramSpec = {
  options: [
    denyValue('reads options (any output file, any URL) from a file', '-K', '--config'),
    value('write', '-o', '--output', '-c', '--cookie-jar', '-D', '--dump-header', '--trace', '--trace-ascii'),
    value('write', '--stderr', '--libcurl', '--etag-save', '--hsts', '--alt-svc', '--output-dir'),
    value('read', '-T', '--upload-file', '--cacert', '--capath', '-E', '--cert', '--key', '--netrc-file'),
    value('read', '--etag-compare', '--crlfile', '--proxy-cacert', '--proxy-cert', '--proxy-key'),
    value(
      curlData,
      '-d',
      '--data',
      '--data-binary',
      '--data-ascii',
      '--json',
      '--data-urlencode',
      '-H',
      '--header',
    ),
    value(curlForm, '-F', '--form'),
    value(curlCookie, '-b', '--cookie'),
    value(curlWriteOut, '-w', '--write-out'),
    value('url', '--url'),
    value(
      'text',
      '-A',
      '--user-agent',
      '-e',
      '--referer',
      '-m',
      '--max-time',
      '-X',
      '--request',
      '-r',
      '--range',
    ),
    value('text', '-u', '--user', '-x', '--proxy', '-U', '--proxy-user', '-C', '--continue-at', '-P'),
    value('text', '-Q', '--quote', '-t', '--telnet-option', '-y', '--speed-time', '-Y', '--speed-limit'),
    value(
      'text',
      '-z',
      '--time-cond',
      '--data-raw',
      '--form-string',
      '--connect-timeout',
      '--retry',
      '--resolve',
    ),
    flags('-O', '--remote-name', '--remote-name-all', '-J', '--remote-header-name'),
  ],
  positional: all('url'),
  after: (args, env) => {
    if (hasOption(args, '-O', '--remote-name', '--remote-name-all') && !hasOption(args, '--output-dir')) {
      env.path(plainWord('.'), 'write', 'curl -O (saves into the current directory)', true);
    }
  },
};

const WGET: ProgramSpec = {
  options: [
    denyValue('runs wgetrc commands, which can set any option', '-e', '--execute'),
    denyValue('reads options from a file', '--config'),
    denyValue('runs a password program', '--use-askpass'),
    value('write', '-O', '--output-document', '-o', '--output-file', '-a', '--append-output'),
    value('write', '-P', '--directory-prefix', '--save-cookies', '--warc-file'),
    value('read', '-i', '--input-file', '--post-file', '--body-file', '--load-cookies', '--certificate'),
    value('read', '--private-key', '--ca-certificate', '--ca-directory'),
    value('text', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '-U', '--user-agent', '-l', '--level'),
    value('text', '-A', '--accept', '-R', '--reject', '-D', '--domains', '--header', '--user', '--password'),
    value('text', '-Q', '--quota', '--limit-rate', '-B', '--base', '--post-data', '--method', '--body-data'),
    flags('--spider', '-q', '--quiet', '-c', '--continue', '-r', '--recursive', '-N', '--timestamping'),
  ],
  positional: all('url'),
  after: (args, env) => {
    if (!hasOption(args, '-O', '--output-document', '-P', '--directory-prefix', '--spider')) {
      env.path(plainWord('.'), 'write', 'wget (saves into the current directory)', true);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// ssh, scp, sftp, rsync

// ssh_config keys that run local commands or load other configuration.
const SSH_DANGEROUS_KEYS =
  /^(?:proxycommand|localcommand|permitlocalcommand|knownhostscommand|match|include|pkcs11provider|securitykeyprovider|sshaskpass|remotecommand|controlpath|controlmaster|identityagent)$/i;

const sshOption: ValueCheck = (word, env, option) => {
  const key = /^\s*([A-Za-z0-9]+)/.exec(word.value)?.[1] ?? '';
  if (SSH_DANGEROUS_KEYS.test(key)) {
    env.deny('dangerous-option', `${env.program} ${option} ${key} can run a local command`);
  }
};

const SSH_COMMON: OptionSpec[] = [
  value(sshOption, '-o'),
  denyValue('reads a configuration file that can run commands (ProxyCommand)', '-F'),
  denyValue('loads a PKCS#11 library', '-I'),
  value('read', '-i'),
  value('write', '-E'),
  value(
    'text',
    '-J',
    '-c',
    '-m',
    '-p',
    '-P',
    '-l',
    '-b',
    '-B',
    '-O',
    '-Q',
    '-W',
    '-w',
    '-L',
    '-R',
    '-D',
    '-e',
  ),
];

const isRemote = (v: string): boolean => /^[^/]*:/.test(v) || /^[a-z]+:\/\//i.test(v);

const remoteOr =
  (role: 'read' | 'write'): ValueCheck =>
  (word, env, option) => {
    if (!isRemote(word.value)) env.path(word, role, `${env.program} ${option}`, true);
  };

const SCP: ProgramSpec = {
  options: [denyValue('runs a program instead of ssh', '-S'), ...SSH_COMMON],
  positional: (i, n) => remoteOr(i === n - 1 && n > 1 ? 'write' : 'read'),
};

const SFTP: ProgramSpec = {
  optionsStopAtPositional: true,
  options: [
    denyValue('runs a program instead of ssh', '-S'),
    denyValue('runs a local sftp server program', '-D'),
    denyValue('batch files can run local commands (!cmd)', '-b'),
    ...SSH_COMMON,
  ],
  positional: all('text'),
};

const rsyncShell: ValueCheck = (word, env, option) => {
  if (!/^ssh(?: -p ?\d+)?$/.test(word.value.trim())) {
    env.deny('dangerous-option', `rsync ${option} ${quote(word.value)} runs a program as the remote shell`);
  }
};

const RSYNC: ProgramSpec = {
  options: [
    value(rsyncShell, '-e', '--rsh'),
    denyValue('runs a program on the remote side', '--rsync-path'),
    value('write', '--write-batch', '--only-write-batch', '--log-file', '--backup-dir', '--temp-dir', '-T'),
    value('read', '--read-batch', '--files-from', '--exclude-from', '--include-from', '--password-file'),
    value('text', '-f', '--filter', '--exclude', '--include', '-B', '--block-size', '--chmod', '--bwlimit'),
    value('text', '--port', '--timeout', '--max-size', '--min-size', '--compare-dest', '--link-dest'),
  ],
  positional: (i, n) => remoteOr(i === n - 1 && n > 1 ? 'write' : 'read'),
};

// ---------------------------------------------------------------------------------------------
// sed, awk, grep

const sedScript: ValueCheck = (word, env) => {
  const a = analyzeSedScript(word.value);
  for (const p of a.problems) env.deny('sed-script', `sed script ${quote(word.value, 60)}: ${p}`);
  for (const r of a.reads) env.path(plainWord(r), 'read', 'sed r/R command', true);
  for (const w of a.writes) env.path(plainWord(w), 'write', 'sed w/W command', true);
};

const SED: ProgramSpec = {
  unknownOptions: 'deny',
  options: [
    value(sedScript, '-e', '--expression'),
    denyValue('the script file cannot be inspected', '-f', '--file'),
    attached('flag', '-i', '--in-place'),
    value('text', '-l', '--line-length'),
    flags(
      '-n',
      '--quiet',
      '--silent',
      '-E',
      '-r',
      '--regexp-extended',
      '-s',
      '--separate',
      '-z',
      '--null-data',
    ),
    flags('--zero-terminated', '-u', '--unbuffered', '-b', '--binary', '--posix', '--debug', '--sandbox'),
    flags('--follow-symlinks', '--help', '--version'),
  ],
  positional: (i, _n, args) => {
    const scriptGiven = hasOption(args, '-e', '--expression', '-f', '--file');
    if (i === 0 && !scriptGiven) return sedScript;
    return hasOption(args, '-i', '--in-place') ? 'write' : 'read';
  },
};

const awkProgram: ValueCheck = (word, env) => {
  for (const p of analyzeAwkProgram(word.value)) {
    env.deny('awk-program', `${env.program} program ${quote(word.value, 60)}: ${p}`);
  }
};

const AWK: ProgramSpec = {
  unknownOptions: 'deny',
  options: [
    value(awkProgram, '-e', '--source'),
    denyValue('the program file cannot be inspected', '-f', '--file', '-E', '--exec'),
    denyValue('loads code from another file', '-i', '--include'),
    denyValue('loads a native extension', '-l', '--load'),
    denyAttached('writes a file', '-o', '--pretty-print', '-p', '--profile', '-d', '--dump-variables'),
    denyAttached('starts the interactive debugger', '-D', '--debug'),
    value('text', '-F', '--field-separator', '-v', '--assign'),
    { names: ['-W'], value: 'required', role: mawkOption },
    attached('flag', '-L', '--lint'),
    flags('-b', '--characters-as-bytes', '-c', '--traditional', '-C', '--copyright', '-g', '--gen-pot'),
    flags('-h', '--help', '-M', '--bignum', '-n', '--non-decimal-data', '-N', '--use-lc-numeric', '-O'),
    flags('--optimize', '-P', '--posix', '-r', '--re-interval', '-s', '--no-optimize', '-S', '--sandbox'),
    flags('-t', '--lint-old', '-V', '--version', '-k', '--csv'),
  ],
  positional: (i, _n, args) =>
    i === 0 && !hasOption(args, '-e', '--source', '-f', '--file') ? awkProgram : 'auto',
};

// mawk: -W exec FILE runs a program file, -W dump prints; the rest are harmless settings.
function mawkOption(word: ShellWord, env: ArgEnv): void {
  if (/^e/i.test(word.value))
    env.deny('dangerous-option', `${env.program} -W ${word.value} runs a program file`);
}

const patternFirst = (scriptOptions: string[]): ProgramSpec['positional'] => {
  return (i, _n, args) => (i === 0 && !hasOption(args, ...scriptOptions) ? 'text' : 'auto');
};

const GREP: ProgramSpec = {
  options: [
    value('text', '-e', '--regexp', '-A', '--after-context', '-B', '--before-context', '-C', '--context'),
    value('text', '-m', '--max-count', '-d', '--directories', '-D', '--devices', '--label', '--binary-files'),
    value('text', '--exclude', '--include', '--exclude-dir', '--group-separator'),
    value('read', '-f', '--file', '--exclude-from'),
    attached('text', '--color', '--colour'),
  ],
  positional: patternFirst(['-e', '--regexp', '-f', '--file']),
};

const RIPGREP: ProgramSpec = {
  options: [
    denyValue('runs a preprocessor command on every file', '--pre'),
    value(
      'text',
      '-e',
      '--regexp',
      '-g',
      '--glob',
      '--iglob',
      '-t',
      '--type',
      '-T',
      '--type-not',
      '-A',
      '-B',
    ),
    value('text', '-C', '-m', '--max-count', '-M', '--max-columns', '-j', '--threads', '--pre-glob', '-r'),
    value('text', '--replace', '--type-add', '--colors', '--sort', '--sortr', '-E', '--encoding', '-d'),
    value('read', '-f', '--file', '--ignore-file'),
  ],
  positional: patternFirst(['-e', '--regexp', '-f', '--file']),
};

// ---------------------------------------------------------------------------------------------
// Programs that write their arguments

const WRITE_ALL: ProgramSpec = { positional: all('write') };

const MODE = /^(?:[0-7]{1,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)$/;

const CHMOD: ProgramSpec = {
  options: [value('read', '--reference')],
  positional: (i, n, args) =>
    i === 0 && n > 1 && !hasOption(args, '--reference') && MODE.test(args.positionals[0]!.value)
      ? 'text'
      : 'write',
};

const CHOWN: ProgramSpec = {
  options: [value('read', '--reference'), value('text', '--from')],
  positional: (i, n, args) => (i === 0 && n > 1 && !hasOption(args, '--reference') ? 'text' : 'write'),
};

const CP: ProgramSpec = {
  options: [value('write', '-t', '--target-directory'), value('text', '-S', '--suffix')],
  // The last word is the destination, unless -t names it.
  positional: (i, n, args) =>
    hasOption(args, '-t', '--target-directory') ? 'read' : i === n - 1 && n > 1 ? 'write' : 'read',
};

const MV: ProgramSpec = {
  options: [value('write', '-t', '--target-directory'), value('text', '-S', '--suffix')],
  positional: all('write'),
};

const INSTALL: ProgramSpec = {
  options: [
    value('write', '-t', '--target-directory'),
    value('text', '-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix'),
    denyValue('runs a strip program', '--strip-program'),
  ],
  positional: (i, n, args) => {
    if (hasOption(args, '-d', '--directory')) return 'write';
    if (hasOption(args, '-t', '--target-directory')) return 'read';
    return i === n - 1 && n > 1 ? 'write' : 'read';
  },
};

// `ln -s TARGET LINK`: a relative TARGET is resolved from the link's directory, not from here.
const LN_SPEC: ProgramSpec = {
  options: [value('write', '-t', '--target-directory'), value('text', '-S', '--suffix')],
};

function checkLn(args: readonly ShellWord[], env: ArgEnv): void {
  const parsed = parseArgs(args, LN_SPEC, env);
  let dir: ShellWord | undefined;
  for (const o of parsed.options) {
    if (o.value && o.spec.names.includes('--target-directory')) {
      dir = o.value;
      env.path(o.value, 'write', `ln ${o.name}`, true);
    }
  }
  const pos = parsed.positionals;
  const link = dir ? undefined : pos.length > 1 ? pos.at(-1) : undefined;
  if (link) env.path(link, 'write', 'ln link name', true);
  const targets = link ? pos.slice(0, -1) : pos;
  const symbolic = hasOption(parsed, '-s', '--symbolic');
  // The link may land in `dir`, in the link's parent, or inside `link` if it is a directory.
  const where = dir ? [dir.value] : link ? [parentOf(link.value), link.value] : ['.'];
  for (const t of targets) {
    if (symbolic && !t.value.startsWith('/')) env.pathFrom(t, 'write', 'ln target', where);
    else env.path(t, 'write', 'ln target', true);
  }
}

function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '.' : slash === 0 ? '/' : trimmed.slice(0, slash);
}

function checkDd(args: readonly ShellWord[], env: ArgEnv): void {
  for (const a of args) {
    const v = a.value;
    if (v.startsWith('if=')) env.path(plainWord(v.slice(3)), 'read', 'dd if=', true);
    else if (v.startsWith('of=')) env.path(plainWord(v.slice(3)), 'write', 'dd of=', true);
  }
}

const TOUCH: ProgramSpec = {
  options: [value('read', '-r', '--reference'), value('text', '-d', '--date', '-t')],
  positional: all('write'),
};

const TRUNCATE: ProgramSpec = {
  options: [value('read', '-r', '--reference'), value('text', '-s', '--size', '-o')],
  positional: all('write'),
};

const MKDIR: ProgramSpec = {
  options: [value('text', '-m', '--mode', '--context')],
  positional: all('write'),
};

const SHRED: ProgramSpec = {
  options: [value('text', '-n', '--iterations', '-s', '--size'), attached('read', '--random-source')],
  positional: all('write'),
};

// In-place compressors replace their file arguments, unless told to write to stdout.
const COMPRESSOR: ProgramSpec = {
  options: [value('write', '-o', '--output'), value('text', '-S', '--suffix', '-T', '--threads')],
  positional: (_i, _n, args) =>
    hasOption(args, '-c', '--stdout', '--to-stdout', '-l', '--list', '-t', '--test') ? 'read' : 'write',
};

const SORT: ProgramSpec = {
  options: [
    value('write', '-o', '--output', '-T', '--temporary-directory'),
    denyValue('runs a compression program', '--compress-program'),
    value('read', '--files0-from'),
    value(
      'text',
      '-k',
      '--key',
      '-t',
      '--field-separator',
      '-S',
      '--buffer-size',
      '--parallel',
      '--batch-size',
    ),
  ],
};

const UNIQ: ProgramSpec = {
  options: [value('text', '-f', '--skip-fields', '-s', '--skip-chars', '-w', '--check-chars')],
  positional: (i) => (i === 1 ? 'write' : 'read'),
};

const SPLIT: ProgramSpec = {
  options: [value('text', '-l', '--lines', '-b', '--bytes', '-C', '--line-bytes', '-n', '--number', '-a')],
  positional: (i) => (i === 1 ? 'write' : 'read'),
};

const PATCH: ProgramSpec = {
  options: [
    value('write', '-o', '--output', '-r', '--reject-file', '-B', '--prefix'),
    value('read', '-i', '--input'),
    value('cwd', '-d', '--directory'),
    value('text', '-p', '--strip', '-F', '--fuzz', '-D', '--ifdef', '-z', '--suffix', '-V'),
  ],
  positional: (i) => (i === 0 ? 'write' : 'read'),
  after: (args, env) => {
    // Files named inside the patch are written relative to the working directory.
    if (!hasOption(args, '-d', '--directory'))
      env.path(plainWord('.'), 'write', 'patch target directory', true);
  },
};

const TEE: ProgramSpec = { positional: all('write') };

// perl-rename evaluates its expression as Perl: only a plain s/// or y/// without the `e` flag or
// interpolated code (`@{[…]}`, `${…}`, `(?{…})`) is accepted. util-linux `rename FROM TO FILE…` has
// no code in it.
// The alternatives inside the parts are disjoint (escape, or any other non-delimiter), so no
// backtracking blow-up on long runs of backslashes.
const PERL_SUBSTITUTION =
  /^(?:s|y|tr)([^\w\s])(?:\\[\s\S]|(?!\1)[^\\])*\1(?:\\[\s\S]|(?!\1)[^\\])*\1[gimsxr]*$/;
const renameExpression: ValueCheck = (word, env, option) => {
  const v = word.value;
  if (option === 'argument' && !/^(?:s|y|tr)[^\w\s]/.test(v)) return;
  if (!PERL_SUBSTITUTION.test(v) || /[$@]\{|\(\?\??\{|\$\(/.test(v)) {
    env.deny('inline-code', `rename ${quote(v)} runs Perl code; only a plain s/…/…/ or y/…/…/ is allowed`);
  }
};

const RENAME: ProgramSpec = {
  options: [value(renameExpression, '-e', '-E'), value('text', '-u', '--unicode')],
  positional: (i, _n, args) => {
    if (hasOption(args, '-e', '-E')) return 'write';
    if (i === 0) return renameExpression;
    // util-linux `rename FROM TO FILE…`: only the files are renamed.
    const perl = /^(?:s|y|tr)[^\w\s]/.test(args.positionals[0]?.value ?? '');
    return perl || i > 1 ? 'write' : 'text';
  },
};

// ---------------------------------------------------------------------------------------------
// Archives

const ZIP: ProgramSpec = {
  options: [
    deny('runs an unzip command to test the archive', '-T', '--test'),
    denyValue('runs a command to test the archive', '-TT', '--unzip-command'),
    value('write', '-b', '--temp-path', '-O', '--output-file'),
    value('text', '-P', '--password', '-n', '--suffixes', '-Z', '--compression-method', '-t', '-tt'),
  ],
  positional: (i) => (i === 0 ? 'write' : 'read'),
};

const UNZIP: ProgramSpec = {
  options: [value('write', '-d'), value('text', '-P', '-x')],
  positional: (i) => (i === 0 ? 'read' : 'text'),
  after: (args, env) => {
    if (!hasOption(args, '-d', '-l', '-t', '-p', '-v', '-z', '-Z', '-c')) {
      env.path(plainWord('.'), 'write', 'unzip extraction directory', true);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Pagers, editors, manuals: fine when allowed, without the options that run commands.

const pagerCommand: ValueCheck = (word, env) => {
  if (word.value.startsWith('+')) {
    if (/[!|]/.test(word.value))
      env.deny('dangerous-option', `${env.program} ${quote(word.value)} runs a shell command`);
  } else env.path(word, 'read', `${env.program} argument`);
};

const LESS: ProgramSpec = {
  options: [
    value('write', '-o', '--log-file', '-O', '--LOG-FILE'),
    value('read', '-k', '--lesskey-file', '--lesskey-src'),
    value(
      'text',
      '-p',
      '--pattern',
      '-P',
      '--prompt',
      '-b',
      '--buffers',
      '-h',
      '-j',
      '-x',
      '--tabs',
      '-y',
      '-z',
    ),
    value('text', '-t', '--tag', '-T', '--tag-file', '-#', '--shift'),
  ],
  positional: all(pagerCommand),
};

const editorCommand: ValueCheck = (word, env) => {
  if (word.value.startsWith('+')) {
    if (!/^\+(?:\d*|\/.*)$/.test(word.value)) {
      env.deny('dangerous-option', `${env.program} ${quote(word.value)} runs an editor command`);
    }
  } else env.path(word, 'read', `${env.program} argument`);
};

const VIM: ProgramSpec = {
  options: [
    denyValue('runs an editor command', '-c', '--cmd'),
    denyValue('sources a command file', '-S'),
    value('write', '-w', '-W'),
    value('read', '-s', '-u', '-U', '-i', '-T'),
    value('text', '-t', '-q', '-r'),
  ],
  positional: all(editorCommand),
};

const EMACS: ProgramSpec = {
  options: [
    denyValue('evaluates Lisp code', '--eval', '--execute'),
    denyValue('loads Lisp code', '-l', '--load', '--script'),
    denyValue('calls a Lisp function', '-f', '--funcall'),
    value('text', '-L', '--directory'),
  ],
  positional: all(editorCommand),
};

const MAN: ProgramSpec = {
  options: [
    denyValue('runs a pager program', '-P', '--pager'),
    denyAttached('runs a browser program', '-H', '--html'),
    value('read', '-l', '--local-file', '-C', '--config-file'),
    value(
      'text',
      '-M',
      '--manpath',
      '-S',
      '-s',
      '--sections',
      '-L',
      '--locale',
      '-E',
      '--encoding',
      '-m',
      '-p',
    ),
  ],
  positional: all('text'),
};

// ---------------------------------------------------------------------------------------------
// Builtins and small utilities

const PRINTF: ProgramSpec = {
  options: [denyValue('assigns a variable; an array subscript a[$(…)] runs a command', '-v')],
  positional: all('text'),
};

const TEST: ProgramSpec = {
  options: [deny('tests a variable; an array subscript a[$(…)] runs a command', '-v')],
};

// `cd DIR` changes where later relative paths resolve; the checker tracks it.
const CD: ProgramSpec = { positional: all('read') };

const TEXT_ONLY: ProgramSpec = { positional: all('text') };
const TEXT_PROGRAMS = [
  'echo',
  'yes',
  'seq',
  'basename',
  'dirname',
  'sleep',
  'true',
  'false',
  'expr',
  'factor',
  'cal',
  'whoami',
  'uname',
  'hostname',
  'nproc',
  'arch',
  'pwd',
];

const DATE: ProgramSpec = {
  options: [value('read', '-f', '--file', '-r', '--reference'), value('text', '-d', '--date', '-s', '--set')],
  positional: all('text'),
};

/** Argument knowledge by program name. */
export const PROGRAMS: ReadonlyMap<string, ProgramSpec> = new Map<string, ProgramSpec>([
  ['git', GIT_GLOBAL],
  ['find', { check: checkFind }],
  ['tar', { check: checkTar }],
  ['curl', CURL],
  ['wget', WGET],
  ['ssh', { optionsStopAtPositional: true, options: SSH_COMMON, positional: all('text') }],
  ['scp', SCP],
  ['sftp', SFTP],
  ['rsync', RSYNC],
  ['sed', SED],
  ['gsed', SED],
  ...['awk', 'gawk', 'mawk', 'nawk', 'original-awk'].map((n) => [n, AWK] as const),
  ...['grep', 'egrep', 'fgrep', 'zgrep', 'ggrep'].map((n) => [n, GREP] as const),
  ['rg', RIPGREP],
  ...['rm', 'rmdir', 'unlink', 'mkfifo', 'mknod'].map((n) => [n, WRITE_ALL] as const),
  ['mkdir', MKDIR],
  ['touch', TOUCH],
  ['truncate', TRUNCATE],
  ['shred', SHRED],
  ['tee', TEE],
  ['chmod', CHMOD],
  ...['chown', 'chgrp'].map((n) => [n, CHOWN] as const),
  ['cp', CP],
  ['mv', MV],
  ['install', INSTALL],
  ['ln', { check: checkLn }],
  ['dd', { check: checkDd }],
  ...['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'lzma', 'zstd', 'unzstd', 'lz4', 'brotli'].map(
    (n) => [n, COMPRESSOR] as const,
  ),
  ['sort', SORT],
  ['uniq', UNIQ],
  ['split', SPLIT],
  ['patch', PATCH],
  ...['rename', 'prename', 'perl-rename', 'file-rename'].map((n) => [n, RENAME] as const),
  ['zip', ZIP],
  ['unzip', UNZIP],
  ...['less', 'more', 'most'].map((n) => [n, LESS] as const),
  ...['vi', 'vim', 'nvim', 'view', 'vimdiff', 'gvim', 'ex', 'rvim'].map((n) => [n, VIM] as const),
  ['emacs', EMACS],
  ['man', MAN],
  ['printf', PRINTF],
  ['test', TEST],
  ['cd', CD],
  ['pushd', CD],
  ['date', DATE],
  ...TEXT_PROGRAMS.map((n) => [n, TEXT_ONLY] as const),
]);
