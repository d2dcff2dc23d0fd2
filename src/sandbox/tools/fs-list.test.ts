import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFsTools, type FsTools, type FsToolsOptions } from './fs-tools.js';
import { expectCode, expectDenied, makeTree, mkfifo } from './test-support/fixture.js';

let tree: ReturnType<typeof makeTree>;
let tools: FsTools;

function make(extra: Partial<FsToolsOptions> = {}, t = tree): FsTools {
  return createFsTools({
    scope: { workspace: t.ws, read: [t.ws], write: [t.out], deny: ['**/.env'] },
    ...extra,
  });
}

beforeAll(() => {
  tree = makeTree();
  mkdirSync(join(tree.ws, 'sub', 'deeper', 'deepest'), { recursive: true });
  writeFileSync(join(tree.ws, 'sub', 'deeper', 'd.txt'), 'abc');
  mkfifo(join(tree.ws, 'pipe'));
  tools = make();
});

describe('fs.list', () => {
  it('lists names, types and sizes, sorted, with symlinks reported as symlinks and no target', async () => {
    const { entries, truncated } = await tools['fs.list']({ path: '.' });
    expect(truncated).toBe(false);
    expect(entries).toEqual([
      { name: 'config', type: 'directory', size: 0 },
      { name: 'env-link', type: 'symlink', size: 0 },
      { name: 'link-out', type: 'symlink', size: 0 },
      { name: 'notes.txt', type: 'file', size: 12 },
      { name: 'out', type: 'directory', size: 0 },
      { name: 'pipe', type: 'other', size: 0 },
      { name: 'secret-link', type: 'symlink', size: 0 },
      { name: 'sub', type: 'directory', size: 0 },
    ]);
  });

  it('leaves out entries matching deny globs (**/.env), also when recursing', async () => {
    const { entries } = await tools['fs.list']({ path: '.', recursive: true });
    expect(entries.map((e) => e.name)).not.toContain('.env');
    expect(entries.map((e) => e.name)).not.toContain('config/.env');
    expect(entries.map((e) => e.name)).toContain('config');
  });

  it('recurses depth-first without following symlinked directories', async () => {
    const { entries } = await tools['fs.list']({ path: '.', recursive: true });
    const names = entries.map((e) => e.name);
    expect(names).toContain('sub/deeper/d.txt');
    expect(names).toContain('sub/deeper/deepest');
    expect(names.some((n) => n.startsWith('link-out/'))).toBe(false);
    expect(names.indexOf('sub/inner.txt')).toBeGreaterThan(names.indexOf('sub'));
  });

  it('bounds depth', async () => {
    const two = (await tools['fs.list']({ path: 'sub', maxDepth: 2 })).entries.map((e) => e.name);
    expect(two).toEqual(['deeper', 'deeper/d.txt', 'deeper/deepest', 'inner.txt']);
    expect((await tools['fs.list']({ path: 'sub' })).entries.map((e) => e.name)).toEqual([
      'deeper',
      'inner.txt',
    ]);
    const shallow = make({ maxDepth: 2 });
    await expectCode(shallow['fs.list']({ path: '.', maxDepth: 3 }), 'INVALID_ARGUMENT');
    expect(
      (await shallow['fs.list']({ path: '.', recursive: true })).entries.map((e) => e.name),
    ).not.toContain('sub/deeper/d.txt');
    await expectCode(tools['fs.list']({ path: '.', recursive: false, maxDepth: 3 }), 'INVALID_ARGUMENT');
  });

  it('bounds entries with truncated: true', async () => {
    const t = makeTree();
    mkdirSync(join(t.ws, 'many'));
    for (let i = 0; i < 50; i++) writeFileSync(join(t.ws, 'many', `f${String(i).padStart(2, '0')}`), '');
    const few = make({ maxEntries: 10 }, t);
    const { entries, truncated } = await few['fs.list']({ path: 'many' });
    expect(truncated).toBe(true);
    expect(entries).toHaveLength(10);
    const all = await make({ maxEntries: 50 }, t)['fs.list']({ path: 'many' });
    expect(all).toMatchObject({ truncated: false });
    expect(all.entries).toHaveLength(50);
    const recursive = await few['fs.list']({ path: '.', recursive: true });
    expect(recursive).toMatchObject({ truncated: true });
    expect(recursive.entries).toHaveLength(10);
  });

  it('refuses ../ traversal, absolute paths outside the scope and symlinked directories out of scope', async () => {
    await expectDenied(tools['fs.list']({ path: '..' }), 'paths.outside-scope');
    await expectDenied(tools['fs.list']({ path: tree.outside }), 'paths.outside-scope');
    await expectDenied(tools['fs.list']({ path: 'link-out' }), 'paths.outside-scope');
    await expectDenied(tools['fs.list']({ path: 'sub\u0000' }), 'paths.control-character');
  });

  it('refuses a directory swapped for a symlink between check and open (symlink swap race)', async () => {
    const t = makeTree();
    const raced = make(
      {
        hooks: {
          afterCheck: () => {
            renameSync(join(t.ws, 'sub'), join(t.ws, 'sub.real'));
            symlinkSync(join(t.outside, 'dir'), join(t.ws, 'sub'));
          },
        },
      },
      t,
    );
    await expectDenied(raced['fs.list']({ path: 'sub' }), 'fs.symlink');
  });

  it('names the argument for files and missing paths', async () => {
    expect((await expectCode(tools['fs.list']({ path: 'notes.txt' }), 'INVALID_ARGUMENT')).message).toMatch(
      /^path: ".*notes\.txt" is not a directory$/,
    );
    expect((await expectCode(tools['fs.list']({ path: 'none' }), 'INVALID_ARGUMENT')).message).toMatch(
      /^path: ".*none" does not exist$/,
    );
  });
});
