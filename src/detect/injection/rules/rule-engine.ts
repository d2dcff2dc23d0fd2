import { alt, escapeLiteral, expandHead, foldLiteral, foldPattern, literalPrefix } from './pattern.js';
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
 * Runs many keyword rules in one pass: a single regular expression finds the literals rules start
 * with (word stems, markers), and only the rules indexed under a found literal are tried, anchored
 * at that position. Rules must start with a literal (see `InjectionRuleSpec.heads`).
 *
 * @example
 * const engine = new RuleEngine([{ id: 'x', type: 'instruction-override', score: 0.9, message: 'm',
 *   heads: ['ignore'], rest: ' previous instructions' }]);
 * engine.run('please ignore previous instructions') // [{ rule, start: 7, end: 35, score: 0.9 }]
 */
export class RuleEngine {
  /** Anchor scans: one for ASCII words, one for ASCII markers, one per script. */
  private readonly scans: readonly AnchorScan[];
  private readonly byAnchor = new Map<string, CompiledRule[]>();

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
    // The anchor scan reports the longest literal at a position, so a literal also carries the
    // rules of every shorter literal it starts with ("ignore" carries the rules of "ignor").
    const byFirst = new Map<string, string[]>();
    for (const literal of own.keys()) {
      const list = byFirst.get(literal[0]!) ?? [];
      list.push(literal);
      byFirst.set(literal[0]!, list);
    }
    for (const [literal, rules] of own) {
      const all = [...rules];
      for (const shorter of byFirst.get(literal[0]!) ?? []) {
        if (shorter.length < literal.length && literal.startsWith(shorter)) {
          for (const r of own.get(shorter)!) if (!all.includes(r)) all.push(r);
        }
      }
      this.byAnchor.set(literal, all);
    }
    const groups = new Map<string, string[]>();
    for (const literal of own.keys()) {
      const key = scriptOf(literal.charCodeAt(0));
      const list = groups.get(key) ?? [];
      list.push(literal);
      groups.set(key, list);
    }
    const scans: AnchorScan[] = [];
    for (const [script, literals] of groups) {
      literals.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      // A literal space, not \s+: any class inside the alternatives makes V8's scan several times
      // slower. The scan runs on a copy whose tabs and line breaks are spaces.
      const body = alt(literals.map(escapeLiteral));
      scans.push({ script, re: new RegExp(script === 'word' ? `\\b${body}` : body, 'g') });
    }
    this.scans = scans;
  }

  /**
   * Every rule match in `source` (folded text); at most `limit`. `text` is the unfolded text of
   * the same length, for rules that look at letter case.
   */
  run(source: string, text: string = source, limit = 400): RuleHit[] {
    const input: RuleInput = { source, text: text.length === source.length ? text : source };
    const hits: RuleHit[] = [];
    const spaced = source.replace(/[\t\n\r\v\f]/g, ' ');
    const scripts = scriptsIn(source);
    for (const scan of this.scans) {
      if (!scripts.has(scan.script)) continue;
      const anchors = scan.re;
      anchors.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = anchors.exec(spaced)) !== null) {
        const at = m.index;
        const rules = this.byAnchor.get(m[0]);
        if (rules === undefined) continue;
        for (const rule of rules) {
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

interface AnchorScan {
  /** Which characters its literals start with (see `scriptOf`): the scan is skipped without them. */
  readonly script: string;
  readonly re: RegExp;
}

const NON_ASCII = /[^\x00-\x7f]+/g;

/** The scripts present in a text, by `scriptOf`; 'word' and 'ascii' always. */
function scriptsIn(source: string): Set<string> {
  const found = new Set(['word', 'ascii']);
  NON_ASCII.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NON_ASCII.exec(source)) !== null) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) found.add(scriptOf(run.charCodeAt(i)));
  }
  return found;
}

/** Which anchor scan a literal belongs to, by its first character. */
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
