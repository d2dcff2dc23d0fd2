import { describe, expect, it } from 'vitest';
import { runGatewayDemo } from './gateway-demo.js';

describe('warden demo (gateway)', () => {
  it('refuses, denies, redacts, flags and quarantines what a hijacked agent tries, and the audit verifies', async () => {
    const lines: string[] = [];
    const { steps, audit } = await runGatewayDemo((l) => lines.push(l));
    const outcome = Object.fromEntries(steps.map((s) => [s.step, s.outcome]));
    expect(outcome).toEqual({
      'connect without an API key': 'refused',
      'read the project plan': 'allowed',
      'read notes with a hidden instruction': 'flagged',
      'read ~/.ssh/id_rsa': 'denied',
      'read /etc/shadow via ../': 'denied',
      'read .env': 'redacted',
      'post data to an unlisted host': 'denied',
      'shell command with a substitution': 'denied',
      'glossary lookup (first use)': 'allowed',
      'glossary lookup after the server swapped it': 'quarantined',
    });
    expect(steps.find((s) => s.step === 'read .env')!.detail).not.toContain('LEAKED');
    expect(audit.ok).toBe(true);
    expect(audit.records).toBeGreaterThan(10);
    expect(lines.at(-1)).toMatch(/^Audit log: \d+ records, \d+ signed checkpoint\(s\), chain intact\.$/);
  }, 60_000);
});
