// Result JSON plus logs stay within maxOutputBytes; a result too large on its own is a violation.
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../sandbox-error.js';
import { boundOutput } from './bound-output.js';

describe('boundOutput', () => {
  it('keeps everything that fits', () => {
    expect(boundOutput('"ok"', ['a', 'b'], 0, 1024)).toEqual({ valueJson: '"ok"', logs: ['a', 'b'] });
    expect(boundOutput(null, [], 0, 1)).toEqual({ valueJson: null, logs: [] });
  });

  it('refuses a result larger than the limit', () => {
    expect(() => boundOutput('"' + 'x'.repeat(20) + '"', [], 0, 10)).toThrow(SandboxError);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(() => boundOutput('"' + 'é'.repeat(6) + '"', [], 0, 12)).toThrow(SandboxError);
  });

  it('cuts logs to what is left after the result and says how many lines went', () => {
    const { logs } = boundOutput('"vvvvvvvv"', ['12345', '67890', 'abcde'], 0, 20);
    expect(logs.slice(0, -1)).toEqual(['12345', '678']);
    expect(logs.at(-1)).toMatch(/truncated at the 20-byte limit; 1 more lines dropped/);
  });

  it('reports lines the isolate already dropped', () => {
    expect(boundOutput(null, ['a'], 5, 100).logs).toEqual([
      'a',
      expect.stringMatching(/5 more lines dropped/),
    ]);
  });

  it('never splits a multi-byte character', () => {
    const { logs } = boundOutput(null, ['ééé'], 0, 4);
    expect(logs[0]).toBe('é');
  });
});
