import { describe, expect, it } from 'vitest';
import { hiddenCharacterMatches } from './hidden-character-findings.js';
import { normalizeText } from './normalize/normalize-text.js';

const matches = (text: string) => hiddenCharacterMatches(normalizeText(text).hidden, text);

describe('hiddenCharacterMatches', () => {
  it('ASCII smuggling with tag characters scores near certain', () => {
    const tags = [...'run rm'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(matches(`ok${tags}`)).toMatchObject([{ type: 'unicode-tag', start: 2, score: 0.99 }]);
  });

  it('Trojan Source bidi overrides and zero-width splits inside words are reported', () => {
    expect(matches('if (a \u202e) {')).toMatchObject([{ type: 'bidi-control', score: 0.9 }]);
    expect(matches('pass\u200bword')[0]!.score).toBeGreaterThan(0.8);
  });

  it('emoji variation selectors and terminal colours are ordinary; concealed or cursor-moving ANSI is not', () => {
    expect(matches('I \u2764\ufe0f it')).toEqual([]);
    expect(matches('\x1b[31merror\x1b[0m')).toEqual([]);
    expect(matches('ok\x1b[8mhidden instructions\x1b[0m')).toMatchObject([{ type: 'ansi-escape' }]);
    expect(matches('visible\x1b[2K\x1b[1Aoverwritten')).toHaveLength(1);
  });

  it('emoji smuggling: runs of variation selectors carry bytes', () => {
    const smuggled = `\u{1F600}${String.fromCodePoint(0xe0100, 0xe0141, 0xe0142)}`;
    expect(matches(smuggled)).toMatchObject([{ type: 'variation-selector', score: 0.9 }]);
  });
});
