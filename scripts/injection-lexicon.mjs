// A crude bilingual lexicon per language, learned from the gettext catalogues on this machine:
// their (English msgid, translated msgstr) pairs are a parallel corpus of UI strings in ~100
// languages. Each English word of a given vocabulary is aligned to the foreign token that
// co-occurs with it most specifically (Dice coefficient): "ignore" → "ignorar", "игнорировать",
// "無視"; "password" → "contraseña", "пароль", "パスワード". Scripts written without spaces (CJK,
// Thai) are tokenized into character 2–4-grams.
//
// Used to code-switch English training texts: train.jsonl has no translated attacks, and the
// classifier should still know that "ignora las instrucciones anteriores" is "ignore the previous
// instructions". Deterministic: sorted files, counts only, seeded choices when applied.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readMo } from './injection-benign-corpus.mjs';

const LOCALE = '/usr/share/locale';
const MIN_PAIRS = 3000;
const MAX_PAIRS = 25000;
const NO_SPACE_SCRIPT = /[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]/g;
const MIN_DICE = 0.3;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LETTERS = /[^\p{L}\p{M}]+/gu;

const stripUi = (s) => s.replace(/[_&~]/g, '').replace(/%\S+/g, ' ');

/** Foreign tokens of a translated string: words, or letter n-grams for scripts without spaces. */
function foreignTokens(s, noSpace) {
  const lower = stripUi(s).toLowerCase();
  if (!noSpace) return new Set(lower.match(WORD) ?? []);
  const out = new Set();
  for (const run of lower.split(LETTERS)) {
    const cps = [...run];
    for (let n = 2; n <= 4; n++)
      for (let i = 0; i + n <= cps.length; i++) out.add(cps.slice(i, i + n).join(''));
  }
  return out;
}

const englishTokens = (s) =>
  new Set(
    stripUi(s)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [],
  );

/**
 * Build `{ languages: [{ lang, noSpace, map: Map<englishWord, string[]> }], entries }` for the
 * English words in `vocabulary` (a Set of lower-case words).
 */
export function buildLexicon({ vocabulary }) {
  let langs = [];
  try {
    langs = readdirSync(LOCALE)
      .filter((d) => !d.includes('.') && !d.startsWith('en'))
      .sort();
  } catch {
    return { languages: [], entries: 0 };
  }
  const languages = [];
  let entries = 0;
  for (const lang of langs) {
    const dir = join(LOCALE, lang, 'LC_MESSAGES');
    let files = [];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.mo'))
        .sort();
    } catch {
      continue;
    }
    const pairs = [];
    for (const f of files)
      for (const [id, str] of readMo(join(dir, f))) if (str && str !== id) pairs.push([id, str]);
    if (pairs.length < MIN_PAIRS) continue;
    if (pairs.length > MAX_PAIRS) pairs.length = MAX_PAIRS;
    // Scripts written without word spaces (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan).
    let chars = 0;
    let unspaced = 0;
    for (const [, str] of pairs.slice(0, 3000)) {
      chars += str.length;
      unspaced += (str.match(NO_SPACE_SCRIPT) ?? []).length;
    }
    const noSpace = unspaced / chars > 0.3;

    // Counts over interned token ids (small integers make fast Map keys).
    const vocab = [...vocabulary].sort();
    const wordIndex = new Map(vocab.map((w, i) => [w, i]));
    const enCount = new Int32Array(vocab.length);
    const tokenId = new Map();
    const tokens = [];
    const fCount = [];
    const co = vocab.map(() => new Map());
    for (const [id, str] of pairs) {
      const ws = [];
      for (const w of englishTokens(id)) {
        const i = wordIndex.get(w);
        if (i !== undefined) ws.push(i);
      }
      const fs = [];
      for (const f of foreignTokens(str, noSpace)) {
        let t = tokenId.get(f);
        if (t === undefined) {
          t = tokens.length;
          tokenId.set(f, t);
          tokens.push(f);
          fCount.push(0);
        }
        fCount[t]++;
        fs.push(t);
      }
      for (const w of ws) {
        enCount[w]++;
        const m = co[w];
        for (const t of fs) m.set(t, (m.get(t) ?? 0) + 1);
      }
    }
    const best = new Map();
    for (let w = 0; w < vocab.length; w++) {
      for (const [t, c] of co[w]) {
        if (c < 3) continue;
        const f = tokens[t];
        const word = vocab[w];
        // Untranslated (the English word itself, or a piece of it) is no translation.
        if (enCount[w] < 3 || (/^[a-z0-9]+$/.test(f) && word.includes(f))) continue;
        const dice = (2 * c) / (enCount[w] + fCount[t]);
        if (dice < MIN_DICE) continue;
        // Among n-grams of a word, the longer one with a similar score is the better rendering.
        const rank = dice * (noSpace ? 1 + 0.1 * [...f].length : 1);
        let list = best.get(word);
        if (!list) best.set(word, (list = []));
        list.push([rank, f]);
      }
    }
    const map = new Map();
    for (const word of [...best.keys()].sort()) {
      const ranked = best.get(word).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
      map.set(
        word,
        ranked.slice(0, 2).map(([, f]) => f),
      );
    }
    if (map.size < 50) continue;
    languages.push({ lang, noSpace, map });
    entries += map.size;
  }
  return { languages, entries };
}

/**
 * Replace the words of an English text that the lexicon knows with a translation in one language
 * (chosen with probability proportional to its lexicon size: large catalogues — the major
 * languages — come up more). Returns the new text and how many words changed.
 */
export function codeSwitch(text, lexicon, random) {
  const langs = lexicon.languages;
  if (!langs.length) return { text, changed: 0 };
  let r = random() * lexicon.entries;
  let pick = langs[langs.length - 1];
  for (const l of langs) {
    if ((r -= l.map.size) < 0) {
      pick = l;
      break;
    }
  }
  const tokens = text.match(/[A-Za-z]+|[^A-Za-z]+/g) ?? [];
  let changed = 0;
  const out = tokens.map((t) => {
    const tr = /^[A-Za-z]/.test(t) ? pick.map.get(t.toLowerCase()) : undefined;
    if (!tr || random() >= 0.85) return t;
    changed++;
    return tr[tr.length > 1 && random() < 0.3 ? 1 : 0];
  });
  let joined = out.join('');
  // Scripts without spaces: drop the spaces between translated words.
  if (pick.noSpace) joined = joined.replace(/(?<=[^ -~]) (?=[^ -~])/g, '');
  return { text: joined, changed };
}
