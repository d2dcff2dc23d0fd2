// Detectors: throughput of the full detector set (secrets, PII, injection rules + classifier,
// exfiltration, hidden text, decoding of embedded layers) on mixed prose and code, latency for a
// 10 KB tool result, and secretlint's throughput on the same corpus as a ratio. One JSON line per
// result.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../dist/detect/index.js';
import { findSecrets } from '../dist/detect/secrets/index.js';

const emit = (o) => console.log(JSON.stringify(o));
const round = (x) => Math.round(x * 1000) / 1000;
const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));

/** ~1 MB of READMEs (prose) and JavaScript (code) from installed packages, in a fixed order. */
function corpus(limit = 1024 * 1024) {
  const files = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory() && depth < 3 && name !== '.bin') walk(path, depth + 1);
      else if (st.isFile() && st.size < 64 * 1024 && /^(readme\.md|index\.js)$/i.test(name)) files.push(path);
    }
  };
  walk(modules, 0);
  const parts = [];
  let size = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    parts.push(text);
    size += text.length;
    if (size >= limit) break;
  }
  return parts;
}

function percentile(samples, p) {
  const s = Float64Array.from(samples).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const parts = corpus();
const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);

// Warm up (loads the classifier weights, compiles the regexes).
for (const p of parts.slice(0, 20)) scan(p);

function throughput(fn, rounds = 3) {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (const p of parts) fn(p);
    best = Math.min(best, performance.now() - t);
  }
  return bytes / 1e6 / (best / 1000);
}

const fullMBps = throughput((p) => scan(p));
emit({
  bench: 'detect-throughput',
  bytes,
  files: parts.length,
  mb_per_s: round(fullMBps),
  note: 'all detectors, best of 3',
});
const secretsMBps = throughput((p) => findSecrets(p));
emit({ bench: 'detect-secrets-throughput', bytes, mb_per_s: round(secretsMBps) });

// A 10 KB tool result: prose and code cut from the corpus, a different slice per sample.
const joined = parts.join('\n');
const samples = [];
for (let i = 0; i < 2000; i++) {
  const at = (i * 7919) % Math.max(1, joined.length - 10_240);
  const text = joined.slice(at, at + 10_240);
  const t = performance.now();
  scan(text, { channel: 'tool' });
  samples.push((performance.now() - t) * 1000);
}
emit({
  bench: 'detect-10kb-tool-result',
  n: samples.length,
  p50_us: round(percentile(samples, 50)),
  p90_us: round(percentile(samples, 90)),
  p99_us: round(percentile(samples, 99)),
  note: 'target p50 <= 1 ms',
});

// secretlint on the same corpus, in this process.
try {
  const { secretlintScan } = await import('../eval/secrets.eval.mjs');
  const t = performance.now();
  for (const p of parts) await secretlintScan(p);
  const secretlintMBps = bytes / 1e6 / ((performance.now() - t) / 1000);
  emit({
    bench: 'secretlint-throughput',
    bytes,
    mb_per_s: round(secretlintMBps),
    warden_secrets_over_secretlint: round(secretsMBps / secretlintMBps),
    warden_all_detectors_over_secretlint: round(fullMBps / secretlintMBps),
  });
} catch (error) {
  emit({ bench: 'secretlint-throughput', error: String(error) });
  process.exitCode = 1;
}
