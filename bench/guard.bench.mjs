// Guard runtime: overhead of a guarded call over a bare one (no detectors), with the audit log in
// memory and in SQLite (synchronous=FULL: acknowledged means durable), audited calls per second,
// and audit verification speed. One JSON line per result.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, verifyAudit } from '../dist/audit/index.js';
import { createWarden } from '../dist/guard/index.js';
import { MemoryStore } from '../dist/store/index.js';

const emit = (o) => console.log(JSON.stringify(o));
const round = (x) => Math.round(x * 1000) / 1000;

function stats(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { n: s.length, p50_us: round(at(50)), p90_us: round(at(90)), p99_us: round(at(99)) };
}

async function timeCalls(fn, n, warmup) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return stats(samples);
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'warden-guard-bench-')));
mkdirSync(join(root, 'ws'));
writeFileSync(join(root, 'ws', 'notes.txt'), 'notes\n');
const config = (store) => ({
  version: 1,
  agents: [
    { name: 'bot', workspace: './ws', tools: { allow: ['kv.get', 'fs.read'] }, files: { read: ['./ws'] } },
  ],
  ...(store ? { audit: { store } } : {}),
});

try {
  // Baseline: the same tool, called directly.
  const tool = async (args) => args.key;
  const bare = await timeCalls((i) => tool({ key: i }), 20_000, 5_000);
  emit({ bench: 'tool-bare', ...bare });

  const mem = await createWarden({
    config: config(),
    baseDir: root,
    store: new MemoryStore(),
    detectors: false,
  });
  const memGuard = mem.guard({ agent: 'bot', session: 's' });
  const memCall = memGuard.wrap('kv.get', tool);
  const memStats = await timeCalls((i) => memCall({ key: i }), 20_000, 5_000);
  emit({
    bench: 'guard-memory-audit',
    ...memStats,
    overhead_p50_us: round(memStats.p50_us - bare.p50_us),
    note: 'kill switch, policy, limits, execute with AbortSignal + timeout, 2 audit records (memory)',
  });
  // The same with a store that drops audit records: the pipeline without the audit write (the
  // records are still built and hashed).
  const nullStore = new MemoryStore();
  nullStore.audit.append = () => {};
  const noWrite = await createWarden({ config: config(), baseDir: root, store: nullStore, detectors: false });
  const noWriteCall = noWrite.guard({ agent: 'bot', session: 's' }).wrap('kv.get', tool);
  const noWriteStats = await timeCalls((i) => noWriteCall({ key: i }), 20_000, 5_000);
  emit({
    bench: 'guard-without-audit-write',
    ...noWriteStats,
    overhead_p50_us: round(noWriteStats.p50_us - bare.p50_us),
    note: 'target: p50 overhead <= 50 us excluding the audit write',
  });
  await noWrite.close();
  // With the detectors on (the default): a tool returning 1 KB of ordinary text.
  const page = 'The quarterly report shows revenue up 4% on last year, driven by the new region. '.repeat(13);
  const withDetectors = await createWarden({ config: config(), baseDir: root, store: nullStore });
  const detectCall = withDetectors.guard({ agent: 'bot', session: 's' }).wrap('kv.get', async () => page);
  const detectStats = await timeCalls(() => detectCall({ key: 1 }), 5_000, 1_000);
  emit({
    bench: 'guard-with-detectors-1kb',
    ...detectStats,
    overhead_p50_us: round(detectStats.p50_us - bare.p50_us),
    note: 'default detectors on a 1 KB text result, audit write excluded',
  });
  await withDetectors.close();
  const memRead = memGuard.wrap('fs.read', tool);
  emit({
    bench: 'guard-memory-audit-path',
    ...(await timeCalls(() => memRead({ path: 'notes.txt' }), 10_000, 2_000)),
  });
  await mem.close();

  mkdirSync(join(root, 'state'));
  const sql = await createWarden({ config: config('sqlite:./state/w.db'), baseDir: root, detectors: false });
  const sqlCall = sql.guard({ agent: 'bot', session: 's' }).wrap('kv.get', tool);
  const n = 1_000;
  const started = process.hrtime.bigint();
  const sqlStats = await timeCalls((i) => sqlCall({ key: i }), n, 100);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  emit({
    bench: 'guard-sqlite-audit',
    ...sqlStats,
    calls_per_s: Math.round((n + 100) / seconds),
    note: 'one caller at a time: each call waits for its 2 records to be fsync-ed',
  });
  // Concurrent callers share group commits: what one core sustains with acknowledged-means-durable.
  const concurrent = sql.guard({ agent: 'bot', session: 'c' }).wrap('kv.get', tool);
  const workers = 64;
  const perWorker = 200;
  const tc = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) await concurrent({ key: w * perWorker + i });
    }),
  );
  const concurrentS = Number(process.hrtime.bigint() - tc) / 1e9;
  emit({
    bench: 'guard-sqlite-audit-concurrent',
    callers: workers,
    calls: workers * perWorker,
    calls_per_s: Math.round((workers * perWorker) / concurrentS),
    note: '64 concurrent callers; records of one tick share one fsync-ed transaction',
  });
  await sql.close();

  // Verify speed: a memory log (records as objects) and the same records in SQLite, verified the
  // way `warden audit verify` does (stored texts streamed from the database, reading included).
  const { generateKeyPairSync } = await import('node:crypto');
  const { signingKeyFromPem } = await import('../dist/audit/index.js');
  const { SqliteStore } = await import('../dist/store/index.js');
  const key = signingKeyFromPem(
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'bench',
  );
  const store = new MemoryStore();
  const log = new AuditLog({ store: store.audit, key });
  const records = 100_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < records; i++)
    log.append({
      kind: 'decision',
      agent: 'bot',
      session: 's1',
      tool: 'fs.read',
      args: { path: `notes-${i % 100}.txt` },
      argsDigest: 'a'.repeat(64),
      effect: 'allow',
      reasons: [{ rule: 'tools.allow', effect: 'allow', message: 'fs.read is allowed' }],
    });
  const appendS = Number(process.hrtime.bigint() - t0) / 1e9;
  log.checkpoint();
  emit({ bench: 'audit-append-memory', records, records_per_s: Math.round(records / appendS) });
  const timeVerify = (read) => {
    let best = Infinity;
    let ok = true;
    for (let round = 0; round < 3; round++) {
      const t = process.hrtime.bigint();
      const { recs, cps } = read();
      ok &&= verifyAudit(recs, cps, key.publicKey).ok;
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    }
    return { ok, records_per_s: Math.round(records / best) };
  };
  emit({
    bench: 'audit-verify-memory',
    records,
    ...timeVerify(() => ({ recs: store.audit.recordList, cps: store.audit.checkpoints() })),
    note: 'records as objects (canonical JSON recomputed), best of 3',
  });
  const sqlite = new SqliteStore(join(root, 'verify.db'));
  sqlite.audit.append(store.audit.recordList);
  for (const cp of store.audit.checkpoints()) sqlite.audit.appendCheckpoint(cp);
  emit({
    bench: 'audit-verify',
    records,
    ...timeVerify(() => ({ cps: sqlite.audit.checkpoints(), recs: sqlite.audit.recordTexts() })),
    note: 'SQLite log as `warden audit verify` reads it (stored texts, reading included), best of 3',
  });
  sqlite.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
