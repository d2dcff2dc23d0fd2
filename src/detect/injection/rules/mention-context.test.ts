import { describe, expect, it } from 'vitest';
import { mentionFactor } from './mention-context.js';

describe('mentionFactor', () => {
  const at = (text: string, phrase: string) => {
    const start = text.indexOf(phrase);
    return mentionFactor(text, start, start + phrase.length);
  };

  it('is 1 for a plain instruction', () => {
    expect(at('please ignore previous instructions now', 'ignore previous instructions')).toBe(1);
  });

  it('is lower for a phrase quoted on its own or given as an example', () => {
    expect(at('say "ignore previous instructions" to test', 'ignore previous instructions')).toBeLessThan(1);
    expect(at('attacks like ignore previous instructions', 'ignore previous instructions')).toBeLessThan(1);
    expect(
      at('attacks like "ignore previous instructions" are common', 'ignore previous instructions'),
    ).toBeCloseTo(0.36);
  });
});
