import { COMMAND_NAME, COMMAND_PATH, RESERVED_WORDS } from './command-names.js';

/** One `commands.allow` / `commands.deny` entry, split into words. */
export interface CommandPrefix {
  readonly text: string;
  readonly words: readonly string[];
}

/** Compiled `commands.allow` / `commands.deny` lists of a profile. */
export interface CommandPolicy {
  readonly allow: readonly CommandPrefix[];
  readonly deny: readonly CommandPrefix[];
  /** Allowed prefixes by first word, for a lookup per command. */
  readonly allowByName: ReadonlyMap<string, readonly CommandPrefix[]>;
}

// Prefix words are matched against literal argv words, so they may not contain anything the shell
// would interpret: no quotes, expansions, globs, operators or `~`.
const PREFIX_WORD = /^[A-Za-z0-9_.,:@%+=/-]+$/;

/**
 * Compile the allowed and denied command prefixes of a profile. A prefix is matched word by word:
 * `git status` allows `git status -s` but not `git statusx`. Throws on a malformed prefix.
 *
 * @example
 * const policy = compileCommandPolicy(['git status', 'ls'], ['git push']);
 * compileCommandPolicy(['ls $(id)']); // throws: commands.allow[0] "ls $(id)": word "$(id)" …
 */
export function compileCommandPolicy(allow: readonly string[], deny: readonly string[] = []): CommandPolicy {
  const allowed = allow.map((text, i) => compilePrefix(text, `commands.allow[${i}]`));
  const denied = deny.map((text, i) => compilePrefix(text, `commands.deny[${i}]`));
  const allowByName = new Map<string, CommandPrefix[]>();
  for (const p of allowed) {
    const head = p.words[0]!;
    const list = allowByName.get(head);
    if (list) list.push(p);
    else allowByName.set(head, [p]);
  }
  return { allow: allowed, deny: denied, allowByName };
}

function compilePrefix(text: unknown, where: string): CommandPrefix {
  if (typeof text !== 'string') throw new Error(`${where} must be a string`);
  const words = text.trim().split(/[ \t]+/);
  const head = words[0] ?? '';
  if (head === '') throw new Error(`${where} is empty`);
  if (text.length > 1000) throw new Error(`${where} is longer than 1000 characters`);
  for (const word of words) {
    if (!PREFIX_WORD.test(word)) {
      throw new Error(
        `${where} ${JSON.stringify(text)}: word ${JSON.stringify(word)} has characters the shell interprets (quotes, $, globs, operators, ~)`,
      );
    }
  }
  if (RESERVED_WORDS.has(head))
    throw new Error(`${where} ${JSON.stringify(text)}: "${head}" is a shell keyword`);
  if (!COMMAND_NAME.test(head) && !(head.includes('/') && COMMAND_PATH.test(head))) {
    throw new Error(
      `${where} ${JSON.stringify(text)}: the program must be a plain name (git) or a path (./scripts/test.sh)`,
    );
  }
  return { text: words.join(' '), words };
}

/** The longest allowed prefix that `argv` starts with, word by word; undefined when none does. */
export function matchAllowed(policy: CommandPolicy, argv: readonly string[]): CommandPrefix | undefined {
  const candidates = policy.allowByName.get(argv[0] ?? '');
  let best: CommandPrefix | undefined;
  if (!candidates) return undefined;
  for (const p of candidates) {
    if (p.words.length > argv.length || (best && best.words.length >= p.words.length)) continue;
    let match = true;
    for (let i = 1; i < p.words.length; i++) {
      if (p.words[i] !== argv[i]) {
        match = false;
        break;
      }
    }
    if (match) best = p;
  }
  return best;
}

/**
 * The first denied prefix that `argv` matches. Deny entries match their words in order with anything
 * in between, so options cannot dodge them: `git -C . push` still matches `git push`.
 */
export function matchDenied(
  policy: CommandPolicy,
  argv: readonly string[],
  name: string,
): CommandPrefix | undefined {
  for (const p of policy.deny) {
    const head = p.words[0]!;
    if (head !== argv[0] && head !== name) continue;
    let at = 1;
    for (let i = 1; i < argv.length && at < p.words.length; i++) {
      if (argv[i] === p.words[at]) at++;
    }
    if (at === p.words.length) return p;
  }
  return undefined;
}
