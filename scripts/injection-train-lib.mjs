// Learning and measuring for the injection classifier: weighted L2 logistic regression over
// binary hashed features (AdaGrad SGD, seeded order), Platt scaling, ROC AUC and FPR thresholds.
// Plain JavaScript with typed arrays: a few million sparse updates per epoch on two cores.
import { makeRandom, shuffle } from './injection-random.mjs';

/**
 * Fit weights for examples `{ buckets: Int32Array, y: 0|1, weight }` (each example's value is
 * buckets.length^-norm on every listed bucket). Returns `{ weights: Float32Array, bias }`.
 */
export function trainLogistic(examples, { bits, norm, epochs, learningRate, l2, seed }) {
  const size = 2 ** bits;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = makeRandom(seed);
  const order = examples.map((_, i) => i);
  const meanWeight = examples.reduce((s, e) => s + e.weight, 0) / examples.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const idx of order) {
      const ex = examples[idx];
      const b = ex.buckets;
      const v = Math.pow(b.length, -norm);
      let m = bias;
      for (let i = 0; i < b.length; i++) m += w[b[i]] * v;
      const p = 1 / (1 + Math.exp(-m));
      const g = (p - ex.y) * (ex.weight / meanWeight);
      for (let i = 0; i < b.length; i++) {
        const j = b[i];
        // L2 only on the coordinates this example touches (lazy, the usual sparse approximation).
        const gj = g * v + l2 * w[j];
        g2[j] += gj * gj;
        w[j] -= (learningRate * gj) / Math.sqrt(g2[j]);
      }
      biasG2 += g * g;
      bias -= (learningRate * g) / Math.sqrt(biasG2);
    }
  }
  return { weights: Float32Array.from(w), bias };
}

/** Linear margin of one example under `weights`. */
export function exampleMargin(buckets, weights, bias, norm) {
  let s = 0;
  for (let i = 0; i < buckets.length; i++) s += weights[buckets[i]];
  return bias + s * Math.pow(buckets.length, -norm);
}

/**
 * Platt scaling: fit a, b so that sigmoid(a * margin + b) matches the labels, by Newton's method
 * with backtracking on the weighted log loss (Platt's smoothed targets, from example counts).
 */
export function fitPlatt(margins, labels, weights) {
  let nPos = 0;
  for (const y of labels) nPos += y ? 1 : 0;
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (labels.length - nPos + 2);
  const loss = (a, b) => {
    let l = 0;
    for (let i = 0; i < margins.length; i++) {
      const t = labels[i] ? hi : lo;
      const z = a * margins[i] + b;
      // log(1 + e^z) - t z, computed stably.
      l += weights[i] * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z);
    }
    return l;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < margins.length; i++) {
      const t = labels[i] ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * margins[i] + b)));
      const d = (p - t) * weights[i];
      const h = p * (1 - p) * weights[i];
      ga += d * margins[i];
      gb += d;
      haa += h * margins[i] * margins[i];
      hab += h * margins[i];
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    while (step > 1e-8 && !(loss(a - step * da, b - step * db) < current)) step /= 2;
    if (step <= 1e-8) break;
    a -= step * da;
    b -= step * db;
    const next = loss(a, b);
    if (current - next < 1e-12 * Math.abs(current)) break;
    current = next;
  }
  return { method: 'platt', a, b };
}

/** Weighted ROC AUC (ties count half). */
export function rocAuc(scores, labels, weights = scores.map(() => 1)) {
  const idx = scores.map((_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let negBelow = 0;
  let sum = 0;
  let pos = 0;
  let neg = 0;
  for (let k = 0; k < idx.length;) {
    let e = k;
    let tiePos = 0;
    let tieNeg = 0;
    while (e < idx.length && scores[idx[e]] === scores[idx[k]]) {
      const i = idx[e++];
      if (labels[i]) tiePos += weights[i];
      else tieNeg += weights[i];
    }
    sum += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    pos += tiePos;
    neg += tieNeg;
    k = e;
  }
  return pos && neg ? sum / (pos * neg) : NaN;
}

/**
 * Smallest threshold t such that the (weighted) share of benign scores >= t is at most `fpr`.
 * Scores at or above the threshold are flagged.
 */
export function thresholdAtFpr(benignScores, fpr, weights = benignScores.map(() => 1)) {
  const idx = benignScores.map((_, i) => i).sort((i, j) => benignScores[j] - benignScores[i]);
  const total = weights.reduce((s, x) => s + x, 0);
  let above = 0;
  for (let k = 0; k < idx.length; k++) {
    const s = benignScores[idx[k]];
    // Everything tied at s is flagged together.
    let e = k;
    let tie = 0;
    while (e < idx.length && benignScores[idx[e]] === s) tie += weights[idx[e++]];
    if ((above + tie) / total > fpr) return nextUp(s);
    above += tie;
    k = e - 1;
  }
  return -Infinity;
}

/** The next float above x: a threshold just above a benign score, so it is not flagged. */
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] += x > 0 ? 1n : -1n;
  return buf[0];
}

/** Share of scores at or above `threshold`. */
export const rateAbove = (scores, threshold) =>
  scores.length ? scores.filter((s) => s >= threshold).length / scores.length : NaN;
