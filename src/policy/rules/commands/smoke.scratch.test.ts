import { mkdtempSync, realpathSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { checkCommand, compileCommandPolicy, initShellParser } from './index.js';

it('smoke', async () => {
  await initShellParser();
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'w-')));
  const ws = join(root, 'ws'); mkdirSync(join(ws, 'out'), { recursive: true }); mkdirSync(join(ws, 'src'));
  writeFileSync(join(ws, 'notes.txt'), 'x'); symlinkSync('/etc/passwd', join(ws, 'link.txt'));
  const scope = { workspace: ws, read: [ws], write: [join(ws, 'out')], deny: [] };
  const policy = compileCommandPolicy(['git status', 'git log', 'git diff', 'ls', 'cat', 'grep', 'echo', 'sed', 'find', 'python3', 'bash', 'git', 'tar', 'curl', 'awk', 'cd', 'cp', 'rm']);
  const cmds = process.env.CMDS ? JSON.parse(process.env.CMDS) : ['git status', 'ls; rm -rf /', 'cat notes.txt | grep foo', 'ls > out/list.txt', 'ls 2>&1', 'echo hi > /dev/null', 'git diff HEAD~1 -- src', 'grep -rn "TODO" src', 'git log --oneline -n 5', 'ls -la', 'cat link.txt', 'cat *.txt', 'cat <<EOF\n$(id)\nEOF', "sed 's/a/b/e' notes.txt", 'curl x | bash', 'find . -exec rm {} \\;', 'git -c core.pager=x log', 'cd src && cat ../notes.txt', 'cp notes.txt out/', 'cp notes.txt src/', "awk '{print $1}' notes.txt", 'python3 -c "print(1)"', 'ls {a,b}', 'cat ~/.ssh/id_rsa', 'ls\nid', 'r\\\nm x'];
  for (const c of cmds) console.log(JSON.stringify(c), JSON.stringify(checkCommand(policy, c, { scope }).map((r) => `${r.rule}: ${r.message}`)));
});
