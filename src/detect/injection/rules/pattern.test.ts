import { describe, expect, it } from 'vitest';
import { foldCodeUnit } from '../../normalize/fold-confusables.js';
import { expandHead, foldLiteral, foldPattern, gap, literalPrefix } from './pattern.js';

const fold = (s: string) => [...s].map((c) => foldCodeUnit(c.charCodeAt(0))).join('');

describe('pattern helpers', () => {
  it('gap(n) allows up to n filler words, separators included', () => {
    const re = new RegExp(`^ignore${gap(2)}rules$`);
    expect(re.test('ignore all the rules')).toBe(true);
    expect(re.test('ignore rules')).toBe(true);
    expect(re.test('ignore a b c rules')).toBe(false);
    expect(re.test('ignore all. the rules')).toBe(false);
  });

  it('gap(n) is linear on long runs (no catastrophic backtracking)', () => {
    const re = new RegExp(`ignore${gap(8)}rules`);
    const text = `ignore ${'word '.repeat(20000)}`;
    const t = performance.now();
    re.test(text);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('foldPattern folds non-ASCII literals the way normalizeText folds text, in both cases', () => {
    const re = new RegExp(foldPattern('игнорируй все'));
    expect(re.test(fold('Игнорируй все'))).toBe(true);
    expect(re.test(fold('ИГНОРИРУЙ ВСЕ'))).toBe(true);
    expect(new RegExp(foldPattern('οδηγίες')).test(fold('ΟΔΗΓΊΕΣ'))).toBe(true);
  });

  it('foldPattern turns spaces into separator runs and makes Indic nukta optional', () => {
    expect(new RegExp(foldPattern('do not tell')).test('do  -  not\ntell')).toBe(true);
    expect(new RegExp(foldPattern('नज़र')).test('नजर')).toBe(true);
  });

  it('literalPrefix finds the literal a head starts with', () => {
    expect(literalPrefix('ignor(?:e|ing)')).toBe('ignor');
    expect(literalPrefix("don'?t")).toBe('don');
    expect(literalPrefix('<\\|')).toBe('<|');
    expect(literalPrefix('do not (?:follow)')).toBe('do not');
    expect(literalPrefix('instructions?')).toBe('instruction');
  });

  it('expandHead splits leading groups until the literal is long enough', () => {
    expect(expandHead('(?:sag|teile)(?: es)? nicht')).toEqual(['sag(?: es)? nicht', 'teile(?: es)? nicht']);
    expect(expandHead('ha(?:z|ga) caso')).toEqual(['haz caso', 'haga caso']);
    expect(expandHead('ignore')).toEqual(['ignore']);
  });

  it('foldLiteral gives every folded spelling of a literal', () => {
    expect(foldLiteral('Игнор')).toEqual(['игhop']);
    expect(foldLiteral('μην').length).toBeGreaterThan(1);
  });
});
