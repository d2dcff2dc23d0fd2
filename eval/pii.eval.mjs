// PII detector evaluation (protocol: ../shared/datasets/README.md, "PII").
//
// 1. presidio-research synth_dataset_v2.json: span precision / recall / F2 (strict = same type and
//    exact offsets; overlap = same type and any overlap, one-to-one), and token-level figures computed
//    the way presidio-evaluator does (the basis of presidio's published F2). Tuning was done only on
//    generated_large.json (`node eval/pii.eval.mjs --dev` reports the same figures on it).
// 2. presidio's recognizer test cases for the types we implement: exact match count and spans.
// 3. Throughput of findPii on a mixed corpus.
//
// Run after the build: `node eval/pii.eval.mjs` prints the result as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATASETS = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));
const PII_DIR = join(DATASETS, 'pii');

// Matches below this confidence are not reported as findings (presidio's notebook used 0.4 too).
const THRESHOLD = 0.4;
// presidio's published default (AnalyzerEngine, en_core_web_lg), token-level PII F2 on this set.
const PRESIDIO_F2 = 0.62;

// Dataset label → our type. Labels mapped to null are outside what findPii recognizes.
const LABELS = {
  PERSON: 'person',
  STREET_ADDRESS: 'street-address',
  ADDRESS: 'street-address', // generated_large's name for the same thing
  CREDIT_CARD: 'credit-card',
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  IBAN_CODE: 'iban',
  US_SSN: 'us-ssn',
  IP_ADDRESS: 'ip-address',
  GPE: null,
  LOCATION: null,
  ORGANIZATION: null,
  DATE_TIME: null,
  TITLE: null,
  PREFIX: null,
  AGE: null,
  NRP: null,
  ZIP_CODE: null,
  DOMAIN_NAME: null,
  US_DRIVER_LICENSE: null,
};
// The labels presidio's default run scored (after its own mapping: STREET_ADDRESS and GPE as
// LOCATION, DOMAIN_NAME as URL). TITLE, AGE and ZIP_CODE were not among its entities and counted as O.
const PRESIDIO_SCOPE = new Set([
  'PERSON',
  'STREET_ADDRESS',
  'ADDRESS',
  'GPE',
  'LOCATION',
  'ORGANIZATION',
  'DATE_TIME',
  'NRP',
  'DOMAIN_NAME',
  'US_DRIVER_LICENSE',
  'CREDIT_CARD',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
]);

// Recognizer test files → our type; the other files test recognizers we do not have.
const CASE_FILES = {
  'test_credit_card_recognizer.py': 'credit-card',
  'test_us_ssn_recognizer.py': 'us-ssn',
  'test_aba_routing_recognizer.py': 'us-bank-routing',
  'test_email_recognizer.py': 'email',
  'test_ip_recognizer.py': 'ip-address',
  'test_mac_recognizer.py': 'mac-address',
  'test_phone_recognizer.py': 'phone',
};
const CHECKSUM_TYPES = new Set(['credit-card', 'us-ssn', 'us-bank-routing', 'iban']);

const round = (x) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : 0);
const f2 = (p, r) => (p + r === 0 ? 0 : (5 * p * r) / (4 * p + r));
const ratio = (a, b) => (b === 0 ? 0 : a / b);

export async function run(options = {}) {
  const { findPii } = await import('../dist/detect/pii/index.js');
  const dev = options.dev === true;
  const spansFile = join(
    PII_DIR,
    'presidio_research',
    dev ? 'generated_large.json' : 'synth_dataset_v2.json',
  );
  const casesFile = join(PII_DIR, 'presidio_recognizer_tests', 'recognizer_cases.jsonl');
  for (const f of [spansFile, casesFile]) if (!existsSync(f)) throw new Error(`pii eval: missing ${f}`);

  const samples = JSON.parse(readFileSync(spansFile, 'utf8'));
  const span = evaluateSpans(samples, findPii);
  const cases = evaluateCases(readFileSync(casesFile, 'utf8'), findPii);
  const speed = throughput(samples, findPii);

  const setName = dev ? 'generated_large (dev)' : 'synth_dataset_v2 (test)';
  const metrics = {
    dataset: setName,
    threshold: THRESHOLD,
    strict: span.overall.strict,
    overlap: span.overall.overlap,
    tokenOurScope: span.tokens.ours,
    tokenPresidioScope: span.tokens.presidio,
    perType: span.perType,
    recognizerCases: cases.summary,
    throughput: speed,
  };
  const targets = [
    {
      target: `token-level PII F2 > ${PRESIDIO_F2} (presidio default), over presidio's entity set`,
      measured: span.tokens.presidio.f2,
      pass: span.tokens.presidio.f2 > PRESIDIO_F2,
    },
    {
      target: `token-level PII F2 > ${PRESIDIO_F2}, over the types findPii recognizes`,
      measured: span.tokens.ours.f2,
      pass: span.tokens.ours.f2 > PRESIDIO_F2,
    },
    {
      target: `span F2 (overlap) > ${PRESIDIO_F2}, over the types findPii recognizes`,
      measured: span.overall.overlap.f2,
      pass: span.overall.overlap.f2 > PRESIDIO_F2,
    },
    {
      target: 'recognizer cases, checksum types: all exact',
      measured: `${cases.summary.checksumExact}/${cases.summary.checksumCases}`,
      pass: cases.summary.checksumExact === cases.summary.checksumCases,
    },
    {
      target: 'cheap recognizers: 10 KB in < 1 ms',
      measured: speed.cheapMsPer10KB,
      pass: speed.cheapMsPer10KB < 1,
    },
  ];
  const tables = [
    {
      title: `PII spans on ${setName}, score ≥ ${THRESHOLD}`,
      columns: [
        'type',
        'gold',
        'pred',
        'P strict',
        'R strict',
        'F2 strict',
        'P overlap',
        'R overlap',
        'F2 overlap',
      ],
      rows: [...Object.entries(span.perType), ['all in scope', span.overall]].map(([type, m]) => [
        type,
        m.gold,
        m.pred,
        m.strict.precision,
        m.strict.recall,
        m.strict.f2,
        m.overlap.precision,
        m.overlap.recall,
        m.overlap.f2,
      ]),
      note:
        'strict = same type, exact offsets; overlap = same type, spans overlap, one-to-one. Out of scope ' +
        `(not counted as gold): ${span.outOfScope.join(', ')}. A prediction that matches no in-scope gold span is a ` +
        'false positive, also where it overlaps an out-of-scope label (a ZIP_CODE inside our address span).',
    },
    {
      title: 'token-level PII (presidio-evaluator style: a token is PII or not, any type)',
      columns: ['gold scope', 'gold tokens', 'precision', 'recall', 'F2'],
      rows: [
        [
          'types findPii recognizes',
          span.tokens.ours.gold,
          span.tokens.ours.precision,
          span.tokens.ours.recall,
          span.tokens.ours.f2,
        ],
        [
          "presidio's entity set (ours missing: GPE, ORG, DATE_TIME, NRP, URL, DL)",
          span.tokens.presidio.gold,
          span.tokens.presidio.precision,
          span.tokens.presidio.recall,
          span.tokens.presidio.f2,
        ],
      ],
      note:
        `presidio's published default reaches F2 ≈ ${PRESIDIO_F2} on its own entity set; the second row ` +
        'is the like-for-like comparison (gold tokens of types we do not detect count as misses).',
    },
    {
      title: 'presidio recognizer cases (all matches, any confidence)',
      columns: ['file', 'type', 'cases', 'exact', 'count only', 'wrong'],
      rows: cases.rows,
      note: cases.note,
    },
    {
      title: 'recognizer-case mismatches',
      columns: ['file', 'text', 'expected', 'got'],
      rows: cases.mismatches,
    },
    {
      title: 'throughput (findPii, all types, mixed corpus)',
      columns: ['corpus', 'MB', 'MB/s', 'ms per 10 KB'],
      rows: speed.rows,
      note: speed.note,
    },
  ];
  return { name: 'pii', metrics, targets, tables };
}

// ---------------------------------------------------------------- spans

function evaluateSpans(samples, findPii) {
  const perType = {};
  const outOfScope = new Set();
  const blank = () => ({ gold: 0, pred: 0, strictTp: 0, overlapGold: 0, overlapPred: 0 });
  const all = blank();
  const tok = { ours: { tp: 0, fp: 0, fn: 0 }, presidio: { tp: 0, fp: 0, fn: 0 } };

  for (const sample of samples) {
    const text = sample.full_text;
    const gold = [];
    const scoped = [];
    for (const s of sample.spans) {
      const type = LABELS[s.entity_type];
      if (type === undefined || type === null) outOfScope.add(s.entity_type);
      const g = { type, start: s.start_position, end: s.end_position, label: s.entity_type };
      if (PRESIDIO_SCOPE.has(s.entity_type)) scoped.push(g);
      if (type) gold.push(g);
    }
    const pred = findPii(text).filter((m) => m.score >= THRESHOLD);
    for (const type of new Set([...gold.map((g) => g.type), ...pred.map((p) => p.type)])) {
      const g = gold.filter((x) => x.type === type);
      const p = pred.filter((x) => x.type === type);
      const m = (perType[type] ??= blank());
      const strictTp = g.filter((x) => p.some((y) => y.start === x.start && y.end === x.end)).length;
      const pairs = overlapPairs(g, p);
      for (const acc of [m, all]) {
        acc.gold += g.length;
        acc.pred += p.length;
        acc.strictTp += strictTp;
        acc.overlapGold += pairs;
        acc.overlapPred += pairs;
      }
    }
    countTokens(text, gold, pred, tok.ours);
    countTokens(text, scoped, pred, tok.presidio);
  }

  const finish = (m) => {
    const sp = ratio(m.strictTp, m.pred);
    const sr = ratio(m.strictTp, m.gold);
    const op = ratio(m.overlapPred, m.pred);
    const or = ratio(m.overlapGold, m.gold);
    return {
      gold: m.gold,
      pred: m.pred,
      strict: { precision: round(sp), recall: round(sr), f2: round(f2(sp, sr)) },
      overlap: { precision: round(op), recall: round(or), f2: round(f2(op, or)) },
    };
  };
  const tokenScore = (t) => {
    const p = ratio(t.tp, t.tp + t.fp);
    const r = ratio(t.tp, t.tp + t.fn);
    return { gold: t.tp + t.fn, precision: round(p), recall: round(r), f2: round(f2(p, r)) };
  };
  const ordered = Object.keys(perType).sort((a, b) => perType[b].gold - perType[a].gold);
  return {
    perType: Object.fromEntries(ordered.map((t) => [t, finish(perType[t])])),
    overall: finish(all),
    tokens: { ours: tokenScore(tok.ours), presidio: tokenScore(tok.presidio) },
    outOfScope: [...outOfScope].sort(),
  };
}

/** Greedy one-to-one pairing of overlapping gold and predicted spans (gold sorted by start). */
function overlapPairs(gold, pred) {
  const used = new Set();
  let pairs = 0;
  for (const g of [...gold].sort((a, b) => a.start - b.start)) {
    let best = -1;
    let bestOverlap = 0;
    pred.forEach((p, i) => {
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap > bestOverlap && !used.has(i)) {
        best = i;
        bestOverlap = overlap;
      }
    });
    if (best >= 0) {
      used.add(best);
      pairs++;
    }
  }
  return pairs;
}

// Tokens as presidio-evaluator (spaCy) sees them, closely enough: words and single punctuation.
const TOKEN = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;

/** A token is PII when any span covers part of it; binary PII vs not, as presidio's "PII" row. */
function countTokens(text, gold, pred, acc) {
  const covered = (spans, start, end) => spans.some((s) => s.start < end && start < s.end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const g = covered(gold, start, end);
    const p = covered(pred, start, end);
    if (g && p) acc.tp++;
    else if (p) acc.fp++;
    else if (g) acc.fn++;
  }
}

// ---------------------------------------------------------------- recognizer cases

function evaluateCases(jsonl, findPii) {
  const perFile = new Map();
  const mismatches = [];
  let skipped = 0;
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    const type = CASE_FILES[c.file];
    if (!type) continue;
    // presidio's phone tests vary the matcher's leniency; ours behaves like its default (1, VALID).
    if (c.leniency !== undefined && c.leniency !== 1) {
      skipped++;
      continue;
    }
    const expected = c.expected_positions ?? c.expected_res ?? [];
    const got = findPii(c.text, { types: [type] }).map((m) => [m.start, m.end]);
    const row = perFile.get(c.file) ?? { type, cases: 0, exact: 0, countOnly: 0, wrong: 0 };
    perFile.set(c.file, row);
    row.cases++;
    const countOk = got.length === c.expected_len;
    const spansGiven = expected.length === c.expected_len;
    const spansOk = spansGiven && expected.every(([s, e], i) => got[i] && got[i][0] === s && got[i][1] === e);
    if (countOk && spansOk) row.exact++;
    else if (countOk && !spansGiven) row.countOnly++;
    else {
      row.wrong++;
      mismatches.push([
        c.file.replace(/^test_|_recognizer\.py$/g, ''),
        c.text.slice(0, 70),
        JSON.stringify(expected.length ? expected : c.expected_len),
        JSON.stringify(got),
      ]);
    }
  }
  const rows = [...perFile].map(([file, r]) => [file, r.type, r.cases, r.exact, r.countOnly, r.wrong]);
  const checksum = [...perFile.values()].filter((r) => CHECKSUM_TYPES.has(r.type));
  const summary = {
    cases: rows.reduce((n, r) => n + r[2], 0),
    exact: rows.reduce((n, r) => n + r[3] + r[4], 0),
    checksumCases: checksum.reduce((n, r) => n + r.cases, 0),
    checksumExact: checksum.reduce((n, r) => n + r.exact + r.countOnly, 0),
    skippedLeniency: skipped,
  };
  return {
    rows,
    mismatches,
    summary,
    note:
      'exact = same count and same offsets; count only = presidio gives no offsets for the case. ' +
      `Skipped ${skipped} phone cases that set another matcher leniency. The recognizer tests have no IBAN cases.`,
  };
}

// ---------------------------------------------------------------- throughput

function throughput(samples, findPii) {
  const pieces = [];
  // PII-dense sentences, command documentation, and prompt-injection texts (emails, tables, tool
  // results, 17 languages).
  const synth = samples.map((s) => s.full_text).join('\n');
  pieces.push(['presidio texts', synth]);
  const tldr = readJsonlTexts(join(DATASETS, 'commands', 'tldr', 'tldr_commands_en.jsonl'), 1_000_000, (r) =>
    [r.description, r.command].filter((x) => typeof x === 'string').join('\n'),
  );
  if (tldr) pieces.push(['tldr commands', tldr]);
  const prose = readJsonlTexts(join(DATASETS, 'injection', 'test.jsonl'), 1_500_000, (r) => r.text);
  if (prose) pieces.push(['injection test texts', prose]);
  const mixed = pieces.map(([, t]) => t).join('\n');
  pieces.push(['mixed (all above)', mixed]);

  const rows = [];
  for (const [name, text] of pieces) {
    const { mbps, msPer10k } = timeChunks(text, (chunk) => findPii(chunk));
    rows.push([name, round(text.length / 1e6), round(mbps), round(msPer10k)]);
  }
  const cheapTypes = [
    'email',
    'credit-card',
    'iban',
    'us-ssn',
    'us-bank-routing',
    'ip-address',
    'mac-address',
  ];
  const cheap = timeChunks(mixed, (chunk) => findPii(chunk, { types: cheapTypes }));
  rows.push([
    'mixed, cheap recognizers only',
    round(mixed.length / 1e6),
    round(cheap.mbps),
    round(cheap.msPer10k),
  ]);
  for (const type of ['phone', 'person', 'street-address']) {
    const t = timeChunks(mixed, (chunk) => findPii(chunk, { types: [type] }));
    rows.push([`mixed, ${type} only`, round(mixed.length / 1e6), round(t.mbps), round(t.msPer10k)]);
  }
  const noDigits = mixed.replace(/\d/g, 'x');
  const phoneProse = timeChunks(noDigits, (chunk) => findPii(chunk, { types: ['phone'] }));
  rows.push([
    'mixed with digits removed, phone only',
    round(noDigits.length / 1e6),
    round(phoneProse.mbps),
    round(phoneProse.msPer10k),
  ]);
  const mixedRow = rows.find((r) => r[0] === 'mixed (all above)');
  return {
    mixedMBps: mixedRow[2],
    cheapMsPer10KB: round(cheap.msPer10k),
    rows,
    note: 'Texts are cut into 10 KB chunks; one warm-up pass, then the best of 3 timed passes (single thread).',
  };
}

function timeChunks(text, fn) {
  const size = 10_000;
  const chunks = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  for (const c of chunks) fn(c);
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    for (const c of chunks) fn(c);
    best = Math.min(best, performance.now() - t0);
  }
  return { mbps: text.length / 1e6 / (best / 1000), msPer10k: best / chunks.length };
}

function readJsonlTexts(file, limit, pick) {
  if (!existsSync(file)) return '';
  const out = [];
  let size = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || size >= limit) continue;
    const text = pick(JSON.parse(line));
    if (typeof text !== 'string') continue;
    out.push(text);
    size += text.length;
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run({ dev: process.argv.includes('--dev') });
  console.log(JSON.stringify(result, null, 2));
}
