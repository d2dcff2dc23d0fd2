import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { checkCommand, compileCommandPolicy, initShellParser } from '/work/main/src/policy/rules/commands/index.js';
import { ReasonList } from '/work/main/src/policy/rules/commands/reasons.js';
import { parseShell } from '/work/main/src/policy/rules/commands/shell-parser.js';
import { collectCommands } from '/work/main/src/policy/rules/commands/syntax-walk.js';
it('x', async () => {
  await initShellParser();
  const commands = readFileSync('/work/shared/datasets/commands/tldr/tldr_commands_en.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).command as string);
  const programs = new Set<string>();
  for (const c of commands) { const names = [c.trim().split(/\s+/)[0] ?? '', ...collectCommands(parseShell(c).root, c, new ReasonList()).commands.map((x) => x.argv[0]?.value ?? '')]; for (const n of names) { try { compileCommandPolicy([n]); programs.add(n); } catch {} } }
  const policy = compileCommandPolicy([...programs]);
  const ws = realpathSync(mkdtempSync(join(tmpdir(), 'w-')));
  const scope = { workspace: ws, read: [ws], write: [ws], deny: [] };
  const want = (process.env.RULES ?? '').split(',');
  for (const c of commands) {
    const r = checkCommand(policy, c, { scope });
    if (r.some((x) => want.includes(x.rule))) console.log(c, '  ==>', r.map((x) => x.message).join(' | ').slice(0, 200));
  }
});
