import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileScope } from '../file-scope.js';
import { checkCommand, compileCommandPolicy, initShellParser } from './index.js';
import { ReasonList } from './reasons.js';
import { parseShell } from './shell-parser.js';
import { collectCommands } from './syntax-walk.js';

/** First words of the simple commands in a line, as far as it parses. */
function commandNames(command: string): string[] {
  const first = command.trim().split(/\s+/)[0] ?? '';
  const { root } = parseShell(command);
  const names = collectCommands(root, command, new ReasonList()).commands.flatMap((c) =>
    c.argv[0] ? [c.argv[0].value] : [],
  );
  return [first, ...names];
}

// How often the command rule blocks real-world commands when every program they use is allowed:
// the tldr pages' examples, with placeholders filled in (`path/to/file`). Most blocks are the
// policy working as designed (sudo, $VAR, $(…), pipes into interpreters, options that run commands);
// "scope" blocks name files outside the workspace (/etc/…, /dev/sda); "other" is what is left, the
// false-block rate worth driving down.
const DATASET = new URL(
  '../../../../../shared/datasets/commands/tldr/tldr_commands_en.jsonl',
  import.meta.url,
);

// Measured on the 29,496 examples: 13.58% blocked in all (9.51% by design, 1.66% outside the
// workspace, 2.41% other, nearly all tldr notation such as `<Ctrl c>` or `a|b` alternatives read as
// pipes). The thresholds leave a little room; lower them when the rule improves.
const MAX_BLOCK_RATE = 0.14;
const MAX_OTHER_RATE = 0.026;

// Rules that refuse something on purpose, however harmless the example.
const BY_DESIGN = new Set(
  [
    'wrapper',
    'shell-builtin',
    'command-substitution',
    'process-substitution',
    'arithmetic-expansion',
    'variable-expansion',
    'brace-expansion',
    'tilde-expansion',
    'history-expansion',
    'ansi-c-quoting',
    'function-definition',
    'control-flow',
    'test-expression',
    'variable-assignment',
    'dangerous-option',
    'inline-code',
    'interpreter-stdin',
    'sed-script',
    'awk-program',
    'file-url',
    'heredoc',
    'cd',
    'reserved-word',
    'too-complex',
  ].map((r) => `commands.${r}`),
);

describe('false blocks on the tldr command examples', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  it('stays below the measured block rate', () => {
    const path = fileURLToPath(DATASET);
    if (!existsSync(path)) {
      throw new Error(
        `tldr dataset not found at ${path}; it is expected under shared/datasets/commands/tldr/`,
      );
    }
    const commands = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String((JSON.parse(line) as { command: unknown }).command));

    // Allow exactly the programs the examples use: the first word of every simple command, in
    // pipelines and lists too (a first word that is no valid prefix, like `<Ctrl`, stays blocked).
    const programs = new Set<string>();
    for (const c of commands) {
      for (const name of commandNames(c)) {
        try {
          compileCommandPolicy([name]);
          programs.add(name);
        } catch {
          // not a program name
        }
      }
    }
    const policy = compileCommandPolicy([...programs]);
    const ws = realpathSync(mkdtempSync(join(tmpdir(), 'warden-tldr-')));
    const scope: FileScope = { workspace: ws, read: [ws], write: [ws], deny: [] };

    const byRule: Record<string, number> = {};
    let blocked = 0;
    let byDesign = 0;
    let outsideScope = 0;
    let other = 0;
    const samples: Record<string, string[]> = {};
    for (const c of commands) {
      const reasons = checkCommand(policy, c, { scope });
      if (reasons.length === 0) continue;
      blocked++;
      const rules = new Set(reasons.map((r) => r.rule));
      for (const r of rules) {
        byRule[r] = (byRule[r] ?? 0) + 1;
        const list = samples[r] ?? [];
        samples[r] = list;
        if (list.length < Number(process.env.TLDR_SAMPLES ?? 0)) list.push(c);
      }
      if ([...rules].some((r) => BY_DESIGN.has(r))) byDesign++;
      else if ([...rules].some((r) => r.startsWith('commands.paths.') || r === 'commands.glob'))
        outsideScope++;
      else other++;
    }
    const total = commands.length;
    const round = (x: number): number => Math.round(x * 10000) / 10000;
    const sorted = Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1]));
    console.log(
      JSON.stringify({
        total,
        blocked,
        rate: round(blocked / total),
        byDesign: { count: byDesign, rate: round(byDesign / total) },
        outsideScope: { count: outsideScope, rate: round(outsideScope / total) },
        other: { count: other, rate: round(other / total) },
        byRule: sorted,
      }),
    );
    if (process.env.TLDR_SAMPLES) console.log(JSON.stringify(samples, null, 1));
    expect(blocked / total).toBeLessThan(MAX_BLOCK_RATE);
    expect(other / total).toBeLessThan(MAX_OTHER_RATE);
  });
});
