import { Buffer } from 'node:buffer';
import { alt, expandHead, foldLiteral, foldPattern, literalPrefix } from './pattern.js';
import type { InjectionRuleSpec, RuleInput } from './rule.js';

/** A rule that matched, in offsets of the text it ran on. */
export interface RuleHit {
  readonly rule: InjectionRuleSpec;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

interface CompiledRule {
  readonly spec: InjectionRuleSpec;
  /** Sticky: tried only at an anchor position. */
  readonly re: RegExp;
  readonly negatable: boolean;
}

// "never ignore …", "you must not disregard …": a rule that forbids the behaviour.
const NEGATED = /(?:\bnot|\bnever|n't|\bno longer|\bnor|\bwithout)[^a-z0-9]+(?:[a-z]+[^a-z0-9]+){0,2}$/;

/**
 * Runs many keyword rules in one pass: one walk over the text finds the literals rules start with
 * (word stems, markers), and only the rules indexed under a found literal are tried, anchored at
 * that position. Rules must start with a literal (see `InjectionRuleSpec.heads`).
 *
 * @example
 * const engine = new RuleEngine([{ id: 'x', type: 'instruction-override', score: 0.9, message: 'm',
 *   heads: ['ignore'], rest: ' previous instructions' }]);
 * engine.run('please ignore previous instructions') // [{ rule, start: 7, end: 35, score: 0.9 }]
 */
export class RuleEngine {
  private readonly trie: LiteralTrie;
  /** The rules tried where anchor literal `a` is found. */
  private readonly anchorRules: CompiledRule[][];
  /** Number of anchor groups (literals by the script of their first character). */
  private readonly groups: number;

  constructor(specs: readonly InjectionRuleSpec[]) {
    const own = new Map<string, CompiledRule[]>();
    for (const spec of specs) {
      // The pattern keeps the heads as written; their expansions only feed the anchor index.
      const heads = spec.heads.flatMap((head) => expandHead(head));
      const compiled: CompiledRule = {
        spec,
        re: new RegExp(foldPattern(alt(spec.heads) + (spec.rest ?? '')), 'y'),
        negatable: spec.negatable ?? (spec.type === 'instruction-override' || spec.type === 'role-hijack'),
      };
      for (const head of heads) {
        for (const literal of foldLiteral(literalPrefix(head))) {
          if (literal.length === 0)
            throw new Error(`injection rule ${spec.id}: head "${head}" has no literal start`);
          const list = own.get(literal) ?? [];
          if (!list.includes(compiled)) list.push(compiled);
          own.set(literal, list);
        }
      }
    }
    // The anchor walk reports the longest literal at a position, so a literal also carries the
    // rules of every shorter literal it starts with ("ignore" carries the rules of "ignor"), in
    // the order the literals were indexed.
    const literals = [...own.keys()];
    const indexOf = new Map(literals.map((literal, index) => [literal, index]));
    this.anchorRules = literals.map((literal) => {
      const all = [...own.get(literal)!];
      const shorter: number[] = [];
      for (let k = 1; k < literal.length; k++) {
        const index = indexOf.get(literal.slice(0, k));
        if (index !== undefined) shorter.push(index);
      }
      shorter.sort((x, y) => x - y);
      for (const index of shorter) {
        for (const r of own.get(literals[index]!)!) if (!all.includes(r)) all.push(r);
      }
      return all;
    });
    // Literals are grouped by the script of their first character (see `scriptOf`), groups in
    // order of first use: rules run group by group, and within a group matches do not overlap.
    const groupOf = new Map<string, number>();
    for (const literal of literals) {
      const script = scriptOf(literal.charCodeAt(0));
      if (!groupOf.has(script)) groupOf.set(script, groupOf.size);
    }
    this.groups = groupOf.size;
    this.trie = new LiteralTrie(
      literals,
      literals.map((literal) => groupOf.get(scriptOf(literal.charCodeAt(0)))!),
      groupOf.get('word') ?? -1,
    );
  }

  /**
   * Every rule match in `source` (folded text); at most `limit`. `text` is the unfolded text of
   * the same length, for rules that look at letter case.
   */
  run(source: string, text: string = source, limit = 400): RuleHit[] {
    const input: RuleInput = { source, text: text.length === source.length ? text : source };
    const hits: RuleHit[] = [];
    const anchors = findAnchors(this.trie, this.groups, source);
    for (const group of anchors) {
      if (group === undefined) continue;
      for (let k = 0; k < group.length; k += 2) {
        const at = group[k]!;
        for (const rule of this.anchorRules[group[k + 1]!]!) {
          rule.re.lastIndex = at;
          const found = rule.re.exec(source);
          if (found === null) continue;
          let end = at + found[0].length;
          while (end > at && /\s/.test(source[end - 1]!)) end--;
          let score = rule.spec.score;
          if (rule.negatable && NEGATED.test(source.slice(Math.max(0, at - 32), at))) score *= 0.4;
          if (rule.spec.refine) {
            const refined = rule.spec.refine(input, at, end, score);
            if (refined === undefined) continue;
            score = refined;
          }
          hits.push({ rule: rule.spec, start: at, end, score: Math.max(0, Math.min(1, score)) });
        }
        if (hits.length >= limit) return hits;
      }
    }
    return hits;
  }
}

/**
 * The anchor literals in `source`, per group: pairs of position and literal index. At each
 * position the longest literal is taken, and the next one of its group is looked for after it (as
 * a global regular expression of the group's literals, longest first, finds them). A word literal
 * must start a word (`\b`). Tabs and line breaks read as spaces.
 */
function findAnchors(trie: LiteralTrie, groups: number, source: string): Array<number[] | undefined> {
  const found = new Array<number[] | undefined>(groups);
  const n = source.length;
  const codes = codeUnits(source);
  try {
    walk(trie, codes, n, new Int32Array(groups), found);
  } finally {
    releaseCodeUnits(codes, n);
  }
  return found;
}

/** `findAnchors` over the text's code units; `next` holds where each group's next literal may start. */
function walk(
  trie: LiteralTrie,
  codes: Uint16Array,
  n: number,
  next: Int32Array,
  found: Array<number[] | undefined>,
): void {
  const { kinds, rootAscii, term, nodeGroup } = trie;
  // Whether the previous character is a word character (`\w`).
  let prevWord = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const kind = kinds[c]!;
    const afterWord = prevWord;
    prevWord = kind & WORD_CHAR;
    if ((kind & OTHER_START) === 0 && ((kind & WORD_START) === 0 || afterWord !== 0)) continue;
    let node = c < 0x80 ? rootAscii[c]! : trie.rootChild(c);
    const group = nodeGroup[node]!;
    if (i < next[group]!) continue;
    // The longest literal from here.
    let best = term[node]! - 1;
    let bestEnd = i + 1;
    for (let j = i + 1; j < n; j++) {
      let d = codes[j]!;
      if (d >= 0x09 && d <= 0x0d) d = 0x20;
      node = trie.child(node, d);
      if (node === 0) break;
      if (term[node] !== 0) {
        best = term[node]! - 1;
        bestEnd = j + 1;
      }
    }
    if (best < 0) continue;
    next[group] = bestEnd;
    (found[group] ??= []).push(i, best);
  }
}

// Bits of `LiteralTrie.kinds`.
/** A word character (`\w` of a regular expression without `u`: ASCII letters, digits, `_`). */
const WORD_CHAR = 1;
/** A literal of the word group starts with the character (where it starts a word, `\b`). */
const WORD_START = 2;
/** A literal of another group starts with the character. */
const OTHER_START = 4;

/**
 * The anchor literals as a trie over UTF-16 code units, in typed arrays (a `Map` lookup per
 * character would cost more than the rest of the walk). The first two steps of a walk on ASCII
 * text, the most frequent ones, read dense tables by character; other nodes list their children
 * by code, nodes numbered depth first, so that a walk down a chain of single children reads
 * adjacent memory.
 */
class LiteralTrie {
  /** Per code unit: `WORD_CHAR`, `WORD_START`, `OTHER_START` bits (a table read for every character). */
  readonly kinds = new Uint8Array(0x10000);
  /** The root's child per ASCII character (0: none). */
  readonly rootAscii = new Int32Array(128);
  /** Per node: the index of the literal that ends there, plus one (0: none). */
  readonly term: Int32Array;
  /** Per node: the group of the literals below it. */
  readonly nodeGroup: Int32Array;
  /** Per node: its row of children by ASCII character in `rows`, or -1. */
  private readonly row: Int32Array;
  private readonly rows: Int32Array;
  /** Node `k`'s children are `childNode[first[k]..first[k + 1])`, by ascending `childCode`. */
  private readonly first: Int32Array;
  private readonly childCode: Uint16Array;
  private readonly childNode: Int32Array;

  constructor(literals: readonly string[], groups: readonly number[], wordGroup: number) {
    interface Building {
      readonly children: Map<number, Building>;
      term: number;
      group: number;
      id: number;
      codes: number[];
    }
    const make = (group: number): Building => ({ children: new Map(), term: 0, group, id: 0, codes: [] });
    const root = make(-1);
    literals.forEach((literal, index) => {
      let node = root;
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        let child = node.children.get(c);
        if (child === undefined) {
          child = make(groups[index]!);
          node.children.set(c, child);
        }
        node = child;
      }
      node.term = index + 1;
    });
    // Number the nodes depth first, children by code.
    const order: Building[] = [];
    const visit = (node: Building) => {
      node.id = order.length;
      order.push(node);
      node.codes = [...node.children.keys()].sort((a, b) => a - b);
      for (const c of node.codes) visit(node.children.get(c)!);
    };
    visit(root);
    const size = order.length;
    this.term = new Int32Array(size);
    this.nodeGroup = new Int32Array(size);
    this.row = new Int32Array(size).fill(-1);
    this.first = new Int32Array(size + 1);
    this.childCode = new Uint16Array(size);
    this.childNode = new Int32Array(size);
    let rowCount = 0;
    let edges = 0;
    for (const node of order) {
      this.term[node.id] = node.term;
      this.nodeGroup[node.id] = node.group;
      this.first[node.id] = edges;
      for (const c of node.codes) {
        this.childCode[edges] = c;
        this.childNode[edges++] = node.children.get(c)!.id;
      }
    }
    this.first[size] = edges;
    for (const [c, child] of root.children) {
      if (c >= 0x80) continue;
      this.rootAscii[c] = child.id;
      this.row[child.id] = rowCount++;
    }
    this.rows = new Int32Array(rowCount * 128);
    for (const [c, child] of root.children) {
      if (c >= 0x80) continue;
      for (const [d, grandchild] of child.children) {
        if (d < 0x80) this.rows[this.row[child.id]! * 128 + d] = grandchild.id;
      }
    }
    for (let c = 0; c < 128; c++) {
      const word =
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
      if (word) this.kinds[c] = WORD_CHAR;
    }
    for (const [c, child] of root.children) {
      this.kinds[c]! |= child.group === wordGroup ? WORD_START : OTHER_START;
    }
  }

  /** The root's child for a character other than ASCII, or 0. */
  rootChild(c: number): number {
    // The root has many children (every first letter of every script): binary search.
    let lo = this.first[0]!;
    let hi = this.first[1]! - 1;
    const codes = this.childCode;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = codes[mid]!;
      if (m === c) return this.childNode[mid]!;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** The child of `node` (not the root) for code unit `c`, or 0. */
  child(node: number, c: number): number {
    const row = this.row[node]!;
    if (row >= 0 && c < 0x80) return this.rows[row * 128 + c]!;
    const end = this.first[node + 1]!;
    const codes = this.childCode;
    for (let k = this.first[node]!; k < end; k++) {
      const m = codes[k]!;
      if (m === c) return this.childNode[k]!;
      if (m > c) return 0;
    }
    return 0;
  }
}

// The text's code units, copied by Buffer (a native copy): the walk reads a typed array for half
// of what `charCodeAt` costs. Reused up to RETAIN characters, and zeroed after each walk so no
// copy of a scanned text stays in memory.
const RETAIN = 1 << 16;
let CODES = new Uint16Array(0);

function codeUnits(source: string): Uint16Array {
  const n = source.length;
  let codes = CODES;
  if (n > codes.length) {
    codes = new Uint16Array(n <= RETAIN ? Math.min(RETAIN, Math.max(n, codes.length * 2, 4096)) : n);
    if (n <= RETAIN) CODES = codes;
  }
  Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).write(source, 0, 'utf16le');
  return codes;
}

function releaseCodeUnits(codes: Uint16Array, n: number): void {
  if (codes === CODES) codes.fill(0, 0, n);
}

/** Which anchor group a literal belongs to, by its first character. */
function scriptOf(code: number): string {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return 'word';
  if (code < 0x80) return 'ascii';
  if (code < 0x370) return 'latin';
  if (code < 0x400) return 'greek';
  if (code < 0x590) return 'cyrillic';
  if (code < 0x600) return 'hebrew';
  if (code < 0x900) return 'arabic';
  if (code < 0x980) return 'devanagari';
  if (code < 0xa00) return 'bengali';
  if (code >= 0xe00 && code < 0xe80) return 'thai';
  if (
    (code >= 0x1100 && code < 0x1200) ||
    (code >= 0x3130 && code < 0x3190) ||
    (code >= 0xac00 && code < 0xd7b0)
  ) {
    return 'hangul';
  }
  if (code >= 0x3040 && code < 0x3100) return 'kana';
  if (code >= 0x3400 && code < 0xa000) return 'han';
  if (code >= 0xfb50 && code < 0xff00) return 'arabic';
  return 'other';
}
