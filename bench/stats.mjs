// Latency statistics for the benchmarks: run a function many times and report percentiles in µs.

/** Percentile of an ascending-sorted array, nearest-rank. */
function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const round = (x) => Math.round(x * 1000) / 1000;

/**
 * Call `fn(i)` `warmup` times (JIT, caches), then `n` times, timing each call with
 * `process.hrtime.bigint()`. With `batch > 1`, each sample times `batch` consecutive calls and is
 * divided by `batch`: the per-call cost of a sub-µs operation without the timer dominating it, at
 * the price of smoothing its tail (say so in the output).
 *
 * `fn` gets a running index (so callers can cycle through a request list) and should return
 * something derived from its work; it is folded into a sink so the call cannot be optimised away.
 *
 * @returns {{ n: number, batch: number, p50_us: number, p90_us: number, p99_us: number, mean_us: number, max_us: number, sink: number }}
 */
export function measure(fn, { n, warmup = Math.min(n, 20_000), batch = 1 }) {
  let sink = 0;
  let i = 0;
  for (let w = 0; w < warmup; w++) sink ^= touch(fn(i++));
  const samples = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const start = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) sink ^= touch(fn(i++));
    samples[s] = Number(process.hrtime.bigint() - start) / batch;
  }
  samples.sort();
  let total = 0;
  for (const x of samples) total += x;
  return {
    n,
    batch,
    p50_us: round(percentile(samples, 50) / 1000),
    p90_us: round(percentile(samples, 90) / 1000),
    p99_us: round(percentile(samples, 99) / 1000),
    mean_us: round(total / n / 1000),
    max_us: round(samples[n - 1] / 1000),
    sink: sink & 1,
  };
}

/** A cheap number from a result, so the JIT must compute it. */
function touch(result) {
  if (result === undefined || result === null) return 0;
  if (typeof result === 'object') return typeof result.effect === 'string' ? result.effect.length : 1;
  return typeof result === 'string' ? result.length : Number(result) | 0;
}

/** Seeded PRNG (mulberry32): same config and request mix on every run. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Summary statistics of wall-clock samples in ms (for child-process timings). */
export function summariseMs(samplesMs) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const r = (x) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50_ms: r(percentile(sorted, 50)),
    p90_ms: r(percentile(sorted, 90)),
    min_ms: r(sorted[0]),
    max_ms: r(sorted[sorted.length - 1]),
    mean_ms: r(mean),
  };
}
