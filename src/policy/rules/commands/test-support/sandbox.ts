import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reason } from '../../../decision.js';
import type { FileScope } from '../../file-scope.js';
import { type CommandPolicy, checkCommand } from '../index.js';

/** A temp project for command tests. */
export interface Sandbox {
  root: string;
  /** Workspace: readable. Contains notes.txt, src/a.ts, src/b.ts and planted symlinks. */
  ws: string;
  /** `ws/out`: the only writable directory. */
  out: string;
  /** Outside every scope: `secret.txt`. */
  outside: string;
  scope: FileScope;
}

/**
 * `root/ws` (read) with `ws/out` (write), a sibling `root/outside/secret.txt`, and symlinks planted
 * in the workspace that point out of it: `innocent.txt` → secret.txt, `linkdir` → outside/,
 * `docs/readme` → secret.txt.
 */
export function makeSandbox(): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-commands-')));
  const ws = join(root, 'ws');
  const out = join(ws, 'out');
  const outside = join(root, 'outside');
  mkdirSync(out, { recursive: true });
  mkdirSync(join(ws, 'src'));
  mkdirSync(join(ws, 'docs'));
  mkdirSync(outside);
  writeFileSync(join(ws, 'notes.txt'), 'notes\n');
  writeFileSync(join(ws, 'src', 'a.ts'), 'export {}\n');
  writeFileSync(join(ws, 'src', 'b.ts'), 'export {}\n');
  writeFileSync(join(ws, 'docs', 'guide.md'), '# guide\n');
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  symlinkSync(join(outside, 'secret.txt'), join(ws, 'innocent.txt'));
  symlinkSync(outside, join(ws, 'linkdir'));
  symlinkSync(join(outside, 'secret.txt'), join(ws, 'docs', 'readme'));
  return { root, ws, out, outside, scope: { workspace: ws, read: [ws], write: [out], deny: [] } };
}

/** Check a command in the sandbox, from the workspace root unless `cwd` is given. */
export function checker(
  sandbox: Sandbox,
  policy: CommandPolicy,
): (command: unknown, cwd?: string) => Reason[] {
  return (command, cwd) => checkCommand(policy, command, { scope: sandbox.scope, ...(cwd ? { cwd } : {}) });
}

/** The rule ids of a list of reasons. */
export function rules(reasons: readonly Reason[]): string[] {
  return reasons.map((r) => r.rule);
}
