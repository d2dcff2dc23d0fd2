#!/usr/bin/env node
// Train Warden's prompt-injection classifier and write models/injection-classifier.bin.
//
//   npm run build && node scripts/train-injection.mjs [--out file] [--no-write] [--cv-only] [--config '{"l2":1e-3}']
//
// Data: ../shared/datasets/injection/train.jsonl only (never test.jsonl), plus benign text gathered
// on this machine (scripts/injection-benign-corpus.mjs). Featurization is the compiled
// dist/detect/injection/classifier module, the same code inference runs. Steps:
//   1. load and clean the labelled data, gather benign text, cut everything into scoring windows;
//   2. pick, for attack documents longer than one window, the window that carries the attack;
//   3. cross-validate holding out whole sources (an AgentDojo suite, BIPIA, CyberSecEval, …) to
//      get honest out-of-fold scores for unseen sources: print per-source recall at fixed FPR;
//   4. fit Platt scaling and pick the per-channel thresholds on those out-of-fold scores;
//   5. fit the final model on everything, quantize to int8, write it with its metadata.
// Everything random derives from SEED; file order and sampling are deterministic.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatherBenign } from './injection-benign-corpus.mjs';
import { buildLexicon, codeSwitch } from './injection-lexicon.mjs';
import { makeRandom, hashString } from './injection-random.mjs';
import {
  exampleMargin,
  fitPlatt,
  rateAbove,
  rocAuc,
  thresholdAtFpr,
  trainLogistic,
} from './injection-train-lib.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const {
  Featurizer,
  DEFAULT_FEATURE_CONFIG,
  windowStarts,
  encodeInjectionModel,
  decodeInjectionModel,
  createInjectionScorer,
} = await import(`${root}/dist/detect/injection/classifier/index.js`);

const SEED = 20240601;
const args = process.argv.slice(2);
const CONFIG = {
  // Chosen by the source-held-out cross-validation below (see models/README.md).
  features: { ...DEFAULT_FEATURE_CONFIG }, // 2^20 buckets, char 3-5-grams, word 1-2-grams, window 64/32
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-2,
  // Code-switched copies of attacks and benign text (see injection-lexicon.mjs).
  augmentCopies: 2,
  // Tool results are attacker-reachable: 1% FPR. User input comes from the principal, and a false
  // alarm interrupts them on every message: 0.5% FPR.
  targetFpr: { tool: 0.01, user: 0.005 },
};
if (args.includes('--config')) {
  const over = JSON.parse(args[args.indexOf('--config') + 1]);
  Object.assign(CONFIG, over, { features: { ...CONFIG.features, ...over.features } });
}
const WRITE = !args.includes('--no-write');
const DATA = `${root}/../shared/datasets/injection/train.jsonl`;
const OUT = args.includes('--out')
  ? args[args.indexOf('--out') + 1]
  : `${root}/models/injection-classifier.bin`;
const started = performance.now();
const log = (...m) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s]`, ...m);

// MCPSecBench prompts whose attack lives in a malicious MCP server, not in the text: the prompt
// itself is an ordinary request ("What is 6 + 3?"). Only two categories carry injection text.
const MCP_TEXT_CATEGORIES = new Set(['Malicious Prompt', 'Indirect Prompt Injection']);

/** Which held-out group (for cross-validation) a labelled row belongs to. */
function sourceGroup(row) {
  if (row.source.startsWith('agentdojo')) return `agentdojo:${row.suite}`;
  if (row.source.startsWith('bipia')) return 'bipia';
  if (row.source.startsWith('cyberseceval')) return 'cyberseceval';
  if (row.source === 'garak_dan' || row.source.startsWith('jailbreak_llms')) return 'jailbreaks';
  if (row.source.startsWith('mcpsecbench')) return 'mcpsecbench';
  return row.source;
}
// Five folds, each holding out whole sources (train) and whole families of gathered benign text.
const FOLDS = [
  ['agentdojo:workspace', 'man-en', 'requests'],
  ['agentdojo:travel', 'mo', 'npm-tsdoc'],
  ['bipia', 'man-i18n', 'mo-en', 'api-doc', 'api-doc-ai'],
  ['cyberseceval', 'garak_normal_instructions', 'usr-doc', 'questions'],
  ['jailbreaks', 'mcpsecbench', 'npm-md'],
];
const foldOf = (group) => {
  const k = FOLDS.findIndex((f) => f.includes(group));
  if (k < 0) throw new Error(`no fold for group ${group}`);
  return k;
};

// 1. Data --------------------------------------------------------------------------------------
const rows = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const docs = [];
let droppedMcp = 0;
for (const r of rows) {
  if (
    r.source.startsWith('mcpsecbench') &&
    !(r.source.endsWith('extended') && MCP_TEXT_CATEGORIES.has(r.category))
  ) {
    droppedMcp++;
    continue;
  }
  docs.push({
    text: r.text,
    y: r.label,
    channel: r.channel,
    source: r.source,
    group: sourceGroup(r),
    origin: 'train',
  });
}
log(
  `train.jsonl: ${rows.length} rows, ${docs.length} kept (${droppedMcp} MCPSecBench prompts without injection text dropped)`,
);

const benign = gatherBenign({
  seed: SEED,
  nodeModules: `${root}/node_modules`,
  log: (m) => log(`  benign ${m}`),
});
for (const b of benign) {
  const group = b.family === 'mo' ? (b.group === 'mo-en' ? 'mo-en' : 'mo') : b.family;
  docs.push({
    text: b.text,
    y: 0,
    channel: 'tool',
    userLike: b.short,
    source: `local:${group}`,
    group,
    origin: 'local',
  });
}
log(
  `benign gathered on this machine: ${benign.length} texts, ${sum(benign.map((b) => b.text.length))} chars`,
);

// Code-switching augmentation: English attacks (and as many English benign texts, so that
// "translated words" alone do not signal an attack) with words swapped for their translations from
// the gettext catalogues' parallel strings. Language coverage with no translated attack data.
const vocabulary = new Set();
{
  const df = new Map();
  for (const d of docs) {
    if (d.y !== 1) continue;
    for (const w of new Set(d.text.toLowerCase().match(/[a-z]+/g) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  }
  for (const [w, c] of [...df].sort()) if (c >= 5) vocabulary.add(w);
}
const lexicon = buildLexicon({ vocabulary });
log(`lexicon: ${lexicon.languages.length} languages, ${lexicon.entries} entries`);
{
  const random = makeRandom(SEED ^ 0xa5a5);
  // Latin script only (ASCII, Latin-1 and Latin Extended, general punctuation, whitespace).
  const english = (d) => !/[^\t\n\r -\u024f\u2000-\u206f]/.test(d.text.slice(0, 2000));
  const attacks = docs.filter(
    (d) => d.y === 1 && d.origin === 'train' && english(d) && d.text.length <= 4000,
  );
  const benignEn = docs.filter(
    (d) => d.y === 0 && english(d) && d.text.length <= 4000 && hashString(d.text, SEED) % 4 === 0,
  );
  const added = [];
  for (const d of [...attacks, ...benignEn]) {
    for (let c = 0; c < CONFIG.augmentCopies; c++) {
      const { text, changed } = codeSwitch(d.text, lexicon, random);
      if (changed > 0) added.push({ ...d, text, source: `${d.source}+cs`, augmented: true });
    }
  }
  docs.push(...added);
  log(
    `code-switched copies: ${added.length} (of ${attacks.length} attacks and ${benignEn.length} benign texts)`,
  );
}

// Windows and features, once for all fits.
const featurizer = new Featurizer(CONFIG.features);
const { window, stride } = CONFIG.features;
let nnz = 0;
for (const d of docs) {
  const lower = d.text.toLowerCase();
  d.windows = windowStarts(lower.length, window, stride).map((s) => {
    const n = featurizer.featurize(lower, s, s + window);
    nnz += n;
    return featurizer.buffer.slice(0, n);
  });
  d.fold = foldOf(d.group);
}
log(
  `featurized ${docs.length} documents, ${sum(docs.map((d) => d.windows.length))} windows, ${nnz} features`,
);

// Class-balanced weights; within a class each source weighs sqrt(its size), so AgentDojo's 2,574
// attacked tool results do not drown CyberSecEval's 245 or the jailbreaks.
{
  const bySource = countBy(docs, (d) => `${d.y}:${d.source}`);
  for (const d of docs) d.weight = 1 / Math.sqrt(bySource.get(`${d.y}:${d.source}`));
  for (const y of [0, 1]) {
    const total = sum(docs.filter((d) => d.y === y).map((d) => d.weight));
    for (const d of docs) if (d.y === y) d.weight /= total;
  }
}

/**
 * Training examples of some documents: an attack counts once (its picked window); a benign
 * document counts with its non-overlapping windows (every other scoring window: the overlap adds
 * no n-gram the tiling lacks, and halves the training time).
 */
function examplesOf(ds) {
  const out = [];
  const step = stride * 2 === window ? 2 : 1;
  for (const d of ds) {
    if (d.y === 1) {
      out.push({ buckets: d.windows[d.pick ?? 0], y: 1, weight: d.weight });
      continue;
    }
    const tiles = d.windows.filter((_, k) => k % step === 0 || k === d.windows.length - 1);
    for (const b of tiles) out.push({ buckets: b, y: 0, weight: d.weight / Math.sqrt(tiles.length) });
  }
  return out;
}
const fit = (ds, seed) => trainLogistic(examplesOf(ds), { ...CONFIG, ...CONFIG.features, seed });
const docMargin = (d, m) =>
  Math.max(...d.windows.map((b) => exampleMargin(b, m.weights, m.bias, CONFIG.features.norm)));

// 2. Which window of a long attack carries the attack: the one a first model (fit with every
// window of every long attack as a weak positive) scores highest.
{
  const long = docs.filter((d) => d.y === 1 && d.windows.length > 1);
  const ex = examplesOf(docs.filter((d) => !(d.y === 1 && d.windows.length > 1)));
  for (const d of long)
    for (const b of d.windows) ex.push({ buckets: b, y: 1, weight: d.weight / d.windows.length });
  const first = trainLogistic(ex, { ...CONFIG, ...CONFIG.features, epochs: 2, seed: SEED });
  for (const d of long) {
    const ms = d.windows.map((b) => exampleMargin(b, first.weights, first.bias, CONFIG.features.norm));
    d.pick = ms.indexOf(Math.max(...ms));
  }
  log(`window picking: ${long.length} attacks longer than one window`);
}

// 3. Cross-validation by held-out source --------------------------------------------------------
const oof = new Float64Array(docs.length);
for (let k = 0; k < FOLDS.length; k++) {
  const model = fit(
    docs.filter((d) => d.fold !== k),
    SEED + k,
  );
  docs.forEach((d, i) => {
    if (d.fold === k) oof[i] = docMargin(d, model);
  });
  log(`fold ${k} (held out: ${FOLDS[k].join(', ')}) done`);
}
const real = docs.map((d, i) => i).filter((i) => !docs[i].augmented);
if (process.env.DUMP_OOF) {
  const dump = real.map((i) => ({ ...docs[i], windows: undefined, oof: oof[i] }));
  writeFileSync(process.env.DUMP_OOF, JSON.stringify(dump));
}
if (process.env.DEBUG_OOF) {
  for (const y of [0, 1]) {
    const m = real
      .filter((i) => docs[i].y === y)
      .map((i) => oof[i])
      .sort((a, b) => a - b);
    log(
      `oof margins y=${y}: n=${m.length}`,
      [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1].map((q) => m[Math.floor(q * (m.length - 1))]?.toFixed(3)).join(' '),
    );
  }
}

// 4. Calibration and thresholds on out-of-fold scores (real, not augmented, documents).
const platt = fitPlatt(
  real.map((i) => oof[i]),
  real.map((i) => docs[i].y),
  real.map((i) => docs[i].weight),
);
const prob = (m) => 1 / (1 + Math.exp(-(platt.a * m + platt.b)));
// Benign pools per channel: the labelled benign of that channel and the gathered text (all of it
// for tool results; the short, message-sized part for user input), half the weight each.
const pool = (channel) => {
  const labelled = real.filter(
    (i) => docs[i].y === 0 && docs[i].origin === 'train' && docs[i].channel === channel,
  );
  const local = real.filter((i) => docs[i].origin === 'local' && (channel === 'tool' || docs[i].userLike));
  return {
    scores: [...labelled, ...local].map((i) => prob(oof[i])),
    weights: [...labelled.map(() => 0.5 / labelled.length), ...local.map(() => 0.5 / local.length)],
  };
};
const thresholds = {};
for (const channel of ['tool', 'user']) {
  const p = pool(channel);
  thresholds[channel] = thresholdAtFpr(p.scores, CONFIG.targetFpr[channel], p.weights);
}

const validation = report(real, (i) => prob(oof[i]), thresholds);
log(
  `thresholds: tool ${thresholds.tool.toFixed(4)}, user ${thresholds.user.toFixed(4)}; Platt a=${platt.a.toFixed(4)} b=${platt.b.toFixed(4)}`,
);
log('validation (out-of-fold, whole sources held out):');
printReport(validation);

if (args.includes('--cv-only')) {
  log('done (--cv-only)');
  process.exit(0);
}

// 5. Final model on everything -------------------------------------------------------------------
const final = fit(docs, SEED);
if (process.env.DEBUG_OOF) {
  const m = real.map((i) => docMargin(docs[i], final));
  log(
    `in-sample AUC of the final model: ${rocAuc(
      m,
      real.map((i) => docs[i].y),
    ).toFixed(4)}`,
  );
}
const model = {
  features: CONFIG.features,
  weights: final.weights,
  bias: final.bias,
  calibration: platt,
  thresholds,
  training: {
    seed: SEED,
    command: 'npm run build && node scripts/train-injection.mjs',
    data: 'shared/datasets/injection/train.jsonl + benign text gathered locally (man pages, gettext catalogues, /usr/share/doc, node_modules docs)',
    documents: real.length,
    labelledDocuments: real.filter((i) => docs[i].origin === 'train').length,
    localBenignDocuments: real.filter((i) => docs[i].origin === 'local').length,
    codeSwitchedCopies: docs.length - real.length,
    lexiconLanguages: lexicon.languages.length,
    config: {
      epochs: CONFIG.epochs,
      learningRate: CONFIG.learningRate,
      l2: CONFIG.l2,
      augmentCopies: CONFIG.augmentCopies,
    },
    thresholdRule: `tool: ${CONFIG.targetFpr.tool * 100}% FPR, user: ${CONFIG.targetFpr.user * 100}% FPR on out-of-fold benign scores of each channel's pool`,
    validation: validation.summary,
  },
};
const bytes = encodeInjectionModel(model, 'int8');
// Check the quantized model agrees with the float one on the training documents.
const scorer = createInjectionScorer(decodeInjectionModel(bytes));
let maxDiff = 0;
for (let i = 0; i < docs.length; i += 7) {
  if (docs[i].augmented) continue;
  maxDiff = Math.max(maxDiff, Math.abs(scorer.score(docs[i].text) - prob(docMargin(docs[i], final))));
}
log(`model: ${bytes.length} bytes (int8); max |p_int8 - p_float| on training docs: ${maxDiff.toFixed(4)}`);
if (WRITE) {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, bytes);
  log(`wrote ${OUT}`);
}
log('done');

// -----------------------------------------------------------------------------------------------
function report(indices, scoreOf, th) {
  const byChannel = {};
  const rowsOut = [];
  for (const channel of ['tool', 'user']) {
    const p = pool(channel);
    const at1 = thresholdAtFpr(p.scores, 0.01, p.weights);
    const at5 = thresholdAtFpr(p.scores, 0.05, p.weights);
    const attacks = indices.filter((i) => docs[i].y === 1 && docs[i].channel === channel);
    const benignIdx = indices.filter(
      (i) => docs[i].y === 0 && docs[i].channel === channel && docs[i].origin === 'train',
    );
    const labelled = [...attacks, ...benignIdx];
    byChannel[channel] = {
      auc: rocAuc(
        labelled.map(scoreOf),
        labelled.map((i) => docs[i].y),
      ),
      aucWithLocalBenign: rocAuc(
        [...attacks.map(scoreOf), ...p.scores],
        [...attacks.map(() => 1), ...p.scores.map(() => 0)],
        [...attacks.map(() => 1 / attacks.length), ...p.weights],
      ),
      recallAt1: rateAbove(attacks.map(scoreOf), at1),
      recallAt5: rateAbove(attacks.map(scoreOf), at5),
      recallAtDefault: rateAbove(attacks.map(scoreOf), th[channel]),
    };
    const sources = [
      ...new Set(
        indices
          .filter((i) => docs[i].channel === channel || docs[i].origin === 'local')
          .map((i) => docs[i].source),
      ),
    ].sort();
    for (const key of sources.flatMap((s) => [`${s}\t0`, `${s}\t1`])) {
      const [s, label] = key.split('\t');
      const y = Number(label);
      const mine = indices.filter(
        (i) =>
          docs[i].source === s &&
          docs[i].y === y &&
          (docs[i].channel === channel || docs[i].origin === 'local'),
      );
      if (!mine.length || (docs[mine[0]].origin === 'local' && channel === 'user')) continue;
      const scores = mine.map(scoreOf);
      rowsOut.push({
        channel,
        source: s,
        label: y,
        n: mine.length,
        at1: rateAbove(scores, at1),
        at5: rateAbove(scores, at5),
        atDefault: rateAbove(scores, th[channel]),
      });
    }
  }
  return { rows: rowsOut, summary: byChannel };
}

function printReport(r) {
  console.log('  channel  source                                     label     n  @1%FPR  @5%FPR  @default');
  for (const x of r.rows) {
    console.log(
      `  ${x.channel.padEnd(7)}  ${x.source.padEnd(42)} ${String(x.label).padStart(5)} ${String(x.n).padStart(5)}  ${pct(x.at1)}  ${pct(x.at5)}  ${pct(x.atDefault)}`,
    );
  }
  for (const [c, s] of Object.entries(r.summary)) {
    console.log(
      `  ${c}: AUC ${s.auc.toFixed(4)} (vs local benign ${s.aucWithLocalBenign.toFixed(4)}), recall ${pct(s.recallAt1)} @1% FPR, ${pct(s.recallAt5)} @5% FPR, ${pct(s.recallAtDefault)} @default`,
    );
  }
}

function pct(x) {
  return `${(100 * x).toFixed(1).padStart(5)}%`;
}
function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}
function countBy(xs, key) {
  const m = new Map();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}
