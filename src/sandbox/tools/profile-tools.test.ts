// Tools built from a profile: the sandbox gets exactly the profile's scopes, limits and variables.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, type Warden } from '../../guard/warden.js';
import { MemoryStore } from '../../store/memory-store.js';
import { SandboxError } from '../sandbox-error.js';
import { createProfileTools } from './profile-tools.js';

const base = mkdtempSync(join(tmpdir(), 'warden-profile-tools-'));
mkdirSync(join(base, 'ws', 'out'), { recursive: true });
writeFileSync(join(base, 'ws', 'a.txt'), 'alpha\n');
let warden: Warden;

beforeAll(async () => {
  warden = await createWarden({
    config: {
      version: 1,
      agents: [
        {
          name: 'coder',
          workspace: './ws',
          tools: { allow: ['fs.*', 'shell.run', 'code.execute'] },
          files: { read: ['./ws'], write: ['./ws/out'] },
          commands: { allow: ['cat', 'echo', 'sleep', 'printenv'] },
          sandbox: { timeout: '2s', memory: '512M', maxProcesses: 32, env: ['PROFILE_VISIBLE'] },
        },
      ],
    },
    baseDir: base,
    store: new MemoryStore(),
  });
});
afterAll(() => warden.close());

describe('createProfileTools', () => {
  it("compiles the profile's sandbox section into runner limits", () => {
    expect(warden.policy.profile('coder')!.sandbox).toEqual({
      limits: { timeoutMs: 2000, memoryBytes: 512 * 1024 ** 2, maxProcesses: 32 },
      env: ['PROFILE_VISIBLE'],
    });
  });

  it("runs shell.run in the profile's scopes with only the named variables", async () => {
    process.env.PROFILE_VISIBLE = 'shown';
    process.env.PROFILE_HIDDEN = 'fake-secret-value';
    try {
      const tools = createProfileTools(warden.policy.profile('coder')!);
      const shell = warden.guard({ agent: 'coder', session: 'p1' }).wrap('shell.run', tools['shell.run']);
      const r = await shell({ command: 'cat a.txt; echo made > out/b.txt; printenv' });
      expect(r.stdout).toMatch(/^alpha\n/);
      expect(r.stdout).toContain('PROFILE_VISIBLE=shown');
      expect(r.stdout).not.toContain('fake-secret-value');
      expect(readFileSync(join(base, 'ws', 'out', 'b.txt'), 'utf8')).toBe('made\n');
    } finally {
      delete process.env.PROFILE_VISIBLE;
      delete process.env.PROFILE_HIDDEN;
    }
  });

  it("stops a run at the profile's timeout", async () => {
    const tools = createProfileTools(warden.policy.profile('coder')!);
    const e = await tools['shell.run']({ command: 'sleep 30' }).catch((error: unknown) => error);
    expect(SandboxError.isInstance(e) && e.reason).toBe('timeout');
  });

  it('gives sandboxed runs no network when the profile allows no host', async () => {
    const tools = createProfileTools(warden.policy.profile('coder')!);
    const r = await tools['code.execute']({
      language: 'python',
      code: 'import socket\ntry:\n    socket.create_connection(("1.1.1.1", 80), 2)\n    print("connected")\nexcept OSError as e:\n    print("refused", e.errno)',
    });
    expect(r).toMatchObject({ exitCode: 0 });
    expect((r as { stdout: string }).stdout).toMatch(/^refused/);
  });
});
