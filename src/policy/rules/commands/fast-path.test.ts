import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommandWith } from './check-command.js';
import { compileCommandPolicy } from './command-policy.js';
import { fastPathCommands } from './fast-path.js';
import { ReasonList } from './reasons.js';
import { initShellParser, parseShell } from './shell-parser.js';
import { collectCommands } from './syntax-walk.js';
import { makeSandbox } from './test-support/sandbox.js';

const sandbox = makeSandbox();
const policy = compileCommandPolicy(['ls', 'cat', 'git status', 'git log', 'rm', 'echo', 'a']);

// Words from the fast-path alphabet, biased towards ones that mean something: allowed programs,
// keywords, assignments, options, paths in and out of scope.
const interesting = fc.constantFrom(
  'ls',
  'cat',
  'git',
  'status',
  'log',
  'rm',
  'echo',
  'a',
  '-la',
  '--format=%H',
  'notes.txt',
  'src',
  'out/x',
  '/etc/passwd',
  '../..',
  'innocent.txt',
  'x=1',
  'A=b',
  '=',
  'if',
  'then',
  'for',
  'do',
  'time',
  'coproc',
  'function',
  'in',
  'select',
  'case',
  '%1',
  '.',
  '..',
  './x',
  '-',
  '--',
  '5',
  '@',
  ':',
);
const anyWord = fc.stringMatching(/^[A-Za-z0-9_./=:,@%+-]{1,8}$/);
const blank = fc.constantFrom(' ', '\t', '  ', ' \t');
// Lines of the extended subset: quoted strings (with characters that matter elsewhere) and operators.
const quoted = fc.oneof(
  fc.stringMatching(/^[ -~]{0,6}$/).map((body) => `'${body}'`),
  fc.stringMatching(/^[ -~]{0,6}$/).map((body) => `"${body}"`),
  fc.constantFrom('HEAD~1', '~', '~/x', '~root', 'a=~/x', 'x=a:~/y', '--f=~', 'a~', './~'),
  fc.constantFrom("'a b'", '"x|y"', "'$(id)'", '"$(id)"', '"a`id`"', "'*'", '"~"', '"!x"', "'#'", '"\\"'),
);
const operator = fc.constantFrom('|', '||', '&&', ';', ' | ', ' && ', ' ; ', '&', '|&', ';;', '>', '<');
const token = fc.oneof(
  interesting,
  anyWord,
  quoted,
  fc.tuple(anyWord, quoted).map(([a, b]) => a + b),
);
const compound = fc
  .array(fc.tuple(fc.array(token, { minLength: 0, maxLength: 4 }), operator), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([words, op]) => `${words.join(' ')}${op}`).join(' '))
  .chain((head) =>
    fc.array(token, { minLength: 0, maxLength: 3 }).map((tail) => `${head} ${tail.join(' ')}`),
  );

const line = fc
  .tuple(
    fc.array(fc.oneof(interesting, anyWord), { minLength: 1, maxLength: 6 }),
    blank,
    fc.boolean(),
    fc.boolean(),
  )
  .map(([words, sep, lead, trail]) => `${lead ? sep : ''}${words.join(sep)}${trail ? sep : ''}`);

const decide = (command: string, fastPath: boolean): string[] =>
  checkCommandWith(policy, command, { scope: sandbox.scope }, { fastPath }).map((r) => r.rule);

describe('fast path', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  it('only takes lines of plain words', () => {
    expect(fastPathCommands('git log -n 5')?.commands[0]?.argv.map((w) => w.value)).toEqual([
      'git',
      'log',
      '-n',
      '5',
    ]);
    expect(
      fastPathCommands("git log --format='%h %s' | cat")?.commands.map((c) => [
        c.argv.map((w) => w.value),
        c.stdin,
      ]),
    ).toEqual([
      [['git', 'log', '--format=%h %s'], 'inherit'],
      [['cat'], 'pipe'],
    ]);
    for (const c of [
      'ls |& sh',
      'ls &',
      'ls ;; id',
      '| ls',
      'ls &&',
      'ls "$x"',
      'ls == x',
      'ls "a\\b"',
      "ls 'a",
      'ls $x',
      'ls *',
      'ls\nid',
      'ls #',
      'ls > x',
      'echo !!',
    ]) {
      expect(fastPathCommands(c), c).toBeUndefined();
    }
  });

  it('takes ~ inside words, and the tilde rule still refuses it where bash expands it', () => {
    expect(fastPathCommands('git diff HEAD~1 -- src')).toBeDefined();
    expect(decide('git log HEAD~1', true)).toEqual([]);
    expect(decide('ls ~', true)).toContain('commands.tilde-expansion');
    expect(decide('cat ~/.ssh/id_rsa', true)).toContain('commands.tilde-expansion');
  });

  // Rule ids may differ (`for x` is a keyword to the fast path, a syntax error to tree-sitter);
  // allow versus deny may not.
  it('decides exactly as the tree-sitter path on lines from its alphabet', () => {
    fc.assert(
      fc.property(line, (command) => {
        const fast = decide(command, true);
        const parsed = decide(command, false);
        expect(fastPathCommands(command) !== undefined).toBe(!command.includes('=='));
        expect(fast.length === 0).toBe(parsed.length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('decides exactly as the tree-sitter path on quoted words and command lists', () => {
    fc.assert(
      fc.property(compound, (command) => {
        const fast = decide(command, true);
        const parsed = decide(command, false);
        expect(fast.length === 0, `${command}: fast ${fast.join(',')} / parsed ${parsed.join(',')}`).toBe(
          parsed.length === 0,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('splits lists and pipelines exactly as tree-sitter does', () => {
    fc.assert(
      fc.property(compound, (command) => {
        const fastLine = fastPathCommands(command);
        fc.pre(fastLine !== undefined);
        const reasons = new ReasonList();
        const parsed = parseShell(command);
        // Keywords (`function`, `if`) are syntax to tree-sitter and refused names to the fast path;
        // the decision test above covers them.
        fc.pre(!parsed.hasError);
        const walked = collectCommands(parsed.root, command, reasons);
        fc.pre(reasons.size === 0);
        const words = (l: typeof walked) => l.commands.map((c) => c.argv.map((w) => [w.value, w.active]));
        expect(words(fastLine!), command).toEqual(words(walked));
        // Standard input: wherever the walk sees a pipe, the fast path must too (it may see more).
        walked.commands.forEach((c, i) => {
          if (c.stdin === 'pipe') expect(fastLine!.commands[i]!.stdin, command).toBe('pipe');
        });
      }),
      { numRuns: 5000 },
    );
  });

  it('splits words exactly as tree-sitter does when it reads one plain command', () => {
    fc.assert(
      fc.property(line, (command) => {
        const reasons = new ReasonList();
        const parsed = parseShell(command);
        const walked = collectCommands(parsed.root, command, reasons);
        fc.pre(
          !parsed.hasError && reasons.size === 0 && walked.commands.length === 1 && !command.includes('=='),
        );
        const fast = fastPathCommands(command)!.commands[0]!.argv.map((w) => w.value);
        expect(walked.commands[0]!.argv.map((w) => w.value)).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
  });
});
