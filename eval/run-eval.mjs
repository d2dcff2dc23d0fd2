// `npm run eval`: every detector evaluation, following ../shared/datasets/README.md. Prints one
// table per section and writes eval-report.json. Sections that need a dataset that is missing
// fail the run: a silent skip would read as a pass.
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SECTIONS = ['secrets', 'pii', 'injection', 'tool-poisoning'];
const datasets = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));
if (!existsSync(datasets)) {
  console.error(`eval: datasets not found at ${datasets} (clone the project with ../shared beside it)`);
  process.exit(2);
}

const only = process.argv.slice(2);
const report = { date: new Date().toISOString(), node: process.version, sections: {} };
const started = performance.now();
let failed = false;

for (const name of SECTIONS) {
  if (only.length > 0 && !only.includes(name)) continue;
  const t = performance.now();
  const mod = await import(`./${name}.eval.mjs`);
  let options = {};
  if (name === 'injection') {
    // The full pipeline: rules and classifier on normalized and decoded text, one score.
    const { scan, INJECTION_THRESHOLD } = await import('../dist/detect/index.js');
    options = {
      score: (text, channel) => scan(text, { channel, kinds: ['injection'] }).scores.injection,
      thresholds: { user: INJECTION_THRESHOLD, tool: INJECTION_THRESHOLD },
    };
  }
  const section = await mod.run(options);
  section.seconds = Math.round((performance.now() - t) / 100) / 10;
  report.sections[name] = section;
  printSection(section);
  if ((section.targets ?? []).some((x) => x.pass === false)) failed = true;
}

report.seconds = Math.round((performance.now() - started) / 100) / 10;
writeFileSync(new URL('../eval-report.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nwrote eval-report.json (${report.seconds} s)${failed ? '; some targets missed (see above)' : ''}`,
);

function printSection(section) {
  console.log(`\n== ${section.name} (${section.seconds} s) ==`);
  for (const table of section.tables ?? []) printTable(table);
  if ((section.targets ?? []).length > 0) {
    printTable({
      title: 'targets',
      columns: ['target', 'measured', 'pass'],
      rows: section.targets.map((x) => [x.target, format(x.measured), x.pass ? 'yes' : 'NO']),
    });
  }
}

function format(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  return value === undefined || value === null ? '' : String(value);
}

function printTable({ title, columns, rows, note }) {
  const cells = [columns, ...rows.map((r) => r.map(format))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ');
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
  if (note) console.log(`note: ${note}`);
}
