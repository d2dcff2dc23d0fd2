import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFsTools, type FsTools } from './fs-tools.js';
import {
  expectCode,
  expectDenied,
  makeTree,
  mkfifo,
  rejection,
  SECRET,
  within,
} from './test-support/fixture.js';

let tree: ReturnType<typeof makeTree>;
let tools: FsTools;

function scopeFor(t = tree) {
  return { workspace: t.ws, read: [t.ws], write: [t.out], deny: ['**/.env'] };
}

beforeAll(() => {
  tree = makeTree();
  tools = createFsTools({ scope: scopeFor() });
});

describe('fs.read', () => {
  it('reads a file in scope, relative or absolute', async () => {
    expect(await tools['fs.read']({ path: 'notes.txt' })).toEqual({
      content: 'hello notes\n',
      bytes: 12,
      truncated: false,
      size: 12,
    });
    expect((await tools['fs.read']({ path: join(tree.ws, 'sub', 'inner.txt') })).content).toBe('inside\n');
  });

  it('pages with offset and length', async () => {
    expect(await tools['fs.read']({ path: 'notes.txt', offset: 6, length: 5 })).toMatchObject({
      content: 'notes',
      bytes: 5,
      truncated: false,
    });
    expect(await tools['fs.read']({ path: 'notes.txt', offset: 100 })).toMatchObject({
      content: '',
      bytes: 0,
    });
  });

  it('reads binary content as base64', async () => {
    writeFileSync(join(tree.ws, 'bin.dat'), Buffer.from([0, 1, 2, 255]));
    expect((await tools['fs.read']({ path: 'bin.dat', encoding: 'base64' })).content).toBe('AAEC/w==');
  });

  it('cuts at maxReadBytes with truncated: true, on a UTF-8 character boundary', async () => {
    writeFileSync(join(tree.ws, 'big.txt'), 'a'.repeat(25));
    writeFileSync(join(tree.ws, 'accents.txt'), 'ééééé'); // 10 bytes
    const small = createFsTools({ scope: scopeFor(), maxReadBytes: 10 });
    expect(await small['fs.read']({ path: 'big.txt' })).toMatchObject({
      bytes: 10,
      truncated: true,
      size: 25,
    });
    expect(await small['fs.read']({ path: 'big.txt', offset: 20 })).toMatchObject({
      bytes: 5,
      truncated: false,
    });
    expect(await small['fs.read']({ path: 'big.txt', length: 5 })).toMatchObject({
      bytes: 5,
      truncated: false,
    });
    const tiny = createFsTools({ scope: scopeFor(), maxReadBytes: 5 });
    expect(await tiny['fs.read']({ path: 'accents.txt' })).toEqual({
      content: 'éé',
      bytes: 4,
      truncated: true,
      size: 10,
    });
  });

  it('refuses ../ traversal out of the workspace', async () => {
    await expectDenied(tools['fs.read']({ path: '../outside/secret.txt' }), 'paths.outside-scope');
    await expectDenied(tools['fs.read']({ path: 'sub/../../outside/secret.txt' }), 'paths.outside-scope');
  });

  it('refuses an absolute path outside the scope', async () => {
    await expectDenied(tools['fs.read']({ path: join(tree.outside, 'secret.txt') }), 'paths.outside-scope');
    await expectDenied(tools['fs.read']({ path: '/etc/passwd' }), 'paths.outside-scope');
  });

  it('refuses a symlink out of scope (file and directory component)', async () => {
    await expectDenied(tools['fs.read']({ path: 'secret-link' }), 'paths.outside-scope');
    await expectDenied(tools['fs.read']({ path: 'link-out/secret.txt' }), 'paths.outside-scope');
    await expectDenied(tools['fs.read']({ path: 'link-out/dir/inner.txt' }), 'paths.outside-scope');
  });

  it('refuses NUL bytes and control characters in paths', async () => {
    await expectDenied(tools['fs.read']({ path: 'notes.txt\u0000.png' }), 'paths.control-character');
    await expectDenied(
      tools['fs.read']({ path: 'sub\u0000/../../outside/secret.txt' }),
      'paths.control-character',
    );
  });

  it('refuses deny globs (**/.env) including spelling and symlink tricks', async () => {
    for (const path of [
      '.env',
      './.env',
      'config/.env',
      'config//.env',
      'sub/../.env',
      join(tree.ws, '.env'),
    ]) {
      await expectDenied(tools['fs.read']({ path }), 'paths.denied-pattern');
    }
    // A link to the denied file resolves to it and is refused like it.
    await expectDenied(tools['fs.read']({ path: 'env-link' }), 'paths.denied-pattern');
    // Encoded forms never reach .env: refused outright, or name a different (missing) file.
    for (const path of ['%2eenv', '%2Eenv', 'sub/%2e%2e/.env', '.%65nv', 'sub/%252e%252e/.env']) {
      const error = await rejection(tools['fs.read']({ path }));
      expect(['DENIED', 'INVALID_ARGUMENT'], `${path}: ${error.message}`).toContain(error.code);
    }
    // Case: Linux names are case-sensitive, so .ENV is another file (here: none).
    await expectCode(tools['fs.read']({ path: '.ENV' }), 'INVALID_ARGUMENT');
  });

  it('refuses a FIFO without hanging', async () => {
    mkfifo(join(tree.ws, 'pipe'));
    await within(expectDenied(tools['fs.read']({ path: 'pipe' }), 'fs.not-regular-file'), 2000);
  });

  it('refuses /dev/zero: by the policy, and by the tool even when /dev is in scope', async () => {
    await within(expectDenied(tools['fs.read']({ path: '/dev/zero' }), /^paths\./), 2000);
    const devTools = createFsTools({ scope: { workspace: tree.ws, read: [tree.ws, '/dev'] } });
    await within(expectDenied(devTools['fs.read']({ path: '/dev/zero' }), 'fs.not-regular-file'), 2000);
    await within(expectDenied(devTools['fs.read']({ path: '/dev/null' }), 'fs.not-regular-file'), 2000);
  });

  it('names the argument for missing files, directories and bad arguments', async () => {
    const missing = await expectCode(tools['fs.read']({ path: 'nope.txt' }), 'INVALID_ARGUMENT');
    expect(missing.message).toMatch(/^path: ".*nope\.txt" does not exist$/);
    const dir = await expectCode(tools['fs.read']({ path: 'sub' }), 'INVALID_ARGUMENT');
    expect(dir.message).toContain('use fs.list');
    expect(
      (await expectCode(tools['fs.read']({ path: 42 as unknown as string }), 'INVALID_ARGUMENT')).message,
    ).toMatch(/^path:/);
    expect(
      (await expectCode(tools['fs.read']({ path: 'notes.txt', offset: -1 }), 'INVALID_ARGUMENT')).message,
    ).toMatch(/^offset:/);
    expect(
      (await expectCode(tools['fs.read']({ path: 'notes.txt', follow: true } as never), 'INVALID_ARGUMENT'))
        .message,
    ).toMatch(/^follow: unknown argument/);
  });

  it('rejects with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(tools['fs.read']({ path: 'notes.txt' }, { signal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });

  it('refuses a directory swapped for a symlink between check and open (symlink swap race)', async () => {
    const t = makeTree();
    const sub = join(t.ws, 'sub');
    const raced = createFsTools({
      scope: scopeFor(t),
      hooks: {
        afterCheck: () => {
          renameSync(sub, `${sub}.real`);
          symlinkSync(join(t.outside, 'dir'), sub);
        },
      },
    });
    await expectDenied(raced['fs.read']({ path: 'sub/inner.txt' }), 'fs.symlink');
  });

  it('refuses a file swapped for a symlink between check and open', async () => {
    const t = makeTree();
    const file = join(t.ws, 'notes.txt');
    const raced = createFsTools({
      scope: scopeFor(t),
      hooks: {
        afterCheck: () => {
          rmSync(file);
          symlinkSync(join(t.outside, 'secret.txt'), file);
        },
      },
    });
    await expectDenied(raced['fs.read']({ path: 'notes.txt' }), 'fs.symlink');
  });

  it('refuses when a directory on the path is moved out of scope while it is being walked', async () => {
    const t = makeTree();
    mkdirSync(join(t.ws, 'sub', 'deep'));
    writeFileSync(join(t.ws, 'sub', 'deep', 'f.txt'), 'x');
    const raced = createFsTools({
      scope: scopeFor(t),
      hooks: {
        beforeComponent: (opened) => {
          // `sub` is open; move it outside before `deep` is opened inside it.
          if (opened === join(t.ws, 'sub')) renameSync(join(t.ws, 'sub'), join(t.outside, 'moved'));
        },
      },
    });
    await expectDenied(raced['fs.read']({ path: 'sub/deep/f.txt' }), 'fs.path-changed');
  });

  it('never returns outside content while another process swaps a directory and a symlink', async () => {
    const t = makeTree();
    const { spawn } = await import('node:child_process');
    const racer = join(t.ws, 'race');
    mkdirSync(racer);
    writeFileSync(join(racer, 'inner.txt'), 'inside\n');
    symlinkSync(join(t.outside, 'dir'), join(t.ws, 'race.evil'));
    const script = `
      const fs = require('fs');
      const [d, real, evil] = process.argv.slice(1);
      const end = Date.now() + 1500;
      while (Date.now() < end) {
        try { fs.renameSync(d, real); fs.renameSync(evil, d); fs.renameSync(d, evil); fs.renameSync(real, d); } catch {}
      }`;
    const child = spawn(process.execPath, ['-e', script, racer, `${racer}.real`, `${racer}.evil`], {
      stdio: 'ignore',
    });
    const raced = createFsTools({ scope: scopeFor(t) });
    const seen = new Map<string, number>();
    const deadline = Date.now() + 1200;
    while (Date.now() < deadline) {
      let outcome: string;
      try {
        const r = await raced['fs.read']({ path: 'race/inner.txt' });
        expect(r.content).not.toContain(SECRET);
        outcome = 'read';
      } catch (error) {
        const e = error as { code?: string; reasons?: { rule: string }[]; message: string };
        expect(e.message).not.toContain(SECRET);
        outcome = `${e.code}:${e.reasons?.[0]?.rule ?? ''}`;
      }
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
    await new Promise((resolve) => child.on('exit', resolve));
    expect(
      [...seen.keys()].every((k) => /^(read|DENIED:.*|INVALID_ARGUMENT:)$/.test(k)),
      JSON.stringify([...seen]),
    ).toBe(true);
    expect(seen.size).toBeGreaterThan(0);
  });
});
