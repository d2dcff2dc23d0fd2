import { describe, expect, it } from 'vitest';
import {
  CAP,
  execAll,
  holdScan,
  isJsSpace,
  JOINED,
  LOWER,
  MIXED,
  NON_ASCII,
  releaseScan,
  scanWords,
  UPPER,
} from './scan.js';

// What the table must agree with: a global scan with the word pattern, possessive `'s` left out.
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

function referenceShape(word: string, caseless: boolean): number {
  if (caseless && /\p{Ll}/u.test(word[0]!)) return CAP;
  if (!/^\p{Lu}/u.test(word)) return /\p{Ll}/u.test(word) ? LOWER : MIXED;
  if (!/\p{Ll}/u.test(word)) return word.length > 1 ? UPPER : CAP;
  return /^.\p{Ll}*\p{Lu}/u.test(word) && !/['’-]/.test(word) && !/^(?:mc|mac|o)/i.test(word) ? MIXED : CAP;
}

function referenceWords(text: string) {
  const caseless = !/\p{Lu}/u.test(text);
  return [...text.matchAll(WORD)].map((m) => {
    const word = /['’]s$/i.test(m[0]) ? m[0].slice(0, -2) : m[0];
    const shape = referenceShape(word, caseless);
    return { start: m.index, end: m.index + word.length, key: word.toLowerCase(), shape };
  });
}

function tableWords(text: string) {
  const t = scanWords(text);
  return Array.from({ length: t.n }, (_, i) => ({
    start: t.start[i]!,
    end: t.end[i]!,
    key: t.key(i),
    shape: t.shape[i]!,
  }));
}

const SAMPLES = [
  "Jane O'Neil-Smith's car, Lom-Ali’s book and rock 'n' roll",
  'Müller-Lüdenscheidt Straße 5, Grüße aus Köln',
  'ΟΔΟΣ Αθηνάς 12 and Σωκράτης Παππάς (ΣΟΦΙΑ σοφια)',
  'İstanbul Caddesi 5 — Işık; Jo\u0301se Garci\u0301a; ﬁnance',
  'Hi \ud83d\ude00Jane, \ud800Doe\udc00 𝐀𝐁𝐂 ｆｕｌｌ',
  "x's 'quoted' -dash- a-b- c'- don't MCDONALD McDonald iPhone JSON",
  'tab\there\u00a0nbsp\u2028line 2024-05-17 v1.2.3 ids abc123def',
  '東京都 新宿区 12-3 김철수 Ἀθῆναι',
];

describe('scanWords', () => {
  it('finds the words a global scan with the word pattern finds', () => {
    for (const text of SAMPLES) expect(tableWords(text)).toEqual(referenceWords(text));
  });

  it('agrees on texts of mixed scripts cut anywhere', () => {
    const all = SAMPLES.join(' ');
    for (let from = 0; from < all.length; from += 7) {
      const text = all.slice(from, from + 41);
      expect(tableWords(text)).toEqual(referenceWords(text));
    }
  });

  it('agrees on every character the table classifies', () => {
    let text = '';
    for (let c = 0x80; c < 0x2070; c++) {
      const ch = String.fromCharCode(c);
      text += `x${ch}y ${ch}Z ${ch}'s A-${ch} `;
    }
    expect(tableWords(text)).toEqual(referenceWords(text));
  });

  it('reads word shapes and flags', () => {
    const text = "Jane JANE jane JavaScript McDonald O'Neil e-mail Grüße A";
    const t = scanWords(text);
    expect(Array.from(t.shape.subarray(0, t.n))).toEqual([
      CAP,
      UPPER,
      LOWER,
      MIXED,
      CAP,
      CAP,
      LOWER,
      CAP,
      CAP,
    ]);
    expect(t.flags[5]! & JOINED).toBe(JOINED);
    expect(t.flags[7]! & NON_ASCII).toBe(NON_ASCII);
    expect(t.caseless).toBe(false);
  });

  it('reads every word as capitalized in text without capitals', () => {
    const t = scanWords('hi, this is natasha from support');
    expect(t.caseless).toBe(true);
    expect(Array.from(t.shape.subarray(0, t.n)).every((s) => s === CAP)).toBe(true);
    // A capital left out with a possessive still counts.
    expect(scanWords("x'S word").caseless).toBe(false);
  });

  it('lists digit runs with their lines and the word after each', () => {
    const text = 'a 12\nbb 345 c\n\n6';
    const t = scanWords(text);
    const runs = Array.from({ length: t.digits }, (_, k) => [
      text.slice(t.digitStart[k], t.digitEnd[k]),
      text.slice(t.digitLineStart[k], t.digitLineEnd[k]),
      t.digitWord[k],
    ]);
    expect(runs).toEqual([
      ['12', 'a 12', 1],
      ['345', 'bb 345 c', 2],
      ['6', '6', 3],
    ]);
  });

  it('tells words glued to identifiers, addresses and URLs', () => {
    const text = 'see jane.doe@x.org, user_jane, jane42 and Jane.';
    const t = scanWords(text);
    const glued = Array.from({ length: t.n }, (_, i) => [t.key(i), t.glued(i)]).filter(([, g]) => g);
    expect(glued.map(([k]) => k)).toEqual(['jane', 'doe', 'x', 'org', 'user', 'jane', 'jane']);
  });

  it('keeps the last table and rebuilds it for another text', () => {
    const a = scanWords('Ada Lovelace');
    expect(scanWords('Ada Lovelace')).toBe(a);
    const b = scanWords('Grace Hopper wrote 1 compiler');
    expect(b.n).toBe(4);
    expect(b.key(0)).toBe('grace');
    expect(scanWords('Ada Lovelace').key(1)).toBe('lovelace');
  });
});

describe('holdScan', () => {
  it('keeps the table between recognizers and forgets the text when done', () => {
    const text = 'Ada Lovelace wrote 1 program';
    let held: ReturnType<typeof scanWords> | undefined;
    holdScan(() => {
      held = scanWords(text);
      releaseScan();
      expect(scanWords(text)).toBe(held);
    });
    expect(held!.n).toBe(0);
    expect(Array.from(held!.codes.subarray(0, text.length)).every((c) => c === 0)).toBe(true);
    const again = scanWords(text);
    expect(again).not.toBe(held);
    expect(again.n).toBe(4);
    releaseScan();
    expect(again.n).toBe(0);
  });

  it('reads long texts with tables of their own', () => {
    const text = 'Jane Doe 12 '.repeat(20_000);
    const t = scanWords(text);
    expect(t.n).toBe(40_000);
    expect(t.digits).toBe(20_000);
    expect(t.key(39_999)).toBe('doe');
    releaseScan();
  });
});

describe('isJsSpace', () => {
  it('agrees with /\\s/ on every UTF-16 unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isJsSpace(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });
});

describe('execAll', () => {
  it('finds what a global scan with the exact pattern finds', () => {
    const exact = /(?<![\p{L}\p{N}])\d{3}-\d{4}(?!\d)/uy;
    const global = new RegExp(exact.source, 'gu');
    const texts = [
      'call 555-0132 or 555-0199x',
      'a555-0132 1555-0132 555-01321',
      '555-0132555-0132 - 555-0132',
    ];
    for (const text of texts) {
      const want = [...text.matchAll(global)].map((m) => [m.index, m[0]]);
      const got = execAll(text, exact, [/\d{3}-/g, 0]).map((m) => [m.index, m[0]]);
      expect(got).toEqual(want);
    }
  });

  it('merges candidates found at an offset and skips overlapping matches', () => {
    const exact = /ab(?:cd|xy)/y;
    const got = execAll('abcd abxy abcdxy', exact, [/c/g, 2], [/x/g, 2]).map((m) => [m.index, m[0]]);
    expect(got).toEqual([
      [0, 'abcd'],
      [5, 'abxy'],
      [10, 'abcd'],
    ]);
  });
});
