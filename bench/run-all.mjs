// `npm run bench`: run every benchmark in its own Node process (a clean heap and JIT each), echo
// their JSON lines, and finish with one line checking the targets. Exit code 0 whatever the
// numbers are (this is a report); non-zero only when a benchmark crashes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'decide.bench.mjs',
  'guard.bench.mjs',
  'detect.bench.mjs',
  'cli-cold-start.bench.mjs',
  'sandbox.bench.mjs',
  'gateway.bench.mjs',
];

/** Run one bench file, echoing its stdout lines and collecting those that are JSON objects. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const results = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      try {
        results.push(JSON.parse(line));
      } catch {
        // Not ours to interpret; already echoed.
      }
    });
    child.on('close', (code, signal) => resolve({ file, code: code ?? 1, signal, results }));
  });
}

const started = Date.now();
const byName = new Map();
const crashed = [];
for (const file of BENCHES) {
  const { code, signal, results } = await run(file);
  for (const r of results) if (typeof r.bench === 'string') byName.set(r.bench, r);
  if (code !== 0) crashed.push({ file, code, ...(signal ? { signal } : {}) });
}

const get = (bench, field) => byName.get(bench)?.[field] ?? null;
const target = (name, measured, limit, unit, extra = {}) => ({
  target: name,
  measured,
  unit,
  pass: typeof measured === 'number' && measured <= limit,
  ...extra,
});
const cedarAgreement = byName.get('cedar-tool-level')?.agreement;
const kCalls = (n) => (typeof n === 'number' ? `${Math.round(n / 1000)}k` : '?');
const targets = [
  target('tool-level decide() p50 <= 2 us', get('tool-level', 'p50_us'), 2, 'us'),
  target('decide() p99 <= 20 us with path/URL/command checks (mixed)', get('mixed', 'p99_us'), 20, 'us', {
    p99_us: {
      path: get('path', 'p99_us'),
      url: get('url', 'p99_us'),
      command: get('command', 'p99_us'),
      command_first_sight: get('command-first-sight', 'p99_us'),
      mixed: get('mixed', 'p99_us'),
    },
  }),
  target(
    'CLI cold start of `warden policy eval` < 300 ms (p50)',
    get('cli-cold-start', 'p50_ms'),
    300,
    'ms',
    {
      p90_ms: get('cli-cold-start', 'p90_ms'),
      shell_p50_ms: get('cli-cold-start-shell', 'p50_ms'),
    },
  ),
  target(
    'guard overhead p50 <= 50 us excluding the audit write',
    get('guard-without-audit-write', 'overhead_p50_us'),
    50,
    'us',
    {
      with_memory_audit_us: get('guard-memory-audit', 'overhead_p50_us'),
    },
  ),
  {
    target: '>= 10,000 audited calls/s, acknowledged means durable (SQLite, concurrent callers)',
    measured: get('guard-sqlite-audit-concurrent', 'calls_per_s'),
    pass: (get('guard-sqlite-audit-concurrent', 'calls_per_s') ?? 0) >= 10_000,
  },
  {
    target: 'audit verify >= 200,000 records/s',
    measured: get('audit-verify', 'records_per_s'),
    pass: (get('audit-verify', 'records_per_s') ?? 0) >= 200_000,
  },
  target('detectors: 10 KB tool result p50 <= 1 ms', get('detect-10kb-tool-result', 'p50_us'), 1000, 'us', {
    p99_us: get('detect-10kb-tool-result', 'p99_us'),
    all_detectors_mb_per_s: get('detect-throughput', 'mb_per_s'),
    secretlint_mb_per_s: get('secretlint-throughput', 'mb_per_s'),
    warden_secrets_over_secretlint: get('secretlint-throughput', 'warden_secrets_over_secretlint'),
  }),
  target('sandbox start overhead p50 <= 10 ms added', get('sandbox-start', 'added_p50_ms'), 10, 'ms', {
    p50_ms: get('sandbox-start', 'p50_ms'),
    bare_spawn_p50_ms: get('spawn-bare', 'p50_ms'),
    bwrap_minimal_added_p50_ms: get('bwrap-minimal', 'added_p50_ms'),
    with_network_added_p50_ms: get('sandbox-start-network', 'added_p50_ms'),
    host_user_added_p50_ms: get('sandbox-start-host-user', 'added_p50_ms'),
  }),
  target('js sandbox trivial run p50 <= 5 ms', get('js-sandbox-trivial', 'p50_ms'), 5, 'ms', {
    p99_ms: get('js-sandbox-trivial', 'p99_ms'),
    cold_first_run_ms: get('js-sandbox-trivial', 'cold_first_run_ms'),
  }),
  target('gateway added latency p50 <= 1 ms', get('gateway-call', 'added_p50_ms'), 1, 'ms', {
    p50_ms: get('gateway-call', 'p50_ms'),
    direct_p50_ms: get('gateway-call', 'direct_p50_ms'),
    no_detectors_added_p50_ms: get('gateway-call-no-detectors', 'added_p50_ms'),
  }),
  target('gateway p99 within 1.5x of direct', get('gateway-call', 'p99_ratio'), 1.5, 'x', {
    p99_ms: get('gateway-call', 'p99_ms'),
    direct_p99_ms: get('gateway-call', 'direct_p99_ms'),
  }),
  target(
    `gateway memory growth < 5 MB (${kCalls(get('gateway-memory', 'first_checkpoint_calls'))} -> ${kCalls(get('gateway-memory', 'calls'))} calls)`,
    get('gateway-memory', 'growth_mb'),
    5,
    'MB',
    {
      growth_bytes_per_call: get('gateway-memory', 'growth_bytes_per_call'),
      projected_growth_10k_to_100k_mb: get('gateway-memory', 'projected_growth_10k_to_100k_mb'),
    },
  ),
  {
    target: 'Cedar decides every tool-level request like Warden',
    measured: cedarAgreement ? `${cedarAgreement.agree}/${cedarAgreement.total}` : null,
    pass: cedarAgreement !== undefined && cedarAgreement.agree === cedarAgreement.total,
  },
];
console.log(
  JSON.stringify({
    bench: 'summary',
    targets,
    passed: `${targets.filter((t) => t.pass).length}/${targets.length}`,
    cedar_over_warden_p50: get('comparison', 'ratio_p50'),
    // Informational, no target: the sandbox egress proxy's CONNECT tunnel.
    egress_proxy: {
      mb_per_s: get('egress-throughput', 'mb_per_s'),
      direct_tcp_mb_per_s: get('egress-throughput', 'direct_tcp_mb_per_s'),
      connect_setup_p50_ms: get('egress-connect-setup', 'p50_ms'),
    },
    // Informational, no target: 32 concurrent MCP clients, gateway and direct to the upstream.
    gateway_throughput: {
      calls_per_s: get('gateway-throughput', 'calls_per_s'),
      direct_calls_per_s: get('gateway-throughput', 'direct_calls_per_s'),
    },
    wall_s: Math.round((Date.now() - started) / 100) / 10,
    ...(crashed.length > 0 ? { crashed } : {}),
  }),
);
process.exitCode = crashed.length > 0 ? 1 : 0;
