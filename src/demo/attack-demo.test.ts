import { describe, expect, it } from 'vitest';
import { DEMO_CALLS, runAttackDemo } from './attack-demo.js';

describe('runAttackDemo', () => {
  it('allows the legitimate calls, asks for the write and denies every attack', async () => {
    const lines: string[] = [];
    const decisions = await runAttackDemo((l) => lines.push(l));
    const byNote = Object.fromEntries(DEMO_CALLS.map((c, i) => [c.note, decisions[i]!.effect]));
    expect(byNote).toMatchObject({
      'read a workspace file': 'allow',
      'allowed API': 'allow',
      'allowed git command': 'allow',
      'write a report (needs a human)': 'ask',
    });
    const attacks = DEMO_CALLS.filter(
      (c) =>
        ![
          'read a workspace file',
          'allowed API',
          'allowed git command',
          'write a report (needs a human)',
        ].includes(c.note),
    );
    for (const attack of attacks) expect(byNote[attack.note], attack.note).toBe('deny');
    expect(lines.at(-1)).toBe(
      `\n${DEMO_CALLS.length} calls: 3 allowed, 1 sent for approval, ${attacks.length} denied.`,
    );
  });
});
