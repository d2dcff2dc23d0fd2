// The benchmark profile: one agent with 1,000 tool rules and realistic file, network and command
// scopes over a throwaway workspace. Shared by the decide and CLI benchmarks so both measure the
// same config.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AGENT = 'researcher';

// Verbs of generated service tools. None is a code-execution name (`run`, `exec`, `eval`, ...): a
// glob never grants those in Warden, a rule the Cedar model below does not have.
export const VERBS = [
  'get_item',
  'list_items',
  'create_item',
  'update_item',
  'delete_item',
  'search',
  'describe',
  'export_csv',
  'get_status',
  'list_versions',
];

const BUILTINS = ['fs.read', 'fs.write', 'fs.list', 'http.fetch', 'shell.run'];
// Services 0..69 are granted tool by tool, 70..361 as whole families (`svc70.*`).
export const LITERAL_SERVICES = 70;
export const FAMILY_FIRST = 70;
export const FAMILY_COUNT = 292;
// A few globs that are neither literals nor `prefix.*` families: Warden keeps them as regexes.
export const OTHER_GLOBS = [
  '*_read',
  '*_readonly',
  'docs.*_get',
  'kb-*',
  'search*',
  'wiki?.page',
  'notes:*',
  'metrics.*.get',
];

function toolAllow() {
  const literals = [...BUILTINS];
  for (let s = 0; s < LITERAL_SERVICES; s++) for (const v of VERBS) literals.push(`svc${s}.${v}`);
  literals.length = 700; // 5 built-ins + 695 service tools
  const families = [];
  for (let s = FAMILY_FIRST; s < FAMILY_FIRST + FAMILY_COUNT; s++) families.push(`svc${s}.*`);
  const allow = [...literals, ...families, ...OTHER_GLOBS];
  if (allow.length !== 1000) throw new Error(`expected 1000 allow entries, got ${allow.length}`);
  return allow;
}

function toolDeny() {
  const deny = [];
  for (let s = 0; s < 30; s++) deny.push(`svc${s}.delete_item`); // literal carve-outs of literal grants
  for (let s = FAMILY_FIRST; s < FAMILY_FIRST + 15; s++) deny.push(`svc${s}.purge`); // carve-outs of families
  deny.push('admin.*', '*.drop_table', '*_secret*', 'billing.refund*', 'internal:*');
  if (deny.length !== 50) throw new Error(`expected 50 deny entries, got ${deny.length}`);
  return deny;
}

function networkAllow() {
  const allow = [
    'api.github.com',
    '*.githubusercontent.com',
    'pypi.org',
    '*.pythonhosted.org',
    'registry.npmjs.org',
    'https://api.openai.com',
    'https://docs.example.com/public/',
    'localhost:3000',
  ];
  for (let i = 0; allow.length < 40; i++) allow.push(`api${i}.example.com`);
  for (let i = 0; allow.length < 50; i++) allow.push(`*.corp${i}.example.net`);
  return allow;
}

const COMMANDS_ALLOW = [
  'git status',
  'git diff',
  'git log',
  'git show',
  'git branch',
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'grep',
  'rg',
  'find',
  'sort',
  'uniq',
  'cut',
  'echo',
  'pwd',
  'tree',
  'jq',
  'diff',
  'npm test',
  'npm run build',
  'npm run lint',
  'npx tsc',
  'node --version',
  'python -m pytest',
  'pytest',
  'make test',
  'cargo test',
];

/** Tools that need a human, as written in approval.require; kept out of the tool-level sample. */
export const APPROVAL_TOOLS = ['fs.write', 'svc5.update_item', 'svc71.*', 'deploy.*'];

/** The config object (a `warden.yaml` as JSON) for a workspace at `<dir>/ws`. */
export function benchConfig() {
  return {
    version: 1,
    agents: [
      {
        name: AGENT,
        description: 'benchmark agent: 1,000 tool rules',
        workspace: 'ws',
        tools: {
          allow: toolAllow(),
          deny: toolDeny(),
          // A few argument rules, as a real profile has: they exercise the per-tool rule lookup.
          rules: {
            'svc90.*': { args: { target: { type: 'url' } } },
            'svc1.search': {
              schema: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } },
            },
            'svc2.update_item': { deny: [{ when: { force: true }, reason: 'no forced updates' }] },
          },
        },
        files: { read: ['ws'], write: ['ws/out'], deny: ['**/.env', '.git/**', '**/*.pem'] },
        network: { allow: networkAllow(), deny: ['evil.example.com', '*.internal.example.com'] },
        commands: { allow: COMMANDS_ALLOW, deny: ['rm', 'curl', 'wget', 'git push', 'sudo'] },
        approval: {
          require: [
            APPROVAL_TOOLS[0],
            { tool: APPROVAL_TOOLS[1], when: { force: true }, timeout: '5m' },
            APPROVAL_TOOLS[2],
            APPROVAL_TOOLS[3],
          ],
          timeout: '10m',
        },
        limits: { maxToolCalls: 500, rate: '60/min' },
      },
    ],
  };
}

/**
 * Create a temp dir with `warden.yaml` (JSON is YAML) and a small workspace: sources, a
 * subdirectory, a `.env`, an output directory and a symlink that escapes to /etc.
 */
export function makeFixture(config = benchConfig()) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'warden-bench-')));
  const ws = join(dir, 'ws');
  const files = {
    'README.md': '# bench\n',
    'notes.txt': 'notes\n',
    'package.json': '{}\n',
    '.env': 'TOKEN=x\n',
    'src/index.ts': 'export {};\n',
    'src/lib/util.ts': 'export const x = 1;\n',
    'docs/guide.md': '# guide\n',
    'out/existing.txt': 'old\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(ws, rel);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, text);
  }
  mkdirSync(join(ws, '.git'), { recursive: true });
  writeFileSync(join(ws, '.git', 'config'), '[core]\n');
  symlinkSync('/etc', join(ws, 'escape'));
  const configFile = join(dir, 'warden.yaml');
  writeFileSync(configFile, `${JSON.stringify(config, null, 1)}\n`);
  return { dir, ws, configFile, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
