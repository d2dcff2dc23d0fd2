// Tool-poisoning evaluation: detection rate on poisoned MCP tool definitions and false-positive
// rate on benign ones, per source; plus a sanity table of the injection keyword rules on the
// injection TRAIN split (the split the rules were tuned on: it is not a test result).
//
// Run after the build: `node eval/tool-poisoning.eval.mjs` prints the report as JSON.
// Data is read from ../shared/datasets (relative to the repository root), never copied here.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DATASETS = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));
const THRESHOLD = 0.5;

// MCPSecBench ships server code without labels. Poisoned here means the definition itself carries
// the attack: `modify` tells the model to run it before another tool and swap the values (tool
// shadowing); `times` takes a `tools_list` parameter that asks the model for its tool list (the
// benchmark's data-exfiltration case). Its other tools attack through code, names or rug pulls
// that a definition scan cannot see, and count as benign definitions.
const MCPSECBENCH_POISONED = new Set(['modify', 'times']);

/** The report: metrics, and per-source tables. */
export async function run() {
  const { scanToolDefinition } = await import('../dist/detect/tool-poisoning/index.js');
  const sets = loadToolSets();
  const rows = [];
  const totals = { poisoned: { n: 0, hit: 0 }, benign: { n: 0, hit: 0 } };
  const byType = new Map();
  let micros = 0;
  let scanned = 0;
  // Warm up once: the first scan builds the rule index and compiles its patterns.
  scanToolDefinition({ name: 'warm_up', description: 'Add two numbers.' });
  for (const set of sets) {
    let hit = 0;
    let scoreSum = 0;
    for (const item of set.items) {
      const t0 = performance.now();
      const findings = scanToolDefinition(item.def, { otherToolNames: set.toolNames });
      micros += (performance.now() - t0) * 1000;
      scanned++;
      const top = findings.reduce((m, f) => Math.max(m, f.score), 0);
      scoreSum += top;
      if (top >= THRESHOLD) {
        hit++;
        for (const type of new Set(findings.filter((f) => f.score >= THRESHOLD).map((f) => f.type))) {
          const key = `${set.label}:${type}`;
          byType.set(key, (byType.get(key) ?? 0) + 1);
        }
      }
    }
    const bucket = totals[set.label];
    bucket.n += set.synthetic ? 0 : set.items.length;
    bucket.hit += set.synthetic ? 0 : hit;
    rows.push([
      set.source,
      set.label + (set.synthetic ? ' (synthetic)' : ''),
      set.items.length,
      hit,
      pct(hit, set.items.length),
      round(scoreSum / Math.max(1, set.items.length)),
    ]);
  }

  const injection = await injectionSanity();
  const metrics = {
    threshold: THRESHOLD,
    poisoned_definitions: totals.poisoned.n,
    poisoned_detection_rate: ratio(totals.poisoned.hit, totals.poisoned.n),
    benign_definitions: totals.benign.n,
    benign_false_positive_rate: ratio(totals.benign.hit, totals.benign.n),
    synthetic_injected_detection_rate: syntheticRate(rows),
    mean_scan_microseconds: round(micros / Math.max(1, scanned)),
    injection_rules_train_attack_recall: injection.metrics.recall,
    injection_rules_train_benign_fpr: injection.metrics.fpr,
  };
  return {
    name: 'tool-poisoning',
    metrics,
    targets: [],
    tables: [
      {
        title: `Tool poisoning by source (flagged = any finding scoring >= ${THRESHOLD}; synthetic rows are not in the totals)`,
        columns: ['source', 'label', 'definitions', 'flagged', 'flagged %', 'mean top score'],
        rows,
      },
      {
        title: 'Finding types on flagged definitions',
        columns: ['label:type', 'definitions'],
        rows: [...byType].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      },
      {
        title: `Injection rules on injection/train.jsonl, per source (TRAIN split, tuned on: a sanity check, not a test result; flagged = a rule scoring >= ${THRESHOLD})`,
        columns: ['source', 'label', 'items', 'flagged @0.3 %', 'flagged @0.5 %', 'flagged @0.7 %'],
        rows: injection.rows,
      },
    ],
  };
}

function loadToolSets() {
  const dir = `${DATASETS}mcp/tool_poisoning/`;
  const sets = [];

  const invariant = readJson(`${dir}invariantlabs_tool_descriptions.json`);
  const invariantNames = invariant.map((t) => t.tool_name).concat(['send_email']);
  for (const label of ['poisoned', 'benign']) {
    sets.push({
      source: 'invariantlabs mcp-injection-experiments',
      label,
      toolNames: invariantNames,
      items: invariant.filter((t) => t.label === label).map((t) => ({ def: fromFlat(t) })),
    });
  }

  const secbench = readJson(`${dir}mcpsecbench_server_tools.json`);
  const secbenchNames = secbench.map((t) => t.tool_name);
  for (const label of ['poisoned', 'benign']) {
    sets.push({
      source: 'TUM-DSE MCPSecBench servers (labels: see eval source)',
      label,
      toolNames: secbenchNames,
      items: secbench
        .filter((t) => MCPSECBENCH_POISONED.has(t.tool_name) === (label === 'poisoned'))
        .map((t) => ({ def: fromFlat(t) })),
    });
  }

  for (const file of [
    'mcpscan_benign_math_server_signature.json',
    'mcpscan_benign_weather_server_signature.json',
  ]) {
    const signature = readJson(`${dir}${file}`);
    const entries = [
      ...(signature.tools ?? []),
      ...(signature.prompts ?? []),
      ...(signature.resources ?? []),
      ...(signature.resource_templates ?? []),
    ];
    sets.push({
      source: `invariantlabs mcp-scan ${file.replace(/^mcpscan_benign_|_signature\.json$/g, '')}`,
      label: 'benign',
      toolNames: (signature.tools ?? []).map((t) => t.name),
      items: entries.map((t) => ({ def: { ...t, description: t.description ?? undefined } })),
    });
  }

  // AgentDojo's tool schemas: real, benign tool descriptions of four applications.
  const agentdojo = [];
  const agentdojoNames = [];
  for (const suite of ['banking', 'slack', 'travel', 'workspace']) {
    const path = `${DATASETS}agentdojo/v1.2.1/${suite}/tools.json`;
    if (!existsSync(path)) continue;
    const tools = readJson(path);
    agentdojoNames.push(...tools.map((t) => t.name));
    agentdojo.push(
      ...tools.map((t) => ({ def: { name: t.name, description: t.description, inputSchema: t.parameters } })),
    );
  }
  sets.push({
    source: 'AgentDojo v1.2.1 tool schemas',
    label: 'benign',
    toolNames: agentdojoNames,
    items: agentdojo,
  });

  // Synthetic: AgentDojo's injection texts (travel and workspace suites; banking and slack are the
  // injection test suites and stay unused) appended to benign tool descriptions.
  const injected = [];
  for (const suite of ['travel', 'workspace']) {
    const path = `${DATASETS}agentdojo/v1.2.1/${suite}/attack_injections.jsonl`;
    if (!existsSync(path)) continue;
    const seen = new Set();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line);
      for (const text of Object.values(record.injections ?? {})) {
        const key = `${record.attack}:${record.injection_task}`;
        if (seen.has(key) || typeof text !== 'string') continue;
        seen.add(key);
        const host = agentdojo[injected.length % Math.max(1, agentdojo.length)]?.def;
        if (!host) continue;
        injected.push({ def: { ...host, description: `${host.description}\n${text}` } });
      }
    }
  }
  sets.push({
    source: 'AgentDojo injection texts in tool descriptions (travel, workspace)',
    label: 'poisoned',
    synthetic: true,
    toolNames: agentdojoNames,
    items: injected,
  });
  return sets.filter((s) => s.items.length > 0);
}

async function injectionSanity() {
  const path = `${DATASETS}injection/train.jsonl`;
  if (!existsSync(path)) return { rows: [], metrics: { recall: null, fpr: null } };
  const { findInjectionRules } = await import('../dist/detect/injection/rules/index.js');
  const { normalizeText } = await import('../dist/detect/normalize/normalize-text.js');
  const thresholds = [0.3, THRESHOLD, 0.7];
  const groups = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const item = JSON.parse(line);
    const n = normalizeText(item.text);
    const top = findInjectionRules(n.text, n.folded).reduce((m, r) => Math.max(m, r.score), 0);
    const key = `${item.source}\u0000${item.label}`;
    const g = groups.get(key) ?? {
      source: item.source,
      label: item.label,
      n: 0,
      hits: thresholds.map(() => 0),
    };
    g.n++;
    thresholds.forEach((t, i) => {
      if (top >= t) g.hits[i]++;
    });
    groups.set(key, g);
  }
  const all = [...groups.values()].sort((a, b) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : a.label - b.label,
  );
  const sum = (label, i) =>
    all.filter((g) => g.label === label).reduce((s, g) => s + (i < 0 ? g.n : g.hits[i]), 0);
  return {
    rows: all.map((g) => [
      g.source,
      g.label === 1 ? 'attack' : 'benign',
      g.n,
      ...g.hits.map((h) => pct(h, g.n)),
    ]),
    metrics: { recall: ratio(sum(1, 1), sum(1, -1)), fpr: ratio(sum(0, 1), sum(0, -1)) },
  };
}

function fromFlat(t) {
  const properties = Object.fromEntries((t.params ?? []).map((p) => [p, { type: 'string' }]));
  return { name: t.tool_name, description: t.description, inputSchema: { type: 'object', properties } };
}

function syntheticRate(rows) {
  const row = rows.find((r) => String(r[1]).includes('synthetic'));
  return row ? ratio(row[3], row[2]) : null;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function ratio(a, b) {
  return b === 0 ? null : round(a / b);
}

function pct(a, b) {
  return b === 0 ? null : Math.round((a / b) * 1000) / 10;
}

function round(x) {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await run(), null, 2));
}
