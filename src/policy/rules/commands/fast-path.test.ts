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
    for (const c of [
      'ls | sh',
      'ls;id',
      "ls 'a'",
      'ls $x',
      'ls *',
      'ls ~',
      'ls\nid',
      'ls #',
      'ls > x',
      'echo !!',
    ]) {
      expect(fastPathCommands(c), c).toBeUndefined();
    }
  });

  // Rule ids may differ (`for x` is a keyword to the fast path, a syntax error to tree-sitter);
  // allow versus deny may not.
  it('decides exactly as the tree-sitter path on lines from its alphabet', () => {
    fc.assert(
      fc.property(line, (command) => {
        const fast = decide(command, true);
        const parsed = decide(command, false);
        expect(fastPathCommands(command)).toBeDefined();
        expect(fast.length === 0).toBe(parsed.length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits words exactly as tree-sitter does when it reads one plain command', () => {
    fc.assert(
      fc.property(line, (command) => {
        const reasons = new ReasonList();
        const parsed = parseShell(command);
        const walked = collectCommands(parsed.root, command, reasons);
        fc.pre(!parsed.hasError && reasons.size === 0 && walked.commands.length === 1);
        const fast = fastPathCommands(command)!.commands[0]!.argv.map((w) => w.value);
        expect(walked.commands[0]!.argv.map((w) => w.value)).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
  });
});
