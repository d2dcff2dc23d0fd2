// Secrets detector evaluation, following ../shared/datasets/README.md ("Secrets"): span-level
// precision and recall on secretlint's rule snapshots, recall on gitleaks' true positives and
// false-positive rate on its hard negatives, a check that redacting the reported spans leaves no
// secret behind, and secretlint itself on the same inputs in the same process (quality and
// throughput). Run after `npm run build`; `node eval/secrets.eval.mjs` prints the result as JSON.
//
// Definitions (all at the default reporting threshold, score >= 0.5, which is also the default
// `minScore` of `redact()`):
// - Span match: a reported span matches an expected span when they overlap by at least one
//   character. Recall counts expected spans matched by some reported span; precision counts
//   reported spans that match some expected span.
// - secretlint snapshots: expected spans are the ranges in each case's `findings`. `ok` cases
//   expect none. A snapshot only lists what one secretlint rule reports, so a reported span that
//   overlaps nothing counts against precision even where the text does hold a credential that
//   rule ignores (those are listed in the "unmatched reported spans" table to judge). Cases
//   outside the scope of a credential detector are left out, each with its reason (SCOPE below).
// - gitleaks examples: each literal is a positive or a hard negative of one gitleaks rule. The
//   expected secret of a positive is what gitleaks' own rule (its regex translated from Go, its
//   entropy threshold, keywords and allowlists) extracts from it; positives where it extracts
//   nothing are fragments of test code that builds the secret at run time (`"p8e-" + …`) and are
//   not evaluable. Hard negatives are split mechanically into: cross-labelled (another gitleaks
//   rule reports the text: a negative for one rule, a positive for the scanner as a whole),
//   identity-allowlisted (the rule's own regex and entropy accept the value and only a
//   literal allowlist entry naming that exact value excludes it: no format can tell those apart),
//   and format hard negatives (the rest). The false-positive target applies to the last group;
//   the rate over all negatives is reported too.
// - Redaction: every reported span is replaced by a placeholder; an expected secret leaks when
//   its value still appears in the result or a run of 8 or more of its characters is left
//   uncovered in place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { SECRET_RULES, findSecrets } from '../dist/detect/secrets/index.js';

const DATA = fileURLToPath(new URL('../../shared/datasets/secrets/', import.meta.url));
const MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));
const THRESHOLD = 0.5;
const LEAK_RUN = 8;

const round = (x, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const ratio = (a, b) => (b === 0 ? null : a / b);
const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const readJsonl = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));

// ---------------------------------------------------------------------------------------------
// Detectors under test

function ourSpans(text) {
  return findSecrets(text)
    .filter((m) => m.score >= THRESHOLD)
    .map((m) => ({ start: m.start, end: m.end, type: m.type }));
}

const SECRETLINT_CONFIG = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

/**
 * secretlint with its recommended preset, in this process: the messages for one text as spans.
 * Exported for the benchmarks.
 */
export async function secretlintScan(text, filePath = 'input.txt') {
  const dot = filePath.lastIndexOf('.');
  const result = await lintSource({
    source: {
      content: text,
      filePath: `/eval/${filePath}`,
      ext: dot >= 0 ? filePath.slice(dot) : '',
      contentType: 'text',
    },
    options: { config: SECRETLINT_CONFIG, noPhysicFilePath: false },
  });
  return result.messages.map((m) => ({
    start: m.range[0],
    end: m.range[1],
    type: m.ruleId,
    messageId: m.messageId,
  }));
}

// ---------------------------------------------------------------------------------------------
// gitleaks: its configuration (a TOML subset) and its rules, translated from Go RE2 to JS

/** Parse the subset of TOML gitleaks.toml uses: tables, arrays of tables, strings, numbers, arrays. */
function parseToml(source) {
  const root = {};
  let table = root;
  let i = 0;
  const skipSpace = () => {
    for (;;) {
      while (i < source.length && /[ \t\r\n,]/.test(source[i])) i++;
      if (source[i] === '#') while (i < source.length && source[i] !== '\n') i++;
      else return;
    }
  };
  const readValue = () => {
    skipSpace();
    if (source.startsWith("'''", i)) {
      const end = source.indexOf("'''", i + 3);
      const value = source.slice(i + 3, end);
      i = end + 3;
      return value;
    }
    if (source[i] === "'") {
      const end = source.indexOf("'", i + 1);
      const value = source.slice(i + 1, end);
      i = end + 1;
      return value;
    }
    if (source[i] === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      const value = JSON.parse(source.slice(i, j + 1));
      i = j + 1;
      return value;
    }
    if (source[i] === '[') {
      i++;
      const list = [];
      for (;;) {
        skipSpace();
        if (source[i] === ']') {
          i++;
          return list;
        }
        list.push(readValue());
      }
    }
    const m = /^[^\s,\]#]+/.exec(source.slice(i, i + 64));
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return m[0] === 'true';
    return Number(m[0]);
  };
  while (i < source.length) {
    skipSpace();
    if (i >= source.length) break;
    if (source.startsWith('[[', i)) {
      const end = source.indexOf(']]', i);
      const path = source
        .slice(i + 2, end)
        .trim()
        .split('.');
      i = end + 2;
      let parent = root;
      for (const key of path.slice(0, -1)) {
        const node = parent[key];
        parent = Array.isArray(node) ? node[node.length - 1] : node;
      }
      const last = path[path.length - 1];
      parent[last] ??= [];
      table = {};
      parent[last].push(table);
      continue;
    }
    if (source[i] === '[') {
      const end = source.indexOf(']', i);
      const key = source.slice(i + 1, end).trim();
      i = end + 1;
      root[key] ??= {};
      table = root[key];
      continue;
    }
    const eq = source.indexOf('=', i);
    const key = source.slice(i, eq).trim();
    i = eq + 1;
    table[key] = readValue();
  }
  return root;
}

const POSIX_CLASSES = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};
const isAsciiLetter = (c) => /^[A-Za-z]$/.test(c);
const swapCase = (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/**
 * Translate a Go RE2 pattern into a JS one. JS (Node 20) has no scoped flags, so `(?i)`,
 * `(?i:…)`, `(?-i:…)` become explicit letter classes where case is ignored, and `(?s)` turns `.`
 * into `[\s\S]`. Also `\z`, `(?P<name>…)` and POSIX classes.
 */
function translateGoRegex(source) {
  let out = '';
  const stack = [{ ci: false, dotAll: false }];
  const top = () => stack[stack.length - 1];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      out += n === 'z' ? '(?![\\s\\S])' : n === 'A' ? '^' : c + n;
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (source[j] === '^') cls += source[j++];
      if (source[j] === ']') {
        cls += '\\]';
        j++;
      }
      while (j < source.length && source[j] !== ']') {
        if (source.startsWith('[:', j)) {
          const end = source.indexOf(':]', j);
          cls += POSIX_CLASSES[source.slice(j + 2, end)];
          j = end + 2;
          continue;
        }
        if (source[j] === '\\') {
          cls += source.slice(j, j + 2);
          j += 2;
          continue;
        }
        const a = source[j];
        if (source[j + 1] === '-' && source[j + 2] !== undefined && source[j + 2] !== ']') {
          const b = source[j + 2];
          cls += `${a}-${b === '\\' ? source.slice(j + 2, j + 4) : b}`;
          if (top().ci && isAsciiLetter(a) && isAsciiLetter(b)) cls += `${swapCase(a)}-${swapCase(b)}`;
          j += b === '\\' ? 4 : 3;
          continue;
        }
        cls += a === '[' ? '\\[' : a;
        if (top().ci && isAsciiLetter(a)) cls += swapCase(a);
        j++;
      }
      out += `${cls}]`;
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?P<', i)) {
        const end = source.indexOf('>', i);
        out += `(?<${source.slice(i + 4, end)}>`;
        stack.push({ ...top() });
        i = end + 1;
        continue;
      }
      const flags = /^\(\?([a-z]*)(?:-([a-z]*))?([:)])/.exec(source.slice(i, i + 12));
      if (flags && (flags[1] || flags[2])) {
        const frame = { ...top() };
        if ((flags[1] ?? '').includes('i')) frame.ci = true;
        if ((flags[2] ?? '').includes('i')) frame.ci = false;
        if ((flags[1] ?? '').includes('s')) frame.dotAll = true;
        if ((flags[2] ?? '').includes('s')) frame.dotAll = false;
        i += flags[0].length;
        if (flags[3] === ')') stack[stack.length - 1] = frame;
        else {
          stack.push(frame);
          out += '(?:';
        }
        continue;
      }
      stack.push({ ...top() });
      const head = /^\((?:\?[:=!]|\?<[=!])?/.exec(source.slice(i, i + 4))[0];
      out += head;
      i += head.length;
      continue;
    }
    if (c === ')') {
      if (stack.length > 1) stack.pop();
      out += c;
      i++;
      continue;
    }
    if (c === '.') out += top().dotAll ? '[\\s\\S]' : '.';
    else if (top().ci && isAsciiLetter(c)) out += `[${c}${swapCase(c)}]`;
    else out += c;
    i++;
  }
  return out;
}

function shannon(s) {
  const counts = new Map();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

const compileGo = (source) => new RegExp(translateGoRegex(source), 'gd');
const isLiteralPattern = (source) => !/[\\^$.|?*+()[\]{}]/.test(source);

function loadGitleaks() {
  const config = parseToml(readFileSync(join(DATA, 'gitleaks/gitleaks.toml'), 'utf8'));
  const compileAllowlist = (a) => ({
    condition: a.condition ?? 'OR',
    target: a.regexTarget ?? 'secret',
    regexes: (a.regexes ?? []).map((r) => ({
      re: new RegExp(translateGoRegex(r)),
      literal: isLiteralPattern(r),
    })),
    stopwords: (a.stopwords ?? []).map((w) => w.toLowerCase()),
    hasPaths: (a.paths ?? []).length > 0,
  });
  const global = compileAllowlist(config.allowlist ?? {});
  const rules = [];
  for (const r of config.rules ?? []) {
    if (!r.regex || r.path) continue; // path-only rules need a file name our literals do not have
    rules.push({
      id: r.id,
      re: compileGo(r.regex),
      entropy: r.entropy ?? 0,
      secretGroup: r.secretGroup ?? 0,
      keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
      allowlists: (r.allowlists ?? []).map(compileAllowlist),
    });
  }
  return { rules, global };
}

/** Which allowlist criterion excludes a candidate: null, 'literal' (names this value) or 'pattern'. */
function allowlisted(allowlist, candidate, text) {
  const lineStart = text.lastIndexOf('\n', candidate.matchStart - 1) + 1;
  const lineEnd = text.indexOf('\n', candidate.matchEnd);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const target =
    allowlist.target === 'match' ? candidate.match : allowlist.target === 'line' ? line : candidate.secret;
  const hits = [];
  const regexHit = allowlist.regexes.find((r) => r.re.test(target));
  if (allowlist.regexes.length > 0) hits.push(regexHit ? (regexHit.literal ? 'literal' : 'pattern') : null);
  const lower = candidate.secret.toLowerCase();
  const stop = allowlist.stopwords.find((w) => lower.includes(w));
  if (allowlist.stopwords.length > 0) hits.push(stop ? (stop === lower ? 'literal' : 'pattern') : null);
  if (allowlist.hasPaths) hits.push(null);
  if (hits.length === 0) return null;
  if (allowlist.condition === 'AND')
    return hits.every(Boolean) ? (hits.includes('pattern') ? 'pattern' : 'literal') : null;
  return hits.includes('pattern') ? 'pattern' : (hits.find(Boolean) ?? null);
}

/** gitleaks' verdict for one rule on one text: reported secrets, and candidates an allowlist removed. */
function runGitleaksRule(rule, global, text) {
  const lower = text.toLowerCase();
  const found = [];
  const excluded = [];
  if (rule.keywords.length > 0 && !rule.keywords.some((k) => lower.includes(k))) return { found, excluded };
  rule.re.lastIndex = 0;
  for (const m of text.matchAll(rule.re)) {
    let group = rule.secretGroup;
    if (group === 0) for (let g = 1; g < m.length && group === 0; g++) if (m[g]) group = g;
    const secret = m[group] ?? m[0];
    const [start, end] = m.indices[group] ?? m.indices[0];
    if (secret.length === 0) continue;
    if (rule.entropy > 0 && shannon(secret) <= rule.entropy) continue;
    if (rule.id.startsWith('generic') && !/[0-9]/.test(secret)) continue;
    const candidate = {
      secret,
      start,
      end,
      match: m[0],
      matchStart: m.index,
      matchEnd: m.index + m[0].length,
    };
    const verdicts = [...rule.allowlists, global].map((a) => allowlisted(a, candidate, text)).filter(Boolean);
    if (verdicts.length === 0) found.push(candidate);
    else excluded.push({ ...candidate, literalOnly: verdicts.every((v) => v === 'literal') });
    if (m[0].length === 0) rule.re.lastIndex++;
  }
  return { found, excluded };
}

// ---------------------------------------------------------------------------------------------
// Redaction

function redactSpans(text, spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.end <= at) continue;
    out += `${text.slice(at, Math.max(at, s.start))}[REDACTED]`;
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}

/**
 * Does the expected secret survive redaction of `spans`? In place: a run of LEAK_RUN or more of its
 * characters (all of it, if shorter) left uncovered. By value: it still appears in the redacted
 * text (checked when the value occurs once, so a second, unrelated copy does not count).
 */
function leaks(text, secret, spans) {
  const value = text.slice(secret.start, secret.end);
  const unique = text.indexOf(value) === text.lastIndexOf(value);
  if (unique && value.length >= LEAK_RUN && redactSpans(text, spans).includes(value)) return true;
  let run = 0;
  for (let i = secret.start; i < secret.end; i++) {
    run = spans.some((s) => s.start <= i && i < s.end) ? 0 : run + 1;
    if (run >= Math.min(LEAK_RUN, value.length)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// secretlint snapshots

const SCOPE = {
  rules: {
    'secretlint-rule-example': 'test fixture rule (the word SECRET), not a credential format',
    'secretlint-rule-filter-comments': "tests secretlint's disable comments with a test-only rule",
    'secretlint-rule-no-homedir': 'home directory paths are not credentials',
    'secretlint-rule-no-dotenv': 'file-name policy (.env files), no content to scan',
    'secretlint-rule-no-k8s-kind-secret': 'file-level policy (a Kubernetes Secret manifest), no spans',
    'secretlint-rule-pattern': 'user-configured patterns: each case brings its own regex',
  },
  configured: 'depends on non-default secretlint options (allows, enableIDScanRule, custom patterns)',
  identifiers: 'an identifier (Azure tenant or client id), not a credential',
};

function scopeOf(row) {
  if (SCOPE.rules[row.rule]) return SCOPE.rules[row.rule];
  if (row.config) return SCOPE.configured;
  if (row.rule === 'secretlint-rule-azure' && /tenant|client_id/.test(row.case)) return SCOPE.identifiers;
  return null;
}

/**
 * The secret inside a snapshot finding: a key block inside the range, a URL's password, or the
 * finding's data value located in the text; else the range itself.
 */
function expectedSecret(text, finding) {
  const [start, end] = finding.range;
  const data = finding.data ?? {};
  const inRange = text.slice(start, end);
  const begin = inRange.indexOf('-----BEGIN');
  // A key block: the key material, up to its END line (one fixture's END line is malformed).
  const endMarker = /-----END /.exec(inRange.slice(Math.max(0, begin)));
  if (begin >= 0 && endMarker) return { start: start + begin, end: start + begin + endMarker.index };
  const url = data.URI ?? data.CREDENTIAL;
  if (typeof url === 'string' && url.includes('://')) {
    const m = /:\/\/[^:/@\s]*:(.+)@[^@]*$/.exec(text.slice(start, end));
    if (m) {
      const s = start + text.slice(start, end).indexOf(m[1], text.slice(start, end).indexOf('://'));
      return { start: s, end: s + m[1].length };
    }
  }
  const value = ['KEY', 'TOKEN', 'SECRET', 'ID'].map((k) => data[k]).find((v) => typeof v === 'string');
  if (value) {
    // The occurrence overlapping the range, else the nearest one (a few snapshot ranges are off).
    let best = null;
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      const span = { start: at, end: at + value.length };
      if (!best || overlaps(span, { start, end }) || Math.abs(at - start) < Math.abs(best.start - start))
        best = span;
      if (overlaps(span, { start, end })) break;
    }
    if (best) return best;
  }
  return { start, end };
}

/** A filler fixture: one character makes up more than half of the secret (`sk_live_AAAA…`). */
function isFillerFixture(value) {
  const body = value.replace(/^[a-z]+[_-]+(?:[a-z]+[_-]+)?/, '').replace(/[^A-Za-z0-9]/g, '');
  if (body.length === 0) return false;
  const counts = new Map();
  for (const ch of body) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return Math.max(...counts.values()) / body.length > 0.5;
}

async function evaluateSecretlint() {
  const rows = readJsonl(join(DATA, 'secretlint/secretlint_snapshots.jsonl'));
  const excluded = [];
  const cases = [];
  for (const row of rows) {
    const reason = scopeOf(row);
    if (reason) excluded.push([row.rule.replace('secretlint-rule-', ''), row.case, reason]);
    else cases.push(row);
  }
  const tools = { warden: { spans: [] }, secretlint: { spans: [] } };
  for (const row of cases) {
    tools.warden.spans.push(ourSpans(row.text));
    tools.secretlint.spans.push(await secretlintScan(row.text, row.input_file ?? 'input.txt'));
  }
  const result = {};
  const perRule = new Map();
  const misses = [];
  const extras = [];
  const leaked = [];
  for (const [tool, { spans }] of Object.entries(tools)) {
    let gold = 0;
    let goldFound = 0;
    let goldNonFiller = 0;
    let goldNonFillerFound = 0;
    let reported = 0;
    let reportedMatched = 0;
    let okCases = 0;
    let okFlagged = 0;
    let secrets = 0;
    let redacted = 0;
    let detectedLeaks = 0;
    cases.forEach((row, k) => {
      const found = spans[k];
      const expected = row.findings.map((f) => ({ start: f.range[0], end: f.range[1], finding: f }));
      const stats = perRule.get(row.rule) ?? {
        cases: 0,
        gold: 0,
        warden: 0,
        secretlint: 0,
        wardenExtra: 0,
        secretlintExtra: 0,
      };
      if (tool === 'warden') {
        stats.cases++;
        stats.gold += expected.length;
      }
      if (row.kind === 'ok') {
        okCases++;
        if (found.length > 0) okFlagged++;
      }
      for (const e of expected) {
        const value = row.text.slice(e.start, e.end);
        const secret = expectedSecret(row.text, e.finding);
        const filler = isFillerFixture(row.text.slice(secret.start, secret.end));
        const hit = found.some((s) => overlaps(s, e));
        gold++;
        if (!filler) goldNonFiller++;
        if (hit) {
          goldFound++;
          if (!filler) goldNonFillerFound++;
          stats[tool]++;
        } else if (tool === 'warden') {
          misses.push([
            row.rule.replace('secretlint-rule-', ''),
            row.case,
            JSON.stringify(value.slice(0, 60)),
            filler ? 'filler fixture' : '',
          ]);
        }
        secrets++;
        const leftBehind = leaks(row.text, secret, found);
        if (!leftBehind) redacted++;
        else if (hit) {
          detectedLeaks++;
          leaked.push([
            tool,
            `secretlint ${row.rule.replace('secretlint-rule-', '')} ${row.case}`,
            JSON.stringify(row.text.slice(secret.start, secret.end).slice(0, 40)),
          ]);
        }
      }
      for (const s of found) {
        reported++;
        if (expected.some((e) => overlaps(s, e))) reportedMatched++;
        else {
          stats[`${tool}Extra`]++;
          if (tool === 'warden') {
            extras.push([
              row.rule.replace('secretlint-rule-', ''),
              row.case,
              s.type,
              JSON.stringify(row.text.slice(s.start, s.end).slice(0, 40)),
            ]);
          }
        }
      }
      perRule.set(row.rule, stats);
    });
    result[tool] = {
      cases: cases.length,
      expectedSpans: gold,
      recall: ratio(goldFound, gold),
      recallExcludingFillerFixtures: ratio(goldNonFillerFound, goldNonFiller),
      reportedSpans: reported,
      precision: ratio(reportedMatched, reported),
      okCases,
      okCaseFalsePositiveRate: ratio(okFlagged, okCases),
      redactedShare: ratio(redacted, secrets),
      leaksOfDetectedSecrets: detectedLeaks,
    };
  }
  return { result, perRule, misses, extras, excluded, leaked };
}

// ---------------------------------------------------------------------------------------------
// gitleaks examples

// Rules whose secret group is `user:password`: the user name is not the secret, the password is
// what must not survive redaction.
const USER_PASSWORD_RULES = new Set(['curl-auth-user', 'sidekiq-sensitive-url', 'sidekiq-secret']);

function passwordPart(ruleId, text, found) {
  if (!USER_PASSWORD_RULES.has(ruleId)) return found;
  const value = text.slice(found.start, found.end);
  const colon = value.search(/["']?:["']?[^:]*$/);
  if (colon < 0) return found;
  const tail = /^["']?:["']?/.exec(value.slice(colon))[0].length;
  let end = found.end;
  while (end > found.start + colon + tail + 1 && /["']/.test(text[end - 1])) end--;
  const start = found.start + colon + tail;
  return start < end ? { ...found, start, end } : found;
}

async function evaluateGitleaks() {
  const { rules, global } = loadGitleaks();
  const rows = readJsonl(join(DATA, 'gitleaks/gitleaks_rule_examples_literal.jsonl'));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const cases = rows.map((row, index) => {
    const verdicts = rules.map((r) => ({ id: r.id, ...runGitleaksRule(r, global, row.text) }));
    const own = verdicts.find((v) => v.id === row.rule_id);
    const others = verdicts.filter((v) => v.id !== row.rule_id && v.found.length > 0).map((v) => v.id);
    let category;
    if (row.label === 1) category = own && own.found.length > 0 ? 'positive' : 'fragment';
    else if (others.length > 0) category = 'cross-labelled';
    else if (own && own.found.length === 0 && own.excluded.some((e) => e.literalOnly))
      category = 'identity-allowlisted';
    else category = 'hard-negative';
    const expected =
      row.label === 1 && own ? own.found.map((f) => passwordPart(row.rule_id, row.text, f)) : [];
    return { index, row, category, expected, others, hasRule: byId.has(row.rule_id) };
  });
  const tools = { warden: [], secretlint: [] };
  for (const c of cases) {
    tools.warden.push(ourSpans(c.row.text));
    tools.secretlint.push(await secretlintScan(c.row.text));
  }
  const metrics = {};
  const perRule = new Map();
  const missed = [];
  const flagged = [];
  const leaked = [];
  for (const [tool, spans] of Object.entries(tools)) {
    const count = { positive: 0, found: 0, anyFinding: 0, secrets: 0, redacted: 0, detectedLeaks: 0 };
    const negatives = {
      all: [0, 0],
      'hard-negative': [0, 0],
      'cross-labelled': [0, 0],
      'identity-allowlisted': [0, 0],
    };
    cases.forEach((c, k) => {
      const found = spans[k];
      const stats = perRule.get(c.row.rule_id) ?? {
        positives: 0,
        fragments: 0,
        negatives: 0,
        warden: 0,
        secretlint: 0,
        wardenFp: 0,
        secretlintFp: 0,
      };
      if (c.category === 'positive') {
        count.positive++;
        const hit = c.expected.some((e) => found.some((s) => overlaps(s, e)));
        if (hit) {
          count.found++;
          stats[tool]++;
        } else if (tool === 'warden')
          missed.push([c.row.rule_id, c.index, JSON.stringify(c.row.text.slice(0, 70))]);
        if (found.length > 0) count.anyFinding++;
        for (const e of c.expected) {
          count.secrets++;
          const leftBehind = leaks(c.row.text, e, found);
          if (!leftBehind) count.redacted++;
          else if (hit) {
            count.detectedLeaks++;
            leaked.push([
              tool,
              `gitleaks ${c.row.rule_id} #${c.index}`,
              JSON.stringify(c.row.text.slice(e.start, e.end).slice(0, 40)),
            ]);
          }
        }
        if (tool === 'warden') stats.positives++;
      } else if (c.category === 'fragment') {
        if (tool === 'warden') stats.fragments++;
      } else {
        const fp = found.length > 0;
        negatives.all[0]++;
        negatives[c.category][0]++;
        if (fp) {
          negatives.all[1]++;
          negatives[c.category][1]++;
          stats[`${tool}Fp`]++;
          if (tool === 'warden') {
            const f = found[0];
            flagged.push([
              c.row.rule_id,
              c.index,
              c.category,
              f.type,
              JSON.stringify(c.row.text.slice(f.start, f.end).slice(0, 40)),
            ]);
          }
        }
        if (tool === 'warden') stats.negatives++;
      }
      perRule.set(c.row.rule_id, stats);
    });
    metrics[tool] = {
      positives: count.positive,
      recall: ratio(count.found, count.positive),
      anyFindingRecall: ratio(count.anyFinding, count.positive),
      redactedShare: ratio(count.redacted, count.secrets),
      leaksOfDetectedSecrets: count.detectedLeaks,
      hardNegatives: negatives['hard-negative'][0],
      hardNegativeFpr: ratio(negatives['hard-negative'][1], negatives['hard-negative'][0]),
      allNegatives: negatives.all[0],
      allNegativeFpr: ratio(negatives.all[1], negatives.all[0]),
      crossLabelledNegatives: negatives['cross-labelled'][0],
      crossLabelledFlagged: negatives['cross-labelled'][1],
      identityAllowlistedNegatives: negatives['identity-allowlisted'][0],
      identityAllowlistedFlagged: negatives['identity-allowlisted'][1],
    };
  }
  const fragments = cases.filter((c) => c.category === 'fragment');
  return { metrics, perRule, missed, flagged, leaked, fragments: fragments.length };
}

// ---------------------------------------------------------------------------------------------
// Throughput

/** ~1 MB of READMEs (prose) and index.js files (code) from installed packages, in a fixed order. */
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
  walk(MODULES, 0);
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

async function measureThroughput() {
  const parts = corpus();
  const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  // Warm up: the regex engine compiles to native code after a few passes.
  for (let r = 0; r < 3; r++) for (const p of parts) findSecrets(p);
  let best = Infinity;
  let reported = 0;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    reported = 0;
    for (const p of parts) reported += findSecrets(p).filter((m) => m.score >= THRESHOLD).length;
    best = Math.min(best, performance.now() - t);
  }
  const ours = bytes / 1e6 / (best / 1000);
  for (const p of parts.slice(0, 20)) await secretlintScan(p);
  let slBest = Infinity;
  let slReported = 0;
  for (let r = 0; r < 2; r++) {
    const t = performance.now();
    slReported = 0;
    for (const p of parts) slReported += (await secretlintScan(p)).length;
    slBest = Math.min(slBest, performance.now() - t);
  }
  const theirs = bytes / 1e6 / (slBest / 1000);
  return { bytes, files: parts.length, ours, theirs, reported, slReported };
}

// ---------------------------------------------------------------------------------------------

const pct = (x) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

export async function run() {
  const sl = await evaluateSecretlint();
  const gl = await evaluateGitleaks();
  const speed = await measureThroughput();
  const W = { sl: sl.result.warden, gl: gl.metrics.warden };
  const S = { sl: sl.result.secretlint, gl: gl.metrics.secretlint };

  const providerFormats = SECRET_RULES.filter(
    (r) => r.detection !== 'generic' && r.detection !== 'context',
  ).length;
  const metrics = {
    threshold: THRESHOLD,
    rules: SECRET_RULES.length,
    providerFormatRules: providerFormats,
    checksumRules: SECRET_RULES.filter((r) => r.checksum).map((r) => r.id),
    gitleaks: { ...gl.metrics, fragmentsNotEvaluable: gl.fragments },
    secretlintSnapshots: { ...sl.result, excludedCases: sl.excluded.length },
    throughput: {
      corpusBytes: speed.bytes,
      corpusFiles: speed.files,
      wardenMBps: round(speed.ours, 1),
      secretlintMBps: round(speed.theirs, 2),
      speedup: round(speed.ours / speed.theirs, 1),
      wardenFindingsOnCorpus: speed.reported,
      secretlintFindingsOnCorpus: speed.slReported,
    },
  };

  const recallTarget = 0.98;
  const fprTarget = 0.01;
  const targets = [
    {
      target: `recall on gitleaks provider-format true positives >= ${recallTarget * 100}%`,
      measured: round(W.gl.recall),
      pass: W.gl.recall >= recallTarget,
    },
    {
      target: `false positives on gitleaks format hard negatives <= ${fprTarget * 100}%`,
      measured: round(W.gl.hardNegativeFpr),
      pass: W.gl.hardNegativeFpr <= fprTarget,
    },
    {
      target: 'redaction of reported spans leaves no detected secret behind (leaks)',
      measured: W.gl.leaksOfDetectedSecrets + W.sl.leaksOfDetectedSecrets,
      pass: W.gl.leaksOfDetectedSecrets + W.sl.leaksOfDetectedSecrets === 0,
    },
    {
      target: 'throughput on ~1 MB of mixed prose and code >= 30 MB/s',
      measured: round(speed.ours, 1),
      pass: speed.ours >= 30,
    },
  ];

  const tables = [
    {
      title: 'secrets: Warden vs secretlint (same inputs, same process)',
      columns: ['metric', 'warden', 'secretlint'],
      rows: [
        ['gitleaks true positives: recall (span overlap)', pct(W.gl.recall), pct(S.gl.recall)],
        ['gitleaks format hard negatives: FPR', pct(W.gl.hardNegativeFpr), pct(S.gl.hardNegativeFpr)],
        ['gitleaks all negatives: FPR', pct(W.gl.allNegativeFpr), pct(S.gl.allNegativeFpr)],
        ['gitleaks: secrets fully redacted', pct(W.gl.redactedShare), pct(S.gl.redactedShare)],
        ['secretlint snapshots: span recall', pct(W.sl.recall), pct(S.sl.recall)],
        [
          'secretlint snapshots: span recall without filler fixtures',
          pct(W.sl.recallExcludingFillerFixtures),
          pct(S.sl.recallExcludingFillerFixtures),
        ],
        ['secretlint snapshots: span precision', pct(W.sl.precision), pct(S.sl.precision)],
        [
          'secretlint snapshots: ok cases flagged',
          pct(W.sl.okCaseFalsePositiveRate),
          pct(S.sl.okCaseFalsePositiveRate),
        ],
        ['secretlint snapshots: secrets fully redacted', pct(W.sl.redactedShare), pct(S.sl.redactedShare)],
        ['throughput, MB/s (~1 MB prose and code)', speed.ours.toFixed(1), speed.theirs.toFixed(1)],
        ['findings on that corpus (benign text)', speed.reported, speed.slReported],
      ],
      note:
        `gitleaks: ${W.gl.positives} evaluable positives (${gl.fragments} fragments not evaluable), ` +
        `${W.gl.hardNegatives} format hard negatives, ${W.gl.crossLabelledNegatives} cross-labelled and ` +
        `${W.gl.identityAllowlistedNegatives} identity-allowlisted negatives (Warden flags ${W.gl.crossLabelledFlagged} and ` +
        `${W.gl.identityAllowlistedFlagged} of them). secretlint snapshots: ${W.sl.cases} cases in scope, ` +
        `${W.sl.expectedSpans} expected spans, ${sl.excluded.length} cases out of scope.`,
    },
    {
      title: 'secrets: gitleaks examples per rule',
      columns: [
        'rule',
        'positives',
        'fragments',
        'warden found',
        'secretlint found',
        'negatives',
        'warden FP',
        'secretlint FP',
      ],
      rows: [...gl.perRule.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([id, s]) => [
          id,
          s.positives,
          s.fragments,
          s.warden,
          s.secretlint,
          s.negatives,
          s.wardenFp,
          s.secretlintFp,
        ]),
    },
    {
      title: 'secrets: gitleaks negatives Warden flags',
      columns: ['rule', 'row', 'category', 'reported as', 'span'],
      rows: gl.flagged,
    },
    {
      title: 'secrets: gitleaks positives Warden misses',
      columns: ['rule', 'row', 'text'],
      rows: gl.missed,
    },
    {
      title: 'secrets: secretlint snapshots per rule',
      columns: [
        'rule',
        'cases',
        'expected spans',
        'warden found',
        'secretlint found',
        'warden unmatched',
        'secretlint unmatched',
      ],
      rows: [...sl.perRule.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([id, s]) => [
          id.replace('secretlint-rule-', ''),
          s.cases,
          s.gold,
          s.warden,
          s.secretlint,
          s.wardenExtra,
          s.secretlintExtra,
        ]),
    },
    {
      title: 'secrets: secretlint expected spans Warden misses',
      columns: ['rule', 'case', 'expected', 'why'],
      rows: sl.misses,
    },
    {
      title: 'secrets: Warden spans matching no expected span (secretlint snapshots)',
      columns: ['rule', 'case', 'reported as', 'span'],
      rows: sl.extras,
    },
    {
      title: 'secrets: detected secrets that redaction of the reported spans leaves (partly) in place',
      columns: ['tool', 'case', 'secret'],
      rows: [...gl.leaked, ...sl.leaked],
    },
    {
      title: 'secrets: secretlint cases out of scope',
      columns: ['rule', 'case', 'reason'],
      rows: sl.excluded,
    },
  ];
  return { name: 'secrets', metrics, targets, tables };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  console.log(JSON.stringify(result, null, 2));
}
