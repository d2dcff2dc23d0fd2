/* global console, process, setTimeout, clearTimeout */
// The MCP conformance suite (@modelcontextprotocol/conformance, server scenarios) run against the
// Warden gateway fronting the conformance reference server, with one allow-all agent and no
// client auth (loopback). Per-scenario results are compared with expected-failures.json.
//
//   npm run build && npm ci --prefix conformance && node conformance/run-conformance.mjs
//
// Options:
//   --direct            run against the reference server itself (no gateway): checks the fixture
//   --scenario ID       run one scenario (repeatable); default: the suite's "active" set
//   --suite NAME        active (default) | all | pending | draft
//   --keep              keep the suite's per-scenario results (checks.json) and print where
//   --report FILE       also write the results as JSON
//   --verbose           print the suite's own output
//
// Exit code: 0 when every scenario passed or failed as listed in expected-failures.json; 1 for an
// unexpected failure, for a listed scenario that now passes (a stale entry: remove it, as the
// suite's own --expected-failures does), or when the suite could not run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startReferenceServer } from './reference-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const SUITE_TIMEOUT_MS = 10 * 60 * 1000;

function parseArgs(argv) {
  const o = { direct: false, scenarios: [], suite: 'active', keep: false, report: undefined, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--direct') o.direct = true;
    else if (a === '--scenario') o.scenarios.push(argv[++i]);
    else if (a === '--suite') o.suite = argv[++i];
    else if (a === '--keep') o.keep = true;
    else if (a === '--report') o.report = argv[++i];
    else if (a === '--verbose') o.verbose = true;
    else throw new Error(`unknown option ${a} (see the header of ${fileURLToPath(import.meta.url)})`);
  }
  return o;
}

/** Node >= 22 for the suite: $CONFORMANCE_NODE, the `node` package under conformance/, or this one. */
function findNode22() {
  const candidates = [
    process.env.CONFORMANCE_NODE,
    join(here, 'node_modules', 'node', 'bin', 'node'),
    process.execPath,
  ].filter(Boolean);
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    if (c === process.execPath && Number(process.versions.node.split('.')[0]) < 22) continue;
    return c;
  }
  throw new Error(
    'the conformance suite needs Node >= 22: run `npm ci --prefix conformance` (installs the `node` package) or set CONFORMANCE_NODE',
  );
}

function findSuite() {
  const cli = join(here, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  if (!existsSync(cli))
    throw new Error('the conformance suite is not installed: run `npm ci --prefix conformance`');
  const { version } = JSON.parse(readFileSync(join(dirname(dirname(cli)), 'package.json'), 'utf8'));
  return { cli, version };
}

function readExpected() {
  const file = join(here, 'expected-failures.json');
  const raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$')));
}

/** Start Warden's gateway in front of `upstreamUrl`: one agent, every tool allowed, no auth. */
async function startGateway(upstreamUrl, baseDir) {
  // WARDEN_DIST: another build of Warden (e.g. a patched copy), for experiments.
  const distDir = process.env.WARDEN_DIST ? resolve(process.env.WARDEN_DIST) : join(root, 'dist');
  const dist = (p) => pathToFileURL(join(distDir, p)).href;
  if (!existsSync(join(distDir, 'gateway', 'server', 'gateway.js'))) {
    throw new Error(`${distDir} has no build of Warden: run \`npm run build\` first`);
  }
  const [{ Gateway }, { startHttpGateway }, { createWarden }, { MemoryStore }, { MemoryPinStore }] =
    await Promise.all([
      import(dist('gateway/server/gateway.js')),
      import(dist('gateway/server/http-gateway.js')),
      import(dist('guard/warden.js')),
      import(dist('store/memory-store.js')),
      import(dist('gateway/pins/index.js')),
    ]);
  const servers = { ref: { url: upstreamUrl } };
  const warden = await createWarden({
    config: { version: 1, agents: [{ name: 'conformance', tools: { allow: ['*'] } }], servers },
    baseDir,
    store: new MemoryStore(),
  });
  const gateway = new Gateway({
    warden,
    servers,
    pins: new MemoryPinStore(),
    trustOnFirstUse: true,
    upstream: { baseDir },
    // The scenarios call the reference server's tools by their own names (test_simple_text):
    // with a single upstream the gateway must be able to publish them un-prefixed. Gateways that
    // do not know this option ignore it and publish `ref__test_simple_text` (detected below).
    namespace: false,
  });
  let http;
  try {
    http = await startHttpGateway({ gateway, host: '127.0.0.1', port: 0, anonymousAgent: 'conformance' });
  } catch (error) {
    await gateway.close();
    await warden.close();
    throw error;
  }
  const names = (await gateway.listTools({ agent: 'conformance' })).map((t) => t.name);
  const namespaced = names.length === 0 ? undefined : names.every((n) => n.startsWith('ref__'));
  return {
    url: http.url,
    toolCount: names.length,
    namespaced,
    close: async () => {
      await http.close().catch(() => undefined);
      await gateway.close().catch(() => undefined);
      await warden.close().catch(() => undefined);
    },
  };
}

/** Run the suite's CLI once; resolves to its exit code and output (killed after the timeout). */
function runSuite(node, cli, args, verbose) {
  return new Promise((resolve) => {
    const child = spawn(node, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
    let out = '';
    const take = (chunk) => {
      out += chunk;
      if (verbose) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 137 : 1), out });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 1, out: `${out}\n${error.message}` });
    });
  });
}

/** Scenario results from the summary lines (`✓ ping: 2 passed, 0 failed`) and each checks.json. */
function collect(out, resultsDir) {
  const results = new Map();
  for (const line of out.split('\n')) {
    const m = /^([✓✗])\s+(\S+):\s+(\d+) passed, (\d+) failed/.exec(line.trim());
    if (m) results.set(m[2], { passed: Number(m[3]), failed: Number(m[4]), failures: [] });
  }
  for (const dir of existsSync(resultsDir) ? readdirSync(resultsDir) : []) {
    const m = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(dir);
    const file = join(resultsDir, dir, 'checks.json');
    if (!m || !existsSync(file)) continue;
    let checks;
    try {
      checks = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const r = results.get(m[1]) ?? {
      passed: checks.filter((c) => c.status === 'SUCCESS').length,
      failed: checks.filter((c) => c.status === 'FAILURE').length,
      failures: [],
    };
    r.failures = checks
      .filter((c) => c.status === 'FAILURE')
      .map((c) => `${c.id}: ${(c.errorMessage ?? c.description ?? '').split('\n')[0].slice(0, 160)}`);
    // Some checks accept any text or any error result, so a gateway refusal ("Warden: unknown
    // tool ...") would pass them: a scenario that got a refusal counts as failed here.
    const refusal = findRefusal(checks);
    if (refusal) {
      r.failures.unshift(`refused by the gateway: ${refusal.slice('Warden: '.length, 200)}`);
      if (r.failed === 0) {
        r.failed = 1;
        r.passed = Math.max(0, r.passed - 1);
        r.refused = true;
      }
    }
    results.set(m[1], r);
  }
  return results;
}

/** The first "Warden: ..." text anywhere in `value` (a refusal the gateway returned). */
function findRefusal(value) {
  if (typeof value === 'string') return value.startsWith('Warden: ') ? value : undefined;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const found = findRefusal(v);
      if (found) return found;
    }
  }
  return undefined;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => String(c).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const node = findNode22();
  const suite = findSuite();
  const expected = opts.direct ? {} : readExpected();
  const work = mkdtempSync(join(tmpdir(), 'warden-conformance-'));
  const resultsDir = join(work, 'results');
  const cleanup = [];
  let exitCode = 1;
  try {
    const ref = await startReferenceServer({ port: 0 });
    cleanup.push(() => ref.close());
    let target = ref.url;
    let namespacing = 'n/a (direct)';
    if (!opts.direct) {
      const gw = await startGateway(ref.url, work);
      cleanup.push(() => gw.close());
      target = gw.url;
      namespacing =
        gw.namespaced === undefined
          ? 'unknown (the gateway lists no tools)'
          : gw.namespaced
            ? 'on: tools published as ref__<name> (the gateway ignores `namespace: false`)'
            : 'off: tools published under their own names';
      console.log(
        `gateway ${gw.url} -> reference ${ref.url} (${gw.toolCount} tools; namespacing ${namespacing})`,
      );
    } else console.log(`reference server ${ref.url} (direct, no gateway)`);
    console.log(`suite @modelcontextprotocol/conformance ${suite.version} on node ${node}`);

    const runs =
      opts.scenarios.length > 0 ? opts.scenarios.map((s) => ['--scenario', s]) : [['--suite', opts.suite]];
    let out = '';
    let suiteCode = 0;
    for (const sel of runs) {
      const r = await runSuite(
        node,
        suite.cli,
        ['server', '--url', target, '-o', resultsDir, ...sel],
        opts.verbose,
      );
      out += r.out;
      if (r.code !== 0 && r.code !== 1) suiteCode = r.code; // 1 = some scenario failed; anything else = the suite broke
    }
    const results = collect(out, resultsDir);
    if (results.size === 0) {
      console.error(out.slice(-4000));
      throw new Error(`the suite reported no scenario results (exit ${suiteCode})`);
    }

    const rows = [['scenario', 'result', 'checks', 'verdict', 'detail']];
    const unexpected = [];
    const stale = [];
    for (const [id, r] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
      const failed = r.failed > 0;
      const reason = expected[id];
      let verdict;
      if (failed && reason) verdict = 'expected failure';
      else if (failed) {
        verdict = 'UNEXPECTED FAILURE';
        unexpected.push(id);
      } else if (reason) {
        verdict = 'UNEXPECTED PASS (remove from expected-failures.json)';
        stale.push(id);
      } else verdict = 'ok';
      const detail = failed ? (reason ?? r.failures[0] ?? '') : '';
      rows.push([id, failed ? 'FAIL' : 'pass', `${r.passed}/${r.passed + r.failed}`, verdict, detail]);
    }
    console.log(`\n${table(rows)}\n`);
    for (const id of unexpected) {
      console.log(
        `unexpected failure ${id}:\n  ${results.get(id).failures.join('\n  ') || '(no failing check recorded)'}`,
      );
    }
    const notRun = Object.keys(expected).filter((id) => !results.has(id));
    if (notRun.length > 0 && opts.scenarios.length === 0)
      console.log(`listed in expected-failures.json but not run: ${notRun.join(', ')}`);
    const passed = [...results.values()].filter((r) => r.failed === 0).length;
    console.log(
      `${passed} passed, ${results.size - passed} failed (${results.size - passed - unexpected.length} expected); ` +
        `${unexpected.length} unexpected failures, ${stale.length} unexpected passes`,
    );
    if (opts.report) {
      writeFileSync(
        opts.report,
        `${JSON.stringify({ suite: suite.version, target: opts.direct ? 'direct' : 'gateway', namespacing, results: Object.fromEntries(results), unexpected, stale }, null, 2)}\n`,
      );
    }
    if (opts.keep) console.log(`per-scenario checks: ${resultsDir}`);
    exitCode = unexpected.length > 0 || stale.length > 0 || suiteCode !== 0 ? 1 : 0;
  } catch (error) {
    console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    for (const close of cleanup.reverse()) await close().catch(() => undefined);
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

await main();
