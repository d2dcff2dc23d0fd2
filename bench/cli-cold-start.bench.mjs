// Cold start of `warden policy eval`: a fresh Node process per run, the way a hook or a CI step
// calls it. One JSON object per line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AGENT, benchConfig, makeFixture } from './fixture.mjs';
import { summariseMs } from './stats.mjs';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const WARMUP = 2;
const RUNS = 20;

const big = makeFixture();
// The same profile without `commands`: compilePolicy then skips loading the shell grammar.
const { commands: _, ...noShellAgent } = benchConfig().agents[0];
const noShell = makeFixture({ version: 1, agents: [noShellAgent] });
process.on('exit', () => {
  big.cleanup();
  noShell.cleanup();
});

function time(args, cwd) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`exit ${child.status}: node ${args.join(' ')}\n${child.stderr}`);
  }
  return { ms, stdout: child.stdout };
}

function bench(name, args, cwd, extra = {}) {
  let last;
  for (let i = 0; i < WARMUP; i++) time(args, cwd);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    last = time(args, cwd);
    samples.push(last.ms);
  }
  const out = last.stdout.trim();
  const effect = out.startsWith('{') ? JSON.parse(out).effect : undefined;
  const result = { bench: name, ...summariseMs(samples), ...(effect ? { effect } : {}), ...extra };
  console.log(JSON.stringify(result));
  return result;
}

const evalArgs = (fixture, tool, args) => [
  CLI,
  'policy',
  'eval',
  '--config',
  fixture.configFile,
  '--agent',
  AGENT,
  '--tool',
  tool,
  '--args',
  JSON.stringify(args),
  '--json',
];

bench('node-baseline', ['-e', '0'], big.dir, { note: 'bare `node -e 0`: the floor under every CLI run' });
bench('cli-cold-start', evalArgs(big, 'fs.read', { path: 'notes.txt' }), big.dir, {
  command:
    'warden policy eval --tool fs.read (1,000-rule profile; loads the shell grammar because it allows commands)',
});
bench('cli-cold-start-shell', evalArgs(big, 'shell.run', { command: 'git status | head -3' }), big.dir, {
  command: 'warden policy eval --tool shell.run (parses the command with tree-sitter-bash)',
});
bench('cli-cold-start-no-shell', evalArgs(noShell, 'fs.read', { path: 'notes.txt' }), noShell.dir, {
  command: 'warden policy eval --tool fs.read, same profile without `commands` (no shell grammar)',
});
// Diagnostic: the same shell.run call with V8's baseline wasm compiler only. Without it, V8
// optimises the 1.3 MB bash grammar in the background after the first parse, and Node waits for
// that compile before the process exits.
bench(
  'cli-cold-start-shell-liftoff-only',
  ['--liftoff-only', ...evalArgs(big, 'shell.run', { command: 'git status | head -3' })],
  big.dir,
  {
    command: 'node --liftoff-only <warden> policy eval --tool shell.run (diagnostic, not the shipped CLI)',
  },
);
