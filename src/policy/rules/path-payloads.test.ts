import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath, type FileScope } from './file-scope.js';
import { isWithin } from './resolve-path.js';

/**
 * Every directory-traversal and file-inclusion payload of PayloadsAllTheThings, in every decoding a
 * consumer might apply, must be denied when read relative to a fixed workspace root.
 */

const DATASET_URL = new URL('../../../../shared/datasets/payloads/payloadsallthethings/', import.meta.url);
const DATASET = fileURLToPath(DATASET_URL);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['Directory_Traversal', 'File_Inclusion'];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  sol: '/',
  bsol: '\\',
  period: '.',
  colon: ':',
  percnt: '%',
  tilde: '~',
  nbsp: '\u00a0',
};

function htmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * UTF-8 decode as a careless decoder would: overlong forms (`C0 AE` = '.') and 5/6-byte forms are
 * accepted, so `%c0%ae%c0%ae/` becomes `../`. With `strict`, such bytes become U+FFFD instead.
 */
function decodeBytes(bytes: number[], strict: boolean): string {
  if (strict) return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const extra = b >= 0xfc ? 5 : b >= 0xf8 ? 4 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let code = extra === 0 ? b : b & (0x3f >> extra);
    let ok = b < 0x80 || extra > 0;
    for (let k = 1; ok && k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else code = code * 64 + (c & 0x3f);
    }
    if (ok && code <= 0x10ffff) {
      out += String.fromCodePoint(code);
      i += extra + 1;
    } else {
      out += '\ufffd';
      i += 1;
    }
  }
  return out;
}

/** One percent-decoding layer that decodes only valid `%XX` (and IIS `%uXXXX`) and leaves the rest. */
function percentDecode(text: string, strict: boolean): string {
  return text.replace(/(?:%[0-9a-f]{2})+|%u[0-9a-f]{4}/gi, (run) => {
    if (run[1] === 'u' || run[1] === 'U') return String.fromCharCode(Number.parseInt(run.slice(2), 16));
    const bytes: number[] = [];
    for (let i = 0; i < run.length; i += 3) bytes.push(Number.parseInt(run.slice(i + 1, i + 3), 16));
    return decodeBytes(bytes, strict);
  });
}

/** The payload as-is, HTML-entity decoded, and percent-decoded up to 3 layers by both decoders. */
function variants(payload: string): Set<string> {
  const out = new Set<string>([payload, htmlDecode(payload)]);
  for (const start of [payload, htmlDecode(payload)]) {
    for (const strict of [true, false]) {
      let layer = start;
      for (let i = 0; i < 3; i++) {
        const next = percentDecode(layer, strict);
        if (next === layer) break;
        layer = next;
        out.add(layer);
        out.add(htmlDecode(layer));
      }
    }
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Payload lines that name a file inside the workspace without any traversal, in every decoding, so
 * that a read scope of "the workspace" rightly allows them. They are listed, not skipped: the test
 * fails if any other line gets through, or if one of these stops getting through.
 */
const HARMLESS: Record<string, { why: string; lines: number[] }[]> = {
  'Directory_Traversal/Intruder/directory_traversal.txt': [
    { why: '.htaccess and ././.htaccess, also fully percent-encoded', lines: [54, 55, 59, 60, 64, 65] },
  ],
  'File_Inclusion/Intruders/JHADDIX_LFI.txt': [
    {
      why: 'web-app file names: config.php, .htpasswd, passwd, admin/access_log, "etc/passwd" (relative)',
      lines: [
        25, 86, 88, 90, 91, 94, 105, 106, 107, 108, 109, 110, 276, 393, 396, 417, 418, 432, 434, 435, 437,
        439,
      ].concat([469, 475, 477, 478]),
    },
    {
      why: 'base64 blobs for php://filter/convert.base64-decode; as paths, plain names',
      lines: range(830, 879),
    },
  ],
  'File_Inclusion/Intruders/Traversal.txt': [
    {
      why: 'comment and header lines, and the stray word "Statement"',
      lines: [...range(848, 854), 2556, 3568, 3569, 3570],
    },
    {
      why: '.htaccess and ././.htaccess, also fully percent-encoded',
      lines: [2610, 2611, 2615, 2616, 2620, 2621],
    },
  ],
  'File_Inclusion/Intruders/php-filter-iconv.txt': [
    { why: 'php://filter iconv chain elements (convert.iconv.X.Y), not paths', lines: range(1, 50) },
  ],
};

describe('PayloadsAllTheThings traversal and LFI payloads', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'warden-payloads-')));
  const workspace = join(base, 'home', 'agent', 'workspace');
  mkdirSync(join(workspace, 'src'), { recursive: true });
  mkdirSync(join(workspace, 'public'), { recursive: true });
  writeFileSync(join(workspace, 'README.md'), '# demo\n');
  writeFileSync(join(workspace, 'src', 'app.js'), 'console.log(1);\n');
  writeFileSync(join(workspace, 'public', 'index.html'), '<p>hi</p>\n');
  writeFileSync(join(base, 'secret.txt'), 'outside\n');
  const scope: FileScope = { workspace, read: [workspace], write: [workspace], deny: [] };

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('finds the dataset next to the repository', () => {
    expect(
      existsSync(DATASET),
      `payload dataset missing at ${DATASET}; expected ../shared/datasets relative to the repository`,
    ).toBe(true);
    expect(DATASET).toBe(
      join(dirname(REPO_ROOT.replace(/\/$/, '')), 'shared/datasets/payloads/payloadsallthethings/'),
    );
  });

  it('denies every line in every decoding, except the listed harmless file names', () => {
    const files = FOLDERS.flatMap((folder) => {
      const dir = join(DATASET, folder);
      expect(existsSync(dir), `payload folder missing: ${dir}`).toBe(true);
      return listFiles(dir);
    });
    expect(files.length).toBeGreaterThan(0);
    const harmless = new Set(
      Object.entries(HARMLESS).flatMap(([file, groups]) =>
        groups.flatMap((g) => g.lines.map((n) => `${file}:${n}`)),
      ),
    );
    let lines = 0;
    let checked = 0;
    let denied = 0;
    const allowedLines = new Set<string>();
    const unexpected: string[] = [];
    for (const file of files) {
      const name = relative(DATASET, file);
      readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .forEach((line, index) => {
          lines++;
          const key = `${name}:${index + 1}`;
          for (const variant of variants(line.replaceAll('{FILE}', 'etc/passwd'))) {
            checked++;
            const result = checkPath(scope, variant, 'read');
            if (!result.ok) {
              denied++;
              continue;
            }
            allowedLines.add(key);
            // A harmless line must stay a plain name below the workspace.
            if (!harmless.has(key) || !isWithin(result.path, workspace) || /(^|\/)\.\.(\/|$)/.test(variant)) {
              unexpected.push(`${key} ${JSON.stringify(variant)} -> ${result.path}`);
            }
          }
        });
    }
    console.log(
      JSON.stringify({
        test: 'path-payloads',
        files: files.length,
        lines,
        variants: checked,
        denied,
        allowedHarmless: checked - denied,
        harmlessLines: allowedLines.size,
      }),
    );
    expect(unexpected.slice(0, 50)).toEqual([]);
    expect([...harmless].filter((key) => !allowedLines.has(key))).toEqual([]);
  });
});
