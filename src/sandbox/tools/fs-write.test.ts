import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFsTools, type FsTools, type FsToolsOptions } from './fs-tools.js';
import type { FsWriteMode } from './fs-write.js';
import { expectCode, expectDenied, makeTree, mkfifo, SECRET, within } from './test-support/fixture.js';

let tree: ReturnType<typeof makeTree>;
let tools: FsTools;
const MODES: FsWriteMode[] = ['create', 'overwrite', 'append'];

function make(extra: Partial<FsToolsOptions> = {}): FsTools {
  return createFsTools({
    scope: { workspace: tree.ws, read: [tree.ws], write: [tree.out], deny: ['**/.env'] },
    ...extra,
  });
}

/** Temporary files the tool left behind anywhere in the write scope. */
function strayTemps(): string[] {
  return readdirSync(tree.out, { recursive: true })
    .map(String)
    .filter((name) => name.includes('.warden-'));
}

function secretIntact(): void {
  expect(readFileSync(join(tree.outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  expect(readFileSync(join(tree.outside, 'dir', 'inner.txt'), 'utf8')).toBe(SECRET);
}

beforeEach(() => {
  tree = makeTree();
  tools = make();
});

describe('fs.write', () => {
  it('creates a new file atomically with mode 0644 and no temporary file left', async () => {
    expect(await tools['fs.write']({ path: 'out/a.txt', content: 'héllo', mode: 'create' })).toEqual({
      bytes: 6,
    });
    expect(readFileSync(join(tree.out, 'a.txt'), 'utf8')).toBe('héllo');
    expect(statSync(join(tree.out, 'a.txt')).mode & 0o777).toBe(0o644);
    expect(statSync(join(tree.out, 'a.txt')).nlink).toBe(1);
    expect(strayTemps()).toEqual([]);
  });

  it('create fails when the target exists and leaves it untouched', async () => {
    writeFileSync(join(tree.out, 'a.txt'), 'old');
    const error = await expectCode(
      tools['fs.write']({ path: 'out/a.txt', content: 'new', mode: 'create' }),
      'INVALID_ARGUMENT',
    );
    expect(error.message).toMatch(/^path: ".*a\.txt" already exists/);
    expect(readFileSync(join(tree.out, 'a.txt'), 'utf8')).toBe('old');
    expect(strayTemps()).toEqual([]);
  });

  it('overwrite replaces the file, keeps its permission bits, and is the default mode', async () => {
    writeFileSync(join(tree.out, 'a.txt'), 'old content');
    chmodSync(join(tree.out, 'a.txt'), 0o600);
    await tools['fs.write']({ path: 'out/a.txt', content: 'new', mode: 'overwrite' });
    expect(readFileSync(join(tree.out, 'a.txt'), 'utf8')).toBe('new');
    expect(statSync(join(tree.out, 'a.txt')).mode & 0o777).toBe(0o600);
    await tools['fs.write']({ path: join(tree.out, 'a.txt'), content: 'default' });
    expect(readFileSync(join(tree.out, 'a.txt'), 'utf8')).toBe('default');
    await tools['fs.write']({ path: 'out/fresh.txt', content: 'x', mode: 'overwrite' });
    expect(readFileSync(join(tree.out, 'fresh.txt'), 'utf8')).toBe('x');
    expect(strayTemps()).toEqual([]);
  });

  it('append adds to the end, creates a missing file, and accepts append: true', async () => {
    await tools['fs.write']({ path: 'out/log.txt', content: 'one\n', mode: 'append' });
    await tools['fs.write']({ path: 'out/log.txt', content: 'two\n', mode: 'append' });
    await tools['fs.write']({ path: 'out/log.txt', content: 'three\n', append: true });
    expect(readFileSync(join(tree.out, 'log.txt'), 'utf8')).toBe('one\ntwo\nthree\n');
    await expectCode(
      tools['fs.write']({ path: 'out/log.txt', content: 'x', mode: 'create', append: true }),
      'INVALID_ARGUMENT',
    );
  });

  it('writes base64 content', async () => {
    await tools['fs.write']({ path: 'out/b.bin', content: 'AAEC/w==', encoding: 'base64' });
    expect([...readFileSync(join(tree.out, 'b.bin'))]).toEqual([0, 1, 2, 255]);
    await expectCode(
      tools['fs.write']({ path: 'out/b.bin', content: 'not base64!', encoding: 'base64' }),
      'INVALID_ARGUMENT',
    );
  });

  it('refuses ../ traversal and absolute paths outside the write scope', async () => {
    for (const mode of MODES) {
      await expectDenied(
        tools['fs.write']({ path: '../outside/secret.txt', content: 'x', mode }),
        'paths.outside-scope',
      );
      await expectDenied(
        tools['fs.write']({ path: 'out/../../outside/new.txt', content: 'x', mode }),
        'paths.outside-scope',
      );
      await expectDenied(
        tools['fs.write']({ path: join(tree.outside, 'secret.txt'), content: 'x', mode }),
        'paths.outside-scope',
      );
      // Readable is not writable.
      await expectDenied(tools['fs.write']({ path: 'notes.txt', content: 'x', mode }), 'paths.outside-scope');
    }
    secretIntact();
    expect(existsSync(join(tree.outside, 'new.txt'))).toBe(false);
  });

  it('refuses a symlink out of scope (file and directory component)', async () => {
    symlinkSync(join(tree.outside, 'secret.txt'), join(tree.out, 'file-link'));
    symlinkSync(join(tree.outside, 'dir'), join(tree.out, 'dir-link'));
    for (const mode of MODES) {
      await expectDenied(
        tools['fs.write']({ path: 'out/file-link', content: 'x', mode }),
        'paths.outside-scope',
      );
      await expectDenied(
        tools['fs.write']({ path: 'out/dir-link/inner.txt', content: 'x', mode }),
        'paths.outside-scope',
      );
      await expectDenied(
        tools['fs.write']({ path: 'out/dir-link/new.txt', content: 'x', mode }),
        'paths.outside-scope',
      );
    }
    secretIntact();
    expect(existsSync(join(tree.outside, 'dir', 'new.txt'))).toBe(false);
  });

  it('refuses writing through a dangling symlink', async () => {
    symlinkSync(join(tree.outside, 'created-by-agent.txt'), join(tree.out, 'dangling'));
    for (const mode of MODES) {
      await expectDenied(
        tools['fs.write']({ path: 'out/dangling', content: 'x', mode }),
        'paths.dangling-symlink',
      );
    }
    expect(existsSync(join(tree.outside, 'created-by-agent.txt'))).toBe(false);
  });

  it('refuses a dangling symlink planted between check and write (symlink swap race)', async () => {
    const target = join(tree.outside, 'planted.txt');
    const raced = make({ hooks: { afterCheck: () => symlinkSync(target, join(tree.out, 'new.txt')) } });
    await expectCode(
      raced['fs.write']({ path: 'out/new.txt', content: 'x', mode: 'create' }),
      'INVALID_ARGUMENT',
    );
    rmSync(join(tree.out, 'new.txt'));
    await expectDenied(
      raced['fs.write']({ path: 'out/new.txt', content: 'x', mode: 'overwrite' }),
      'fs.symlink',
    );
    rmSync(join(tree.out, 'new.txt'));
    await expectDenied(
      raced['fs.write']({ path: 'out/new.txt', content: 'x', mode: 'append' }),
      'fs.symlink',
    );
    expect(existsSync(target)).toBe(false);
    expect(strayTemps()).toEqual([]);
  });

  it('refuses an in-scope file swapped for a symlink to an outside file between check and write', async () => {
    writeFileSync(join(tree.out, 't.txt'), 'mine');
    const swap = () => {
      rmSync(join(tree.out, 't.txt'), { force: true });
      symlinkSync(join(tree.outside, 'secret.txt'), join(tree.out, 't.txt'));
    };
    for (const mode of ['overwrite', 'append'] as const) {
      const raced = make({ hooks: { afterCheck: swap } });
      await expectDenied(raced['fs.write']({ path: 'out/t.txt', content: 'pwned', mode }), 'fs.symlink');
      rmSync(join(tree.out, 't.txt'));
      writeFileSync(join(tree.out, 't.txt'), 'mine');
    }
    secretIntact();
  });

  it('refuses a directory component swapped for a symlink between check and write (symlink swap race)', async () => {
    mkdirSync(join(tree.out, 'sub'));
    const raced = make({
      hooks: {
        afterCheck: () => {
          renameSync(join(tree.out, 'sub'), join(tree.out, 'sub.real'));
          symlinkSync(join(tree.outside, 'dir'), join(tree.out, 'sub'));
        },
      },
    });
    for (const mode of MODES) {
      await expectDenied(
        raced['fs.write']({ path: 'out/sub/inner.txt', content: 'pwned', mode }),
        'fs.symlink',
      );
      rmSync(join(tree.out, 'sub'));
      renameSync(join(tree.out, 'sub.real'), join(tree.out, 'sub'));
    }
    secretIntact();
    expect(readdirSync(join(tree.outside, 'dir'))).toEqual(['inner.txt']);
  });

  it('never writes outside while another process swaps a directory and a symlink', async () => {
    const { spawn } = await import('node:child_process');
    const racer = join(tree.out, 'race');
    mkdirSync(racer);
    symlinkSync(join(tree.outside, 'dir'), `${racer}.evil`);
    const script = `
      const fs = require('fs');
      const [d, real, evil] = process.argv.slice(1);
      const end = Date.now() + 1200;
      while (Date.now() < end) {
        try { fs.renameSync(d, real); fs.renameSync(evil, d); fs.renameSync(d, evil); fs.renameSync(real, d); } catch {}
      }`;
    const child = spawn(process.execPath, ['-e', script, racer, `${racer}.real`, `${racer}.evil`], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 1000;
    let i = 0;
    while (Date.now() < deadline) {
      const mode = MODES[i++ % 3]!;
      await tools['fs.write']({ path: `out/race/f${i % 7}.txt`, content: 'pwned', mode }).catch(
        () => undefined,
      );
    }
    await exited;
    secretIntact();
    expect(readdirSync(join(tree.outside, 'dir'))).toEqual(['inner.txt']);
  });

  it('refuses a hard link to an outside file', async () => {
    linkSync(join(tree.outside, 'secret.txt'), join(tree.out, 'hard.txt'));
    await expectDenied(
      tools['fs.write']({ path: 'out/hard.txt', content: 'pwned', mode: 'overwrite' }),
      'fs.hard-link',
    );
    await expectDenied(
      tools['fs.write']({ path: 'out/hard.txt', content: 'pwned', mode: 'append' }),
      'fs.hard-link',
    );
    await expectCode(
      tools['fs.write']({ path: 'out/hard.txt', content: 'pwned', mode: 'create' }),
      'INVALID_ARGUMENT',
    );
    secretIntact();
    expect(strayTemps()).toEqual([]);
  });

  it('refuses a hard link to an outside file planted between check and append', async () => {
    writeFileSync(join(tree.out, 'h.txt'), 'mine');
    const raced = make({
      hooks: {
        afterCheck: () => {
          rmSync(join(tree.out, 'h.txt'));
          linkSync(join(tree.outside, 'secret.txt'), join(tree.out, 'h.txt'));
        },
      },
    });
    await expectDenied(
      raced['fs.write']({ path: 'out/h.txt', content: 'pwned', mode: 'append' }),
      'fs.hard-link',
    );
    secretIntact();
  });

  it('refuses overwriting a directory', async () => {
    mkdirSync(join(tree.out, 'adir'));
    writeFileSync(join(tree.out, 'adir', 'keep.txt'), 'keep');
    for (const mode of MODES) {
      await expectCode(tools['fs.write']({ path: 'out/adir', content: 'x', mode }), 'INVALID_ARGUMENT');
    }
    await expectCode(tools['fs.write']({ path: 'out', content: 'x' }), 'INVALID_ARGUMENT');
    await expectCode(tools['fs.write']({ path: 'out/', content: 'x' }), 'INVALID_ARGUMENT');
    expect(readFileSync(join(tree.out, 'adir', 'keep.txt'), 'utf8')).toBe('keep');
    expect(strayTemps()).toEqual([]);
  });

  it('refuses a directory swapped in over the target between check and rename', async () => {
    writeFileSync(join(tree.out, 'd.txt'), 'old');
    const raced = make({
      hooks: {
        beforeCommit: () => {
          rmSync(join(tree.out, 'd.txt'));
          mkdirSync(join(tree.out, 'd.txt'));
          writeFileSync(join(tree.out, 'd.txt', 'x'), 'x');
        },
      },
    });
    await expectCode(raced['fs.write']({ path: 'out/d.txt', content: 'new' }), 'INVALID_ARGUMENT');
    expect(strayTemps()).toEqual([]);
  });

  it('refuses a FIFO target without hanging', async () => {
    mkfifo(join(tree.out, 'pipe'));
    for (const mode of ['overwrite', 'append'] as const) {
      await within(
        expectDenied(tools['fs.write']({ path: 'out/pipe', content: 'x', mode }), 'fs.not-regular-file'),
        2000,
      );
    }
  });

  it('refuses huge writes before touching the disk', async () => {
    const small = make({ maxWriteBytes: 1024 });
    const error = await expectCode(
      small['fs.write']({ path: 'out/big.txt', content: 'x'.repeat(1025) }),
      'LIMIT_EXCEEDED',
    );
    expect(error.message).toMatch(/^content:/);
    await expectCode(small['fs.write']({ path: 'out/big.txt', content: 'é'.repeat(513) }), 'LIMIT_EXCEEDED');
    await expectCode(
      small['fs.write']({
        path: 'out/big.bin',
        content: Buffer.alloc(1025).toString('base64'),
        encoding: 'base64',
      }),
      'LIMIT_EXCEEDED',
    );
    await expectCode(
      tools['fs.write']({ path: 'out/big.txt', content: 'x'.repeat(1024 * 1024 + 1) }),
      'LIMIT_EXCEEDED',
    );
    expect(await small['fs.write']({ path: 'out/ok.txt', content: 'x'.repeat(1024) })).toEqual({
      bytes: 1024,
    });
    expect(existsSync(join(tree.out, 'big.txt'))).toBe(false);
    expect(strayTemps()).toEqual([]);
  });

  it('leaves no half-written target and no temporary file when the write fails', async () => {
    writeFileSync(join(tree.out, 'keep.txt'), 'original');
    const failing = make({
      hooks: {
        beforeCommit: () => {
          throw new Error('disk on fire');
        },
      },
    });
    await expect(
      failing['fs.write']({ path: 'out/keep.txt', content: 'replacement', mode: 'overwrite' }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(join(tree.out, 'keep.txt'), 'utf8')).toBe('original');
    await expect(
      failing['fs.write']({ path: 'out/new.txt', content: 'new', mode: 'create' }),
    ).rejects.toThrow('disk on fire');
    expect(existsSync(join(tree.out, 'new.txt'))).toBe(false);
    await expect(
      failing['fs.write']({ path: 'out/keep.txt', content: ' more', mode: 'append' }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(join(tree.out, 'keep.txt'), 'utf8')).toBe('original');
    expect(strayTemps()).toEqual([]);
  });

  it('refuses deny globs (**/.env) and NUL bytes in paths', async () => {
    for (const path of ['out/.env', 'out/./.env', 'out/../out/.env', join(tree.out, '.env')]) {
      await expectDenied(tools['fs.write']({ path, content: 'x' }), 'paths.denied-pattern');
    }
    await expectDenied(
      tools['fs.write']({ path: 'out/a.txt\u0000.png', content: 'x' }),
      'paths.control-character',
    );
    expect(existsSync(join(tree.out, '.env'))).toBe(false);
  });

  it('names the argument when the parent directory is missing or arguments are bad', async () => {
    expect(
      (await expectCode(tools['fs.write']({ path: 'out/none/a.txt', content: 'x' }), 'INVALID_ARGUMENT'))
        .message,
    ).toMatch(/^path: ".*none" does not exist$/);
    expect(
      (await expectCode(tools['fs.write']({ path: 'out/a.txt' } as never), 'INVALID_ARGUMENT')).message,
    ).toBe('content: is required');
    expect(
      (
        await expectCode(
          tools['fs.write']({ path: 'out/a.txt', content: 'x', mode: 'truncate' as never }),
          'INVALID_ARGUMENT',
        )
      ).message,
    ).toMatch(/^mode:/);
  });
});
