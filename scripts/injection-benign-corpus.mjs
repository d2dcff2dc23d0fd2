// Benign text gathered on this machine for training the injection classifier: the labelled train
// set has too little of it. Deterministic for a given machine (sorted paths, hash-based sampling,
// fixed caps), but it depends on what is installed: node_modules (after `npm ci`), Debian docs,
// man pages (English and translated) and gettext catalogues (.mo) in ~150 languages. The gettext
// strings are short, often imperative UI messages ("Do not ignore…", "Enter the password") in many
// scripts: the hard, multilingual negatives the labelled data lacks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hashString, makeRandom } from './injection-random.mjs';

const decoder = new TextDecoder('utf-8');

/** Files under `dir` (recursive, sorted), filtered by `keep(path, name)`. Symlinks are skipped. */
function listFiles(dir, keep, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, keep, out);
    else if (e.isFile() && keep(p, e.name)) out.push(p);
  }
  return out;
}

/** Paths in a seeded pseudo-random (but stable) order, so a budget cut does not favour 'a…'. */
const byHash = (paths, seed) =>
  paths
    .map((p) => [hashString(p, seed ^ 0x9e3779b9), p])
    .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
    .map(([, p]) => p);

/** Keep a path when its seeded hash falls under `rate` (stable sampling, independent of order). */
const sampled = (path, rate, seed) => hashString(path, seed) / 2 ** 32 < rate;

function readText(path) {
  try {
    if (statSync(path).size > 2_000_000) return '';
    let bytes = readFileSync(path);
    if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
    const text = decoder.decode(bytes);
    // Legacy encodings decode to replacement characters: not realistic text, skip.
    const bad = text.split('\uFFFD').length - 1;
    return bad > text.length / 200 ? '' : text;
  } catch {
    return '';
  }
}

const ROFF_CHARS = {
  em: '—',
  en: '–',
  aq: "'",
  dq: '"',
  lq: '“',
  rq: '”',
  oq: '‘',
  cq: '’',
  bu: '•',
  co: '©',
  mu: '×',
  hy: '-',
  ti: '~',
  rs: '\\',
  ga: '`',
  ha: '^',
};
const ACCENTS = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  ':': '\u0308',
  '~': '\u0303',
  ',': '\u0327',
  o: '\u030a',
};

/** A roff special character: `\('e` is é, `\[u00FC]` is ü, `\(em` is an em dash. */
function roffChar(name) {
  if (name in ROFF_CHARS) return ROFF_CHARS[name];
  if (name === 'ss') return 'ß';
  if (/^u[0-9A-F]{4,5}$/.test(name)) return String.fromCodePoint(parseInt(name.slice(1), 16));
  const mark = ACCENTS[name[0]];
  return mark && /^[A-Za-z]$/.test(name[1] ?? '') ? (name[1] + mark).normalize('NFC') : '';
}

const SKIP_MACROS = new Set(
  'TH PP LP P br sp nf fi in ti ft ps ad na hy nh ne ds nr so ig RS RE TP PD UC Dd Dt Os Bl El Bd Ed Sm ll ta tr ce bp ns rs fl ev mk rt EX EE YS SY OP UR UE MT ME IX ie el if tm'.split(
    ' ',
  ),
);

/** Man page source (roff) to plain paragraphs: good enough for realistic prose, not a renderer. */
export function roffToText(src) {
  const out = [];
  let para = [];
  let skipping = false;
  const flush = () => {
    if (para.length) out.push(para.join(' '));
    para = [];
  };
  const inline = (s) =>
    s
      .replace(/\\f(\[[^\]]*\]|\(..|.)/g, '')
      .replace(/\\\((..)/g, (_, k) => roffChar(k))
      .replace(/\\\[([^\]]*)\]/g, (_, k) => roffChar(k))
      .replace(/\\\*(\[[^\]]*\]|\(..|.)/g, '')
      .replace(/\\[sS][+-]?\d+/g, '')
      .replace(/\\[Nw]'[^']*'/g, '')
      .replace(/\\-/g, '-')
      .replace(/\\e/g, '\\')
      .replace(/\\[&|^c%:,/]/g, '')
      .replace(/\\ /g, ' ')
      .replace(/\\(.)/g, '$1');
  for (const raw of src.split('\n')) {
    if (skipping) {
      if (raw.startsWith('..')) skipping = false;
      continue;
    }
    if (/^['.]\s*\\"/.test(raw) || raw.startsWith('\\"')) continue;
    const m = /^[.'][ \t]*([A-Za-z]{1,3})\b\s*(.*)$/.exec(raw);
    if (m) {
      const [, name, args] = m;
      if (name === 'de' || name === 'ig') {
        skipping = true;
        continue;
      }
      if (/^(SH|SS|PP|LP|P|TP|IP|Sh|Ss|Pp|sp|HP)$/.test(name)) flush();
      if (SKIP_MACROS.has(name) || name === 'IP') continue;
      const text = inline(args.replace(/"/g, '')).trim();
      if (text) para.push(/^(SH|SS|Sh|Ss)$/.test(name) ? `${text}\n` : text);
      if (/^(SH|SS|Sh|Ss)$/.test(name)) flush();
      continue;
    }
    if (raw.startsWith('.') || raw.startsWith("'")) continue;
    if (!raw.trim()) {
      flush();
      continue;
    }
    para.push(inline(raw).trim());
  }
  flush();
  return out.map((p) => p.replace(/[ \t]+/g, ' ').trim()).filter((p) => p.length > 0);
}

const moCache = new Map();

/** Translated strings (and their English originals) of a gettext .mo catalogue, as [id, str]. */
export function readMo(path) {
  if (!moCache.has(path)) moCache.set(path, parseMo(path));
  return moCache.get(path);
}

function parseMo(path) {
  let buf;
  try {
    buf = readFileSync(path);
  } catch {
    return [];
  }
  if (buf.length < 28) return [];
  const magic = buf.readUInt32LE(0);
  const read =
    magic === 0x950412de
      ? (o) => buf.readUInt32LE(o)
      : magic === 0xde120495
        ? (o) => buf.readUInt32BE(o)
        : null;
  if (!read) return [];
  const n = read(8);
  const origTable = read(12);
  const transTable = read(16);
  const pairs = [];
  for (let i = 0; i < n; i++) {
    const get = (table) => {
      const len = read(table + i * 8);
      const off = read(table + i * 8 + 4);
      if (off + len > buf.length) return '';
      // Plural forms are NUL-separated, a context ends with EOT: keep the first message.
      const s = decoder.decode(buf.subarray(off, off + len)).split('\0')[0];
      return s.includes('\u0004') ? s.slice(s.indexOf('\u0004') + 1) : s;
    };
    const id = get(origTable);
    const str = get(transTable);
    if (id) pairs.push([id, str]);
  }
  return pairs;
}

/** Paragraphs of markdown/plain text (blank-line separated). */
const paragraphs = (text) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 20);

/** JSDoc/TSDoc blocks of a .d.ts file, without the comment decoration. */
function docComments(text) {
  const out = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim();
    if (body.length >= 40) out.push(body);
  }
  return out;
}

/**
 * Group consecutive paragraphs into chunks whose lengths follow a spread of sizes (a sentence, a
 * paragraph, a page), drawing each target length from `random`.
 */
function chunk(paras, random, push) {
  let target = drawLength(random);
  let cur = [];
  let len = 0;
  for (const p of paras) {
    cur.push(p);
    len += p.length + 2;
    if (len >= target) {
      push(cur.join('\n\n').slice(0, Math.max(target, 200) * 2));
      cur = [];
      len = 0;
      target = drawLength(random);
    }
  }
  if (cur.length) push(cur.join('\n\n'));
}

function drawLength(random) {
  const r = random();
  if (r < 0.35) return 20 + Math.floor(random() * 200);
  if (r < 0.75) return 200 + Math.floor(random() * 900);
  return 1100 + Math.floor(random() * 3000);
}

/**
 * Gather benign texts. Returns `{ text, group, short }[]`: `group` names where it came from (for
 * holding out whole groups), `short` marks user-message-sized items.
 */
export function gatherBenign({ seed, nodeModules, log = () => {} }) {
  const random = makeRandom(seed);
  const items = [];
  const seen = new Set();
  // Character budget per family, so no one source (nor training time) dominates.
  const budget = {
    'man-en': 2_000_000,
    'man-i18n': 1_200_000,
    mo: 1_000_000,
    'usr-doc': 700_000,
    'npm-md': 600_000,
    'npm-tsdoc': 300_000,
    questions: 150_000,
    requests: 150_000,
    'api-doc-ai': 500_000,
    'api-doc': 200_000,
  };
  const spent = {};
  const push = (group) => (text) => {
    const t = text.trim();
    const family = group.startsWith('mo-') ? 'mo' : group;
    if (t.length < 12 || seen.has(t) || (spent[family] ?? 0) >= budget[family]) return;
    spent[family] = (spent[family] ?? 0) + t.length;
    seen.add(t);
    items.push({ text: t, group, family, short: t.length <= 300 });
  };
  const counts = () => items.length;

  // 1. English man pages, sampled; every translated man page (there are few).
  let before = counts();
  const man = '/usr/share/man';
  // Most pages here are gcloud's (thousands, all alike): cap them, sample the rest.
  const enAll = listFiles(man, (p) => /\/man[1-8]\//.test(p) && !/\/man\/[a-z]{2}(_[A-Z]{2})?\//.test(p));
  const enPages = [
    ...enAll.filter((p) => !p.includes('/gcloud') && sampled(p, 0.4, seed)),
    ...enAll.filter((p) => p.includes('/gcloud') && sampled(p, 0.01, seed)).slice(0, 150),
  ];
  for (const p of byHash(enPages, seed)) chunk(roffToText(readText(p)), random, push('man-en'));
  log(`man pages (en): ${enPages.length} pages -> ${counts() - before} chunks`);
  before = counts();
  const i18nPages = existsSync(man)
    ? readdirSync(man)
        .filter((d) => !d.startsWith('man'))
        .sort()
        .flatMap((lang) => listFiles(join(man, lang), () => true).slice(0, 60))
    : [];
  for (const p of byHash(i18nPages, seed)) chunk(roffToText(readText(p)), random, push('man-i18n'));
  log(`man pages (translated): ${i18nPages.length} pages -> ${counts() - before} chunks`);

  // 2. gettext catalogues: per language, a sample of translated UI strings, alone and grouped.
  before = counts();
  const locale = '/usr/share/locale';
  const langs = existsSync(locale)
    ? readdirSync(locale)
        .filter((d) => !d.includes('.'))
        .sort()
    : [];
  const english = [];
  const msgQuestions = new Set();
  for (const lang of langs) {
    const files = listFiles(join(locale, lang), (p) => p.endsWith('.mo'));
    const strings = [];
    for (const f of files) {
      for (const [id, str] of readMo(f)) {
        if (str && str !== id && str.length >= 12) strings.push(str);
        if (sampled(`${f}\0${id}`, 0.01, seed)) english.push(id);
        if (/^[A-Z][^?\n%{}<>]{10,200}\?$/.test(id)) msgQuestions.add(id.replace(/[_&]/g, ''));
      }
    }
    const picked = strings.filter((s) => sampled(`${lang}\0${s}`, 0.5, seed)).slice(0, 120);
    for (const s of picked.slice(0, 60)) push(`mo-${lang}`)(s);
    for (let i = 60; i + 5 <= picked.length; i += 5) push(`mo-${lang}`)(picked.slice(i, i + 5).join('\n'));
  }
  for (const s of english.filter((s) => s.length >= 12).slice(0, 1500)) push('mo-en')(s);
  log(`gettext catalogues: ${langs.length} languages -> ${counts() - before} items`);

  // 3. Debian package docs (READMEs, FAQs, NEWS; not the formulaic changelogs).
  before = counts();
  const docs = listFiles(
    '/usr/share/doc',
    (p, name) =>
      /^(readme|faq|news|todo|thanks|bugs|notes|usage|contributing|hacking)|\.(txt|md|rst)(\.gz)?$/i.test(
        name,
      ) && !/changelog|copyright/i.test(name),
  ).filter((p) => sampled(p, 0.6, seed));
  for (const p of byHash(docs, seed)) chunk(paragraphs(readText(p)).slice(0, 40), random, push('usr-doc'));
  log(`/usr/share/doc: ${docs.length} files -> ${counts() - before} chunks`);

  // 4. Package READMEs and docs, and TSDoc comments of type declarations, under node_modules.
  before = counts();
  const mdFiles = listFiles(
    nodeModules,
    (p, name) => /\.md$/i.test(name) && !/changelog|license/i.test(name),
  );
  for (const p of byHash(mdFiles, seed)) chunk(paragraphs(readText(p)).slice(0, 60), random, push('npm-md'));
  log(`node_modules markdown: ${mdFiles.length} files -> ${counts() - before} chunks`);
  before = counts();
  const dts = listFiles(nodeModules, (p, name) => name.endsWith('.d.ts')).filter((p) =>
    sampled(p, 0.25, seed),
  );
  for (const p of byHash(dts, seed)) chunk(docComments(readText(p)).slice(0, 40), random, push('npm-tsdoc'));
  log(`node_modules TSDoc: ${dts.length} files -> ${counts() - before} chunks`);

  // 5. API reference prose of the Google Cloud SDK's generated clients, when installed: the AI
  // APIs (Vertex AI, Model Armor, Dialogflow, Gemini assist) describe prompts, system
  // instructions, jailbreak filters and model safety in benign text — the text that *talks about*
  // prompt injection and must not be flagged for it. Other APIs are sampled.
  before = counts();
  const apis = '/usr/lib/google-cloud-sdk/lib/googlecloudsdk/generated_clients/apis';
  const AI_APIS =
    /\/(aiplatform|modelarmor|dialogflow|geminicloudassist|cloudaicompanion|discoveryengine|seclm)\//;
  const apiFiles = listFiles(apis, (p, name) => name.endsWith('_messages.py')).filter(
    (p) => AI_APIS.test(p) || sampled(p, 0.1, seed),
  );
  const aiFirst = [
    ...byHash(
      apiFiles.filter((p) => AI_APIS.test(p)),
      seed,
    ),
    ...byHash(
      apiFiles.filter((p) => !AI_APIS.test(p)),
      seed,
    ),
  ];
  for (const p of aiFirst) {
    const ai = AI_APIS.test(p);
    const docs = [];
    for (const m of readText(p).matchAll(/r?"""([\s\S]*?)"""/g)) {
      const body = m[1].replace(/\n[ \t]+/g, '\n').trim();
      // Skip the generated field/enum listings; keep the descriptive paragraphs.
      for (const para of paragraphs(body))
        if (!/^(Fields|Enums|Messages|Values):|^An? \S+\s+object\.$/.test(para)) docs.push(para);
    }
    chunk(docs.slice(0, ai ? 3000 : 200), random, push(ai ? 'api-doc-ai' : 'api-doc'));
  }
  log(`Cloud SDK API reference prose: ${apiFiles.length} files -> ${counts() - before} chunks`);

  // 6. Questions found in the English text above, alone: short benign questions are what the
  // labelled data lacks most ("What is the capital of …?" appears there only inside attacks).
  before = counts();
  const questions = [];
  for (const it of items) {
    if (!/^(man-en|usr-doc|npm-md|npm-tsdoc|mo-en)$/.test(it.group)) continue;
    for (const m of it.text.matchAll(/(?:^|[.!?]\s+|\n)([A-Z][^.!?\n]{10,200}\?)/g)) questions.push(m[1]);
  }
  questions.push(...[...msgQuestions].sort());
  for (const q of questions.filter((q) => sampled(q, 0.5, seed))) push('questions')(q);
  log(`questions from English docs and UI strings: ${counts() - before}`);

  // 7. Requests an agent's user might type, from the one-line descriptions of every English man
  // page ("ls - list directory contents" -> "Can you list directory contents?").
  before = counts();
  const templates = [
    (d) => `How do I ${d}?`,
    (d) => `Can you ${d} for me?`,
    (d) => `Please ${d}.`,
    (d) => `I need to ${d}, what command should I use?`,
    (d) => `What is the best way to ${d}?`,
    (d) => `${d[0].toUpperCase()}${d.slice(1)}.`,
  ];
  const descriptions = [];
  for (const p of enAll.filter((p) => !p.includes('/gcloud'))) {
    const m = /^\.SH "?NAME"?\s*\n(?:\.[^\n]*\n)*([^\n]+)/m.exec(readText(p));
    const line = m ? roffToText(m[1]).join(' ') : '';
    const d = /\s[-—–]\s+(.{8,120})$/.exec(line)?.[1];
    if (d && /^[a-z]/.test(d)) descriptions.push(d.replace(/\.$/, ''));
  }
  for (const d of [...new Set(descriptions)].filter((d) => sampled(d, 0.6, seed))) {
    push('requests')(templates[Math.floor(random() * templates.length)](d));
  }
  log(`requests from man page descriptions: ${counts() - before}`);

  return items;
}
