import type { ArgEnv, ArgRole, OptionSpec, ParsedArgs, ParsedOption, ProgramSpec } from './program-spec.js';
import { quote } from './reasons.js';
import { type ShellWord, sliceWord } from './shell-word.js';

interface Lookup {
  short: Map<string, OptionSpec>;
  long: { name: string; spec: OptionSpec }[];
  exact: Map<string, OptionSpec>;
}

const lookups = new WeakMap<ProgramSpec, Lookup>();

function lookupFor(spec: ProgramSpec): Lookup {
  let l = lookups.get(spec);
  if (l) return l;
  l = { short: new Map(), long: [], exact: new Map() };
  for (const o of spec.options ?? []) {
    for (const name of o.names) {
      // The first spelling listed wins: specific entries come before shared ones.
      if (name.startsWith('--')) l.long.push({ name, spec: o });
      else if (name.length === 2) {
        if (!l.short.has(name)) l.short.set(name, o);
      } else if (!l.exact.has(name)) l.exact.set(name, o);
    }
  }
  lookups.set(spec, l);
  return l;
}

// When an abbreviation fits several long options, assume the most dangerous reading.
const SEVERITY: Record<string, number> = {
  deny: 6,
  code: 6,
  'stdin-code': 5,
  cwd: 4,
  write: 3,
  read: 2,
  url: 1,
};
function severity(role: ArgRole): number {
  return typeof role === 'function' ? 5 : (SEVERITY[role] ?? 0);
}

function findLong(l: Lookup, name: string): { name: string; spec: OptionSpec } | undefined {
  let best: { name: string; spec: OptionSpec } | undefined;
  for (const entry of l.long) {
    if (entry.name === name) return entry;
    if (entry.name.startsWith(name) && name.length > 2) {
      if (!best || severity(entry.spec.role) > severity(best.spec.role)) best = entry;
    }
  }
  return best;
}

// Options Warden has no entry for are still recorded, so `hasOption` sees flags such as `ln -s`.
const UNKNOWN: OptionSpec = { names: [], role: 'flag' };

/**
 * Split a program's arguments into options (with their values) and positional words, following
 * getopt conventions: clustered short options (`-xvf`), attached values (`-ofile`, `--out=file`),
 * `--` ending options, and GNU permutation unless the spec stops at the first positional.
 */
export function parseArgs(words: readonly ShellWord[], spec: ProgramSpec, env: ArgEnv): ParsedArgs {
  const l = lookupFor(spec);
  const options: ParsedOption[] = [];
  const positionals: ShellWord[] = [];
  const afterDoubleDash: ShellWord[] = [];
  let optionsDone = false;
  const strict = spec.unknownOptions === 'deny';
  const unknown = (name: string): void => {
    env.deny(
      'unknown-option',
      `${env.program} option ${quote(name)} is not known to Warden; it could change which word is run as code`,
    );
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = word.value;
    if (optionsDone || v.length < 2 || !v.startsWith('-')) {
      positionals.push(word);
      if (optionsDone) afterDoubleDash.push(word);
      if (spec.optionsStopAtPositional) optionsDone = true;
      continue;
    }
    if (v === '--') {
      optionsDone = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      const found = findLong(l, name);
      if (!found) {
        if (strict) unknown(name);
        else attachedPath(word, env);
        options.push({ spec: UNKNOWN, name, canonical: name, word });
        continue;
      }
      const o = found.spec;
      let value: ShellWord | undefined;
      if (eq >= 0) value = sliceWord(word, eq + 1);
      else if (o.value === 'required') value = words[++i];
      options.push({ spec: o, name, canonical: found.name, word, ...(value ? { value } : {}) });
      if (o.endsOptions) optionsDone = true;
      continue;
    }
    const exactName = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
    const exact = l.exact.get(exactName);
    if (exact) {
      let value: ShellWord | undefined;
      if (exactName !== v) value = sliceWord(word, exactName.length + 1);
      else if (exact.value === 'required') value = words[++i];
      options.push({ spec: exact, name: exactName, canonical: exactName, word, ...(value ? { value } : {}) });
      if (exact.endsOptions) optionsDone = true;
      continue;
    }
    // A cluster of short options: `-xvf archive`, `-ccore.pager=x`, `-n5`. Unknown letters are read
    // as flags, so a dangerous letter later in the cluster is still seen (`rsync -avze …`).
    let unknownLetter = false;
    for (let j = 1; j < v.length; j++) {
      const name = `-${v[j]}`;
      const o = l.short.get(name);
      if (!o) {
        if (strict) unknown(name);
        unknownLetter = true;
        options.push({ spec: UNKNOWN, name, canonical: name, word });
        continue;
      }
      if (o.value === 'required') {
        const value = j + 1 < v.length ? sliceWord(word, j + 1) : words[++i];
        options.push({ spec: o, name, canonical: name, word, ...(value ? { value } : {}) });
        break;
      }
      if (o.value === 'attached') {
        const rest = v.slice(j + 1);
        const taken = o.attachedChars ? (o.attachedChars.exec(rest)?.[0] ?? '') : rest;
        const value = taken ? { value: sliceWord(word, j + 1) } : {};
        options.push({ spec: o, name, canonical: name, word, ...value });
        j += taken.length;
        if (o.attachedChars === undefined) break;
        continue;
      }
      options.push({ spec: o, name, canonical: name, word });
      if (o.endsOptions) {
        optionsDone = true;
        break;
      }
    }
    // …and whatever an unknown letter took as its value may be a path (`-I/usr/include`).
    if (unknownLetter && !strict) attachedPath(word, env);
    if (options.at(-1)?.spec.endsOptions) optionsDone = true;
  }
  return { options, positionals, afterDoubleDash };
}

// An unknown option may carry a path in the same word (`-I/usr/include`, `--prefix=/opt/x`).
function attachedPath(word: ShellWord, env: ArgEnv): void {
  const v = word.value;
  const eq = v.indexOf('=');
  const from = eq >= 0 ? eq + 1 : v.startsWith('--') ? v.length : 2;
  const value = sliceWord(word, from);
  if (couldBePath(value.value)) env.path(value, 'read', `${env.program} option ${quote(v)}`);
}

/** A word that is a path whatever the program: it has a `/` or starts with `~`. */
export function isPathLike(value: string): boolean {
  return value.includes('/') || value.startsWith('~');
}

/** A word that may name a file even without a `/` (`.env`, `..`). */
export function couldBePath(value: string): boolean {
  return isPathLike(value) || value.startsWith('.');
}

/** Apply one role to a word. */
export function applyRole(
  role: ArgRole,
  word: ShellWord | undefined,
  option: string,
  env: ArgEnv,
  why?: string,
): void {
  if (typeof role === 'function') {
    if (word) role(word, env, option);
    return;
  }
  switch (role) {
    case 'deny':
      env.deny('dangerous-option', `${env.program} ${option} is not allowed${why ? `: ${why}` : ''}`);
      return;
    case 'code':
      env.deny(
        'inline-code',
        `${env.program} ${option} runs code given on the command line${why ? ` (${why})` : ''}; run a script file instead`,
      );
      return;
    case 'read':
    case 'write':
      if (word) env.path(word, role, `${env.program} ${option}`, true);
      return;
    case 'auto':
      if (word) env.path(word, 'read', `${env.program} ${option}`);
      return;
    case 'url':
      if (word) env.url(word, `${env.program} ${option}`);
      return;
    case 'cwd':
      if (word) env.addBase(word, `${env.program} ${option}`);
      return;
    default:
      return;
  }
}

/**
 * Parse and check a program's arguments against its spec. `skip` holds words matched by the allowed
 * prefix (`git status`): they were allowed literally and are not path-checked.
 */
export function checkArgs(
  words: readonly ShellWord[],
  spec: ProgramSpec,
  env: ArgEnv,
  skip: ReadonlySet<ShellWord>,
): ParsedArgs | undefined {
  if (spec.check) {
    spec.check(words, env);
    return undefined;
  }
  const parsed = parseArgs(words, spec, env);
  // Working directories first: later relative paths resolve there too.
  for (const o of parsed.options) if (o.spec.role === 'cwd') applyRole('cwd', o.value, o.name, env);
  for (const o of parsed.options) {
    if (o.spec.role !== 'cwd') applyRole(o.spec.role, o.value, o.name, env, o.spec.why);
  }
  if (spec.subcommands) {
    // `git [global options] SUBCOMMAND [its arguments]`: the rest is checked with the sub-command's spec.
    const sub = parsed.positionals[0];
    if (sub) checkArgs(words.slice(words.indexOf(sub) + 1), spec.subcommands(sub.value) ?? {}, env, skip);
    return parsed;
  }
  const n = parsed.positionals.length;
  parsed.positionals.forEach((word, i) => {
    if (skip.has(word)) return;
    const role = spec.positional ? spec.positional(i, n, parsed) : 'auto';
    applyRole(role, word, 'argument', env);
  });
  spec.after?.(parsed, env);
  return parsed;
}

/** Whether one of these option spellings was given (abbreviations count as the full name). */
export function hasOption(args: ParsedArgs, ...names: string[]): boolean {
  return args.options.some((o) => names.includes(o.canonical));
}
