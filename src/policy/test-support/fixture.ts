import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPolicy, type Policy } from '../policy.js';

/** A temp project: `ws/` with files, `ws/out/` writable, a sibling `ws-evil/`, a planted symlink. */
export function makeWorkspace(): { root: string; ws: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-policy-')));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'out'), { recursive: true });
  mkdirSync(join(ws, 'src'));
  mkdirSync(join(root, 'ws-evil'));
  writeFileSync(join(ws, 'notes.txt'), 'notes\n');
  writeFileSync(join(ws, 'src', 'a.ts'), 'export {}\n');
  writeFileSync(join(root, 'ws-evil', 'keys'), 'x\n');
  symlinkSync('/etc/passwd', join(ws, 'innocent.txt'));
  symlinkSync(join(root, 'ws-evil'), join(ws, 'linkdir'));
  return { root, ws };
}

export const RESEARCHER = {
  name: 'researcher',
  workspace: './ws',
  tools: { allow: ['fs.*', 'http.fetch', 'shell.run'], deny: ['code.execute'] },
  files: { read: ['./ws'], write: ['./ws/out'] },
  network: { allow: ['api.example.com', '*.github.com'] },
  commands: { allow: ['ls', 'cat', 'grep', 'git status', 'git log', 'git diff'] },
  approval: { require: ['fs.write'] },
  limits: { maxToolCalls: 50, maxIterations: 10, rate: '60/min', budget: { tokens: 200000, usd: 5 } },
};

/** A policy over a fresh workspace with the documented example profile plus extra agents. */
export async function researcherPolicy(
  extraAgents: Record<string, unknown>[] = [],
): Promise<{ policy: Policy; root: string; ws: string }> {
  const { root, ws } = makeWorkspace();
  const policy = await createPolicy({
    config: { version: 1, agents: [RESEARCHER, ...extraAgents] },
    baseDir: root,
  });
  return { policy, root, ws };
}
