import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath, type FileScope } from './file-scope.js';
import {
  isWithin,
  MAX_PATH_LENGTH,
  type PathFs,
  type PathResolution,
  resolveAgentPath,
} from './resolve-path.js';

// base/
//   outside/secret.txt
//   ws/                      <- the workspace (base for relative paths)
//     a.txt  dir/b.txt  dir/sub/
//     link-out -> ../outside        link-in -> dir        file-link -> ../outside/secret.txt
//     dangling -> ../nowhere        loop1 -> loop2        loop2 -> loop1
//   ws-evil/x.txt            <- a sibling sharing the workspace's name as a prefix
const base = realpathSync(mkdtempSync(join(tmpdir(), 'warden-resolve-')));
const ws = join(base, 'ws');
mkdirSync(join(base, 'outside'));
writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
mkdirSync(join(ws, 'dir', 'sub'), { recursive: true });
writeFileSync(join(ws, 'a.txt'), 'a');
writeFileSync(join(ws, 'dir', 'b.txt'), 'b');
symlinkSync('../outside', join(ws, 'link-out'));
symlinkSync('dir', join(ws, 'link-in'));
symlinkSync('../outside/secret.txt', join(ws, 'file-link'));
symlinkSync('../nowhere', join(ws, 'dangling'));
symlinkSync('loop2', join(ws, 'loop1'));
symlinkSync('loop1', join(ws, 'loop2'));
mkdirSync(join(base, 'ws-evil'));
writeFileSync(join(base, 'ws-evil', 'x.txt'), 'x');

afterAll(() => rmSync(base, { recursive: true, force: true }));

function resolved(raw: unknown, at = ws): string {
  const result = resolveAgentPath(raw, { base: at });
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(raw)} to resolve, got ${JSON.stringify(result)}`);
  return result.path;
}

function refused(raw: unknown): string {
  const result = resolveAgentPath(raw, { base: ws });
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused, got ${result.path}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.code;
}

describe('resolveAgentPath: resolution', () => {
  it('resolves relative paths against the base and keeps absolute ones', () => {
    expect(resolved('dir/b.txt')).toBe(join(ws, 'dir', 'b.txt'));
    expect(resolved('./dir/./b.txt')).toBe(join(ws, 'dir', 'b.txt'));
    expect(resolved('dir//b.txt')).toBe(join(ws, 'dir', 'b.txt'));
    expect(resolved(`${ws}/a.txt`)).toBe(join(ws, 'a.txt'));
    expect(resolved('.')).toBe(ws);
  });

  it('appends the missing tail of a path lexically (files about to be written)', () => {
    expect(resolved('dir/new.txt')).toBe(join(ws, 'dir', 'new.txt'));
    expect(resolved('new/deeper/file.txt')).toBe(join(ws, 'new', 'deeper', 'file.txt'));
    expect(resolved('link-in/new.txt')).toBe(join(ws, 'dir', 'new.txt'));
  });

  it('resolves .. traversal to where it really goes (the scope check refuses it)', () => {
    expect(resolved('../outside/secret.txt')).toBe(join(base, 'outside', 'secret.txt'));
    expect(resolved('../../../../../../../../etc/passwd')).toBe('/etc/passwd');
    expect(resolved('dir/../../ws-evil/x.txt')).toBe(join(base, 'ws-evil', 'x.txt'));
  });

  it('follows a symlink inside the workspace that points outside', () => {
    expect(resolved('link-out/secret.txt')).toBe(join(base, 'outside', 'secret.txt'));
    expect(resolved('file-link')).toBe(join(base, 'outside', 'secret.txt'));
    expect(resolved('link-out/new.txt')).toBe(join(base, 'outside', 'new.txt'));
  });

  it('applies .. to the physical parent: link/../x leaves through the link target', () => {
    // Lexically this is ws/secret.txt; the kernel goes to outside/.. = base.
    expect(resolved('link-out/../outside/secret.txt')).toBe(join(base, 'outside', 'secret.txt'));
    expect(resolved('link-out/../new.txt')).toBe(join(base, 'new.txt'));
    expect(resolved('link-in/../a.txt')).toBe(join(ws, 'a.txt'));
  });

  it('refuses .. after a missing directory instead of resolving it lexically (missing/../link-out)', () => {
    // Lexically `ws/link-out/secret.txt`, inside the workspace by name but a link to outside.
    expect(refused('missing/../link-out/secret.txt')).toBe('missing-parent');
    expect(refused('missing/../a.txt')).toBe('missing-parent');
  });

  it('refuses a dangling symlink, which a write would follow to create its target', () => {
    expect(refused('dangling')).toBe('dangling-symlink');
    expect(refused('dangling/file.txt')).toBe('dangling-symlink');
  });

  it('refuses a symlink loop', () => {
    expect(refused('loop1')).toBe('symlink-loop');
    expect(refused('loop1/x')).toBe('symlink-loop');
  });

  it('refuses a path through a file', () => {
    expect(refused('a.txt/x')).toBe('not-a-directory');
  });

  it('maps filesystem errors to stable codes (injected fs)', () => {
    const failing = (code: string): PathFs => ({
      realpath: () => {
        throw Object.assign(new Error(code), { code });
      },
      isSymlink: () => false,
    });
    const codeOf = (r: PathResolution) => (r.ok ? 'ok' : r.code);
    expect(codeOf(resolveAgentPath('x', { base: ws, fs: failing('EACCES') }))).toBe('unreadable');
    expect(codeOf(resolveAgentPath('x', { base: ws, fs: failing('ENAMETOOLONG') }))).toBe('too-long');
    expect(codeOf(resolveAgentPath('x', { base: ws, fs: failing('EIO') }))).toBe('unresolvable');
  });

  it('refuses a relative base directory', () => {
    expect(resolveAgentPath('a.txt', { base: 'ws' })).toMatchObject({ ok: false, code: 'relative-base' });
  });
});

describe('resolveAgentPath: spelling attacks', () => {
  it('refuses a NUL byte (C truncates at it: a.txt\\0.png opens a.txt)', () => {
    expect(refused('a.txt\u0000.png')).toBe('control-character');
  });

  it('refuses control characters', () => {
    for (const raw of ['a\nb', 'a\rb', 'a\tb', 'a\u001bb', 'a\u007fb', 'a\u0085b']) {
      expect(refused(raw)).toBe('control-character');
    }
  });

  it('refuses bidi override and invisible characters', () => {
    for (const raw of [
      'invoice\u202eexe.txt',
      'a\u200bb',
      'a\u2066b',
      'a\ufeffb',
      'a\u00adb',
      'a\u061cb',
      'a\u2028b',
    ]) {
      expect(refused(raw)).toBe('control-character');
    }
  });

  it('refuses backslashes', () => {
    expect(refused('..\\..\\etc\\passwd')).toBe('backslash');
    expect(refused('dir\\b.txt')).toBe('backslash');
  });

  it('refuses ..., ..; and other dot-dot look-alikes', () => {
    for (const raw of [
      '.../etc/passwd',
      '..;/etc/passwd',
      '....//etc/passwd',
      'dir/..../x',
      '.. /x',
      '..%00/x',
    ]) {
      expect(refused(raw)).toBe('dot-segment');
    }
  });

  it('refuses percent-encoded traversal in every layer', () => {
    expect(refused('%2e%2e/etc/passwd')).toBe('encoded-traversal');
    expect(refused('..%2fetc%2fpasswd')).toBe('dot-segment');
    expect(refused('dir%2f%2e%2e%2f%2e%2e%2fetc')).toBe('encoded-traversal');
    expect(refused('%252e%252e%252fetc')).toBe('encoded-traversal');
    expect(refused('%25252e%25252e%25252fetc')).toBe('encoded-traversal');
    expect(refused('%2fetc%2fpasswd')).toBe('encoded-traversal');
    expect(refused('%2e%2e%2e/x')).toBe('encoded-traversal');
    expect(refused('%7e/.ssh/id_rsa')).toBe('encoded-traversal');
    expect(refused('a%00.png')).toBe('encoded-traversal');
    expect(refused('%5c..%5cetc')).toBe('encoded-traversal');
  });

  it('refuses malformed or non-standard percent escapes (overlong UTF-8, %u, %%32%65)', () => {
    expect(refused('%c0%ae%c0%ae/etc/passwd')).toBe('bad-encoding');
    expect(refused('%u002e%u002e/etc/passwd')).toBe('bad-encoding');
    expect(refused('%%32%65%%32%65/etc/passwd')).toBe('bad-encoding');
    expect(refused('%2%e%2%e/etc/passwd')).toBe('bad-encoding');
    expect(refused('%25u002e%25u002e/etc/passwd')).toBe('bad-encoding');
  });

  it('accepts percent escapes that decode to a plain name', () => {
    expect(resolved('my%20notes.txt')).toBe(join(ws, 'my%20notes.txt'));
    expect(resolved('caf%C3%A9.txt')).toBe(join(ws, 'caf%C3%A9.txt'));
  });

  it('refuses a literal % that starts no escape, in any layer (a deliberate false block of 100%.txt)', () => {
    expect(refused('100%.txt')).toBe('bad-encoding');
    expect(refused('100%25.txt')).toBe('bad-encoding');
  });

  it('refuses fullwidth dots and other compatibility forms of . and /', () => {
    expect(refused('\uff0e\uff0e/etc/passwd')).toBe('confusable'); // ．．
    expect(refused('\u2025/etc/passwd')).toBe('confusable'); // ‥
    expect(refused('.\uff0e/etc/passwd')).toBe('confusable');
    expect(refused('dir\uff0fb.txt')).toBe('confusable'); // ／
    expect(refused('%ef%bc%8e%ef%bc%8e/etc/passwd')).toBe('encoded-traversal');
  });

  it('refuses home-relative paths (~/.ssh/id_rsa)', () => {
    expect(refused('~/.ssh/id_rsa')).toBe('home-relative');
    expect(refused('~root/.ssh/id_rsa')).toBe('home-relative');
  });

  it('refuses Windows drive letters (C:/boot.ini, c:boot.ini)', () => {
    expect(refused('C:/boot.ini')).toBe('drive-letter');
    expect(refused('c:boot.ini')).toBe('drive-letter');
  });

  it('refuses glob characters (.?/ matches ../ when expanded)', () => {
    expect(refused('.?/.?/etc/passwd')).toBe('glob-character');
    expect(refused('*/secret.txt')).toBe('glob-character');
  });

  it('refuses escapes of path syntax in other notations (0x2e0x2e0x2f, &#46;&#46;&#47;)', () => {
    expect(refused('0x2e0x2e0x2fetc0x2fpasswd')).toBe('escaped-separator');
    expect(refused('&#46;&#46;&#47;etc')).toBe('escaped-separator');
    expect(refused('&#x2E;&#x2e;&sol;etc')).toBe('escaped-separator');
    expect(refused('0x2e0x2e/etc/passwd')).toBe('escaped-separator');
    // A hex number that merely starts with 2e is a name (e.g. an address), not an escape.
    expect(resolved('wallets/0x2e8a4b0c.json')).toBe(join(ws, 'wallets', '0x2e8a4b0c.json'));
  });

  it('refuses U+FFFD, the trace of a failed decoding', () => {
    expect(refused('\ufffd\ufffd/etc/passwd')).toBe('replacement-character');
  });

  it('refuses non-strings, the empty string and over-long paths', () => {
    expect(refused(undefined)).toBe('not-a-string');
    expect(refused(['a.txt'])).toBe('not-a-string');
    expect(refused('')).toBe('empty');
    expect(refused('a'.repeat(MAX_PATH_LENGTH + 1))).toBe('too-long');
  });
});

describe('isWithin', () => {
  it('never counts a sibling prefix as inside (/w/work-evil vs /w/work)', () => {
    expect(isWithin('/w/work-evil', '/w/work')).toBe(false);
    expect(isWithin('/w/work-evil/x', '/w/work')).toBe(false);
    expect(isWithin('/w/workx', '/w/work')).toBe(false);
    expect(isWithin('/w/work', '/w/work')).toBe(true);
    expect(isWithin('/w/work/x', '/w/work')).toBe(true);
    expect(isWithin('/w', '/w/work')).toBe(false);
    expect(isWithin('/anything', '/')).toBe(true);
  });
});

describe('resolveAgentPath properties', () => {
  // A symlink-free tree, so that physical and lexical resolution agree.
  const plain = join(base, 'plain');
  for (const d of ['a/b/c', 'a/d', 'e']) mkdirSync(join(plain, d), { recursive: true });
  writeFileSync(join(plain, 'a', 'f.txt'), 'f');
  const plainScope: FileScope = { workspace: plain, read: [plain], write: [plain], deny: [] };
  const segment = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x', 'f.txt', '.', '..', '');
  const rawPath = fc.array(segment, { minLength: 1, maxLength: 8 }).map((s) => s.join('/'));
  const canonical = (p: string) =>
    p.startsWith('/') &&
    (p === '/' || !p.endsWith('/')) &&
    !p
      .slice(1)
      .split('/')
      .some((s) => s === '' || s === '.' || s === '..');

  it('allowed paths are canonical, absolute, inside the root, and equal path.resolve', () => {
    fc.assert(
      fc.property(rawPath, (raw) => {
        const result = checkPath(plainScope, raw, 'read');
        if (!result.ok) return;
        expect(canonical(result.path)).toBe(true);
        expect(isWithin(result.path, plain)).toBe(true);
        expect(result.path).toBe(resolve(plain, raw));
      }),
      { numRuns: 1000 },
    );
  });

  it('never treats a sibling prefix as inside', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (suffix) => {
        fc.pre(!suffix.startsWith('/'));
        expect(isWithin(`${ws}${suffix}`, ws)).toBe(false);
        expect(isWithin(`${ws}${suffix}/x`, ws)).toBe(false);
        const scope: FileScope = { workspace: ws, read: [ws], write: [ws], deny: [] };
        expect(checkPath(scope, `${ws}${suffix}`, 'read').ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent, and what it allows through symlinks never leaves the root', () => {
    const scope: FileScope = { workspace: ws, read: [ws], write: [ws], deny: [] };
    const linked = fc.constantFrom('dir', 'sub', 'b.txt', 'a.txt', 'link-in', 'link-out', 'x', '.', '..', '');
    fc.assert(
      fc.property(fc.array(linked, { minLength: 1, maxLength: 8 }), (segments) => {
        const raw = segments.join('/');
        const first = resolveAgentPath(raw, { base: ws });
        if (!first.ok) return;
        expect(resolveAgentPath(first.path, { base: ws })).toEqual(first);
        expect(resolveAgentPath(first.path, { base: '/' })).toEqual(first);
        const checked = checkPath(scope, raw, 'read');
        if (checked.ok) {
          expect(isWithin(checked.path, ws)).toBe(true);
          // The deepest existing ancestor, resolved by the kernel, is inside too.
          let probe = checked.path;
          for (;;) {
            try {
              expect(isWithin(realpathSync(probe), ws)).toBe(true);
              break;
            } catch (error) {
              if ((error as { code?: string }).code !== 'ENOENT') throw error;
              probe = resolve(probe, '..');
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('walking from a trusted root resolves exactly like realpath from /, symlinks included', () => {
    const linked = fc.constantFrom(
      'dir',
      'sub',
      'b.txt',
      'a.txt',
      'link-in',
      'link-out',
      'file-link',
      'dangling',
      'loop1',
      'x',
      '.',
      '..',
      '',
    );
    fc.assert(
      fc.property(fc.array(linked, { minLength: 1, maxLength: 8 }), (segments) => {
        const raw = segments.join('/');
        const fromRoot = resolveAgentPath(raw, { base: ws });
        const fromTrusted = resolveAgentPath(raw, { base: ws, trustedRoot: ws });
        if (fromRoot.ok) expect(fromTrusted).toEqual(fromRoot);
        // Both refuse the same paths; the reason may differ (realpath reports ENOTDIR where the
        // walk sees the file first).
        else expect(fromTrusted.ok, raw).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
