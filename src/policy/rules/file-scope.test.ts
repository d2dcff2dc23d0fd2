import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPath,
  compilePathGlob,
  trustedWorkspaceRoot,
  type FileAccess,
  type FileScope,
  type PathCheck,
} from './file-scope.js';

// base/
//   outside/secret.txt   ws-evil/x.txt
//   ws/                  <- workspace, files.read
//     README.md  src/app.ts  out/ (files.write)  .env  config/.env  secrets/key.pem
//     link-out -> ../outside     env-link -> .env     dangling -> ../nowhere
//     loop1 -> loop2  loop2 -> loop1
const base = realpathSync(mkdtempSync(join(tmpdir(), 'warden-scope-')));
const ws = join(base, 'ws');
const out = join(ws, 'out');
mkdirSync(join(base, 'outside'));
writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
mkdirSync(join(base, 'ws-evil'));
writeFileSync(join(base, 'ws-evil', 'x.txt'), 'x');
for (const d of ['src', 'out', 'config', 'secrets']) mkdirSync(join(ws, d), { recursive: true });
writeFileSync(join(ws, 'README.md'), '# hi');
writeFileSync(join(ws, 'src', 'app.ts'), 'export {};');
writeFileSync(join(ws, '.env'), 'TOKEN=x');
writeFileSync(join(ws, '.env.example'), 'TOKEN=');
writeFileSync(join(ws, 'config', '.env'), 'TOKEN=y');
writeFileSync(join(ws, 'secrets', 'key.pem'), 'KEY');
symlinkSync('../outside', join(ws, 'link-out'));
symlinkSync('.env', join(ws, 'env-link'));
symlinkSync('../nowhere', join(ws, 'dangling'));
symlinkSync('loop2', join(ws, 'loop1'));
symlinkSync('loop1', join(ws, 'loop2'));

afterAll(() => rmSync(base, { recursive: true, force: true }));

const deny = ['**/.env', 'secrets/**'].map((pattern) => ({ pattern, regex: compilePathGlob(pattern, ws) }));
const plainScope: FileScope = { workspace: ws, read: [ws], write: [out], deny };
// Each suite below runs twice: resolving with realpath(3) from `/`, and walking from the trusted root.
let scope: FileScope = plainScope;

function ok(raw: unknown, access: FileAccess = 'read', s: FileScope = scope): string {
  const result = checkPath(s, raw, access);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} allowed, got ${JSON.stringify(result)}`);
  return result.path;
}

function denied(
  raw: unknown,
  access: FileAccess = 'read',
  s: FileScope = scope,
): Extract<PathCheck, { ok: false }> {
  const result = checkPath(s, raw, access);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} denied, got ${result.path}`);
  expect(result.rule).toMatch(/^paths\.[a-z-]+$/);
  return result;
}

describe.each([
  ['realpath from /', () => plainScope],
  ['walk from the trusted workspace root', () => ({ ...plainScope, trustedRoot: ws })],
])('%s', (_name, make: () => FileScope) => {
  beforeAll(() => {
    scope = make();
  });

  describe('checkPath: allowed', () => {
    it('allows reads in files.read and writes in files.write, returning the canonical path', () => {
      expect(ok('README.md')).toBe(join(ws, 'README.md'));
      expect(ok('./src/../src/app.ts')).toBe(join(ws, 'src', 'app.ts'));
      expect(ok(ws)).toBe(ws);
      expect(ok('out/report.md', 'write')).toBe(join(out, 'report.md'));
      expect(ok('.env.example')).toBe(join(ws, '.env.example'));
    });

    it('resolves relative paths against cwd when given', () => {
      expect(checkPath(scope, 'app.ts', 'read', { cwd: join(ws, 'src') })).toEqual({
        ok: true,
        path: join(ws, 'src', 'app.ts'),
      });
    });
  });

  describe('checkPath: attacks', () => {
    it('denies a NUL byte', () => {
      expect(denied('README.md\u0000.png').rule).toBe('paths.control-character');
    });

    it('denies control characters', () => {
      expect(denied('README.md\n').rule).toBe('paths.control-character');
      expect(denied('src/\u001b[31mapp.ts').rule).toBe('paths.control-character');
    });

    it('denies .. traversal out of the workspace', () => {
      const result = denied('../outside/secret.txt');
      expect(result).toMatchObject({
        rule: 'paths.outside-scope',
        path: join(base, 'outside', 'secret.txt'),
      });
      expect(denied('../../../../../../../../etc/passwd').rule).toBe('paths.outside-scope');
      expect(denied('src/../../outside/secret.txt').rule).toBe('paths.outside-scope');
    });

    it('denies absolute paths outside', () => {
      expect(denied('/etc/passwd').rule).toBe('paths.outside-scope');
      expect(denied('/etc/shadow').rule).toBe('paths.outside-scope');
      expect(denied('//etc//passwd').rule).toBe('paths.outside-scope');
    });

    it('denies a sibling sharing the workspace as a name prefix (/w/ws-evil vs /w/ws)', () => {
      expect(denied(`${ws}-evil/x.txt`).rule).toBe('paths.outside-scope');
      expect(denied('../ws-evil/x.txt').rule).toBe('paths.outside-scope');
    });

    it('denies a symlink inside the workspace that points outside', () => {
      expect(denied('link-out/secret.txt')).toMatchObject({
        rule: 'paths.outside-scope',
        path: join(base, 'outside', 'secret.txt'),
      });
      expect(denied('link-out/new.txt', 'write').rule).toBe('paths.outside-scope');
    });

    it('denies link/../x where link points elsewhere (.. is physical)', () => {
      // Lexically ws/README.md; physically outside/../README.md = base/README.md.
      expect(denied('link-out/../README.md')).toMatchObject({
        rule: 'paths.outside-scope',
        path: join(base, 'README.md'),
      });
    });

    it('denies .. after a missing directory that would lexically land on a link (missing/../link-out/x)', () => {
      expect(denied('missing/../link-out/secret.txt').rule).toBe('paths.missing-parent');
    });

    it('denies writing through a dangling symlink', () => {
      const s: FileScope = { ...scope, write: [ws] };
      expect(denied('dangling', 'write', s).rule).toBe('paths.dangling-symlink');
    });

    it('denies a symlink loop', () => {
      expect(denied('loop1').rule).toBe('paths.symlink-loop');
    });

    it('denies ~/.ssh/id_rsa, spelled with ~ or absolutely', () => {
      expect(denied('~/.ssh/id_rsa').rule).toBe('paths.home-relative');
      expect(denied(join(homedir(), '.ssh', 'id_rsa')).rule).toBe('paths.outside-scope');
    });

    it('denies /proc/self/environ, even under a read-everything scope', () => {
      expect(denied('/proc/self/environ').rule).toBe('paths.outside-scope');
      const everything: FileScope = { workspace: ws, read: ['/'], write: [], deny: [] };
      expect(denied('/proc/self/environ', 'read', everything).rule).toBe('paths.special-filesystem');
      expect(denied('/sys/kernel/notes', 'read', everything).rule).toMatch(
        /^paths\.(special-filesystem|unresolvable)$/,
      );
    });

    it('denies /dev/sda unless granted, and a grant of /dev/null opens nothing else in /dev', () => {
      const everything: FileScope = { workspace: ws, read: ['/'], write: ['/'], deny: [] };
      expect(denied('/dev/sda', 'write', everything).rule).toBe('paths.special-filesystem');
      const withNull: FileScope = { ...everything, write: ['/', '/dev/null'] };
      expect(ok('/dev/null', 'write', withNull)).toBe('/dev/null');
      expect(denied('/dev/sda', 'write', withNull).rule).toBe('paths.special-filesystem');
      if (existsSync('/dev/zero'))
        expect(denied('/dev/zero', 'read', withNull).rule).toBe('paths.special-filesystem');
    });

    it('denies a write outside files.write that is inside files.read', () => {
      const result = denied('README.md', 'write');
      expect(result.rule).toBe('paths.outside-scope');
      expect(result.message).toContain('files.write');
      expect(ok('README.md', 'read')).toBe(join(ws, 'README.md'));
    });

    it('denies everything when no root is granted', () => {
      const none: FileScope = { workspace: ws, read: [], write: [], deny: [] };
      expect(denied('README.md', 'read', none).message).toContain('none granted');
    });

    it('denies backslashes', () => {
      expect(denied('..\\outside\\secret.txt').rule).toBe('paths.backslash');
    });

    it('denies ... and ..;', () => {
      expect(denied('.../outside').rule).toBe('paths.dot-segment');
      expect(denied('..;/outside/secret.txt').rule).toBe('paths.dot-segment');
    });

    it('denies percent-encoded traversal', () => {
      expect(denied('%2e%2e/outside/secret.txt').rule).toBe('paths.encoded-traversal');
      expect(denied('%252e%252e%252foutside').rule).toBe('paths.encoded-traversal');
      expect(denied('%c0%ae%c0%ae/outside').rule).toBe('paths.bad-encoding');
    });

    it('denies fullwidth dots', () => {
      expect(denied('\uff0e\uff0e/outside/secret.txt').rule).toBe('paths.confusable');
    });

    it('denies bidi override characters', () => {
      expect(denied('src/\u202ests.ppa').rule).toBe('paths.control-character');
    });

    it('denies files.deny patterns **/.env and secrets/**, also through a symlink', () => {
      expect(denied('.env')).toMatchObject({ rule: 'paths.denied-pattern', path: join(ws, '.env') });
      expect(denied('config/.env').rule).toBe('paths.denied-pattern');
      expect(denied('env-link')).toMatchObject({ rule: 'paths.denied-pattern', path: join(ws, '.env') });
      expect(denied('secrets/key.pem').rule).toBe('paths.denied-pattern');
      expect(denied('secrets/new.pem', 'write', { ...scope, write: [ws] }).rule).toBe('paths.denied-pattern');
      expect(denied('src/../secrets/key.pem').rule).toBe('paths.denied-pattern');
    });
  });

  it('denies a file used as a directory (file/.. is ENOTDIR, not its parent)', () => {
    expect(denied('README.md/..').rule).toBe('paths.not-a-directory');
    expect(denied('README.md/x').rule).toBe('paths.not-a-directory');
  });
});

describe('trustedWorkspaceRoot', () => {
  it('trusts an existing workspace whose parent no write scope covers', () => {
    expect(trustedWorkspaceRoot(ws, [out], true)).toBe(ws);
    expect(trustedWorkspaceRoot(ws, [ws], true)).toBe(ws);
  });
  it('does not trust a workspace the agent could replace, or one that did not exist', () => {
    expect(trustedWorkspaceRoot(ws, [base], true)).toBeUndefined();
    expect(trustedWorkspaceRoot(ws, ['/'], true)).toBeUndefined();
    expect(trustedWorkspaceRoot(ws, [out], false)).toBeUndefined();
  });
});

describe('compilePathGlob', () => {
  it('compiles globs: ** spans directories, * and ? stay in one segment, bare names match anywhere', () => {
    expect(compilePathGlob('**/.env', '/ws').test('/ws/a/b/.env')).toBe(true);
    expect(compilePathGlob('**/.env', '/ws').test('/ws/.env.local')).toBe(false);
    expect(compilePathGlob('.env', '/ws').test('/elsewhere/.env')).toBe(true);
    expect(compilePathGlob('*.pem', '/ws').test('/ws/keys/a.pem')).toBe(true);
    expect(compilePathGlob('secrets/**', '/ws').test('/ws/secrets/a/b')).toBe(true);
    expect(compilePathGlob('secrets/**', '/ws').test('/ws/notsecrets/a')).toBe(false);
    expect(compilePathGlob('secrets/*', '/ws').test('/ws/secrets/a/b')).toBe(true); // below a denied entry
    expect(compilePathGlob('/etc/**', '/ws').test('/etc/passwd')).toBe(true);
    expect(compilePathGlob('id_?sa', '/ws').test('/home/u/.ssh/id_rsa')).toBe(true);
    expect(compilePathGlob('a.b', '/ws').test('/ws/axb')).toBe(false);
  });
});
