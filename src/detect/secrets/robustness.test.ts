import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import { SECRET_RULES } from './secret-rules.js';
import {
  ALNUM,
  fakeChecksummedToken,
  fakePem,
  randomBytes,
  randomString as r,
} from './test-support/fake-tokens.js';
import { SAMPLES } from './test-support/samples.js';

/** Spans are in range, ordered and disjoint. */
function wellFormed(text: string, matches: ReturnType<typeof findSecrets>): void {
  let last = 0;
  for (const m of matches) {
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(text.length);
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
    last = m.end;
  }
}

describe('odd input', () => {
  it('empty and tiny strings', () => {
    for (const text of ['', ' ', '=', ':', '://', '-----BEGIN', 'eyJ', 'curl', 'key=', 'Q~', '|', '\u0000']) {
      expect(findSecrets(text)).toEqual([]);
    }
  });

  it('non-strings are answered with no matches instead of an exception', () => {
    expect(findSecrets(undefined as unknown as string)).toEqual([]);
    expect(findSecrets(42 as unknown as string)).toEqual([]);
  });

  it('lone surrogates and control characters around a token', () => {
    const token = fakeChecksummedToken('ghp_', 1);
    const text = `\uD800${token}\uDC00\u0000\u001b[31m`;
    const [m] = findSecrets(text);
    expect(text.slice(m!.start, m!.end)).toBe(token);
  });

  it('binary-ish input (random bytes as a string) does not throw', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const text = randomBytes(20_000, seed).toString('latin1');
      wellFormed(text, findSecrets(text));
    }
  });

  it('a large document: a secret at the very end of 5 MB is found', () => {
    const token = fakeChecksummedToken('npm_', 2);
    const text = `${'lorem ipsum dolor sit amet, '.repeat(180_000)}${token}`;
    const found = findSecrets(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([token]);
  });

  it('random text never throws and always yields well-formed spans', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        wellFormed(text, findSecrets(text));
      }),
      { numRuns: 300 },
    );
  });

  it('a secret embedded in random surroundings is still found', () => {
    const rules = SECRET_RULES.map((x) => x.id).filter((id) => SAMPLES[id]!(1).text.startsWith('found '));
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (id, before, after) => {
          const { secret } = SAMPLES[id]!(3);
          const text = `${before}\n${secret}\n${after}`;
          expect(findSecrets(text).some((m) => text.slice(m.start, m.end) === secret)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adversarial input: bounded work per anchor (correct results, no runaway scans)', () => {
  const size = 200_000;
  const storms: Array<[string, string]> = [
    ['ReDoS: a long run after a prefix', `ghp_${'a'.repeat(size)}`],
    ['ReDoS: repeated JWT anchors', 'eyJ'.repeat(size / 3)],
    ['ReDoS: JWT-shaped dots without end', `eyJ${'a.'.repeat(size / 2)}`],
    ['repeated PEM BEGIN lines with no END', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(size / 32)],
    ['one BEGIN then an endless body', `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(size)}`],
    ['repeated curl commands on one line', 'curl -u '.repeat(size / 8)],
    ['scheme storm', '://'.repeat(size / 3)],
    ['user info storm', `https://${'a:'.repeat(size / 2)}@`],
    ['keyword storm', 'password'.repeat(size / 8)],
    ['assignment storm', 'token=token='.repeat(size / 12)],
    ['quote that never closes', `password = "${'a'.repeat(size)}`],
    ['Azure marker storm', '1Q~'.repeat(size / 3)],
    ['Telegram marker storm', '123456789:AA'.repeat(size / 12)],
    ['pipe storm after digits', `${'1'.repeat(16)}|`.repeat(size / 17)],
    ['slack prefix storm', 'xoxb-'.repeat(size / 5)],
    ['long base64 blob', r(`${ALNUM}+/`, size, 3)],
  ];
  for (const [name, text] of storms) {
    it(name, () => {
      const found = findSecrets(text);
      wellFormed(text, found);
      // None of these is a secret except the endless PEM body (cut-off key material).
      if (!name.startsWith('one BEGIN')) expect(found.filter((m) => m.score >= 0.5)).toEqual([]);
    });
  }

  it('many real secrets in one text are all found (the scan does not give up)', () => {
    const tokens = Array.from({ length: 2000 }, (_, i) => fakeChecksummedToken('ghp_', i + 1));
    const text = tokens.join(' ');
    expect(findSecrets(text)).toHaveLength(2000);
  });

  it('stacked key blocks: each complete block is reported once', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => fakePem('EC PRIVATE KEY', i + 1, 120));
    expect(findSecrets(blocks.join('\n'))).toHaveLength(50);
  });
});

describe('evasions: the same secret in disguises a detector must see through', () => {
  const token = fakeChecksummedToken('ghp_', 41);
  const password = `${r(ALNUM, 9, 42)}!${r(ALNUM, 4, 43)}`;

  it('wrapped in quotes, backticks, brackets, markdown or HTML', () => {
    for (const text of [
      `"${token}"`,
      `'${token}'`,
      `\`${token}\``,
      `(${token})`,
      `[${token}]`,
      `**${token}**`,
      `<b>${token}</b>`,
    ]) {
      expect(
        findSecrets(text).map((m) => text.slice(m.start, m.end)),
        text,
      ).toEqual([token]);
    }
  });

  it('key in odd casing and with tabs around the operator', () => {
    const text = `PaSsWoRd\t=\t${password}`;
    expect(findSecrets(text).map((m) => text.slice(m.start, m.end))).toEqual([password]);
  });

  it('inside a URL query string and a URL fragment', () => {
    const secret = r(ALNUM, 32, 44);
    const text = `https://example.com/cb?state=1&access_token=${secret}#x`;
    expect(findSecrets(text).map((m) => text.slice(m.start, m.end))).toEqual([secret]);
  });

  it('token as the password of a git remote URL', () => {
    const text = `git remote add origin https://x-access-token:${token}@github.com/org/repo.git`;
    expect(findSecrets(text)).toEqual([expect.objectContaining({ type: 'github-pat' })]);
  });

  it('key block pasted into JSON with escaped line breaks', () => {
    const pem = fakePem('OPENSSH PRIVATE KEY', 45, 400, '\\n');
    const text = `{"note": "${pem}"}`;
    expect(findSecrets(text).map((m) => text.slice(m.start, m.end))).toEqual([pem]);
  });

  it('a filler suffix does not hide a real prefix-token elsewhere on the line', () => {
    const text = `example ghp_${'x'.repeat(36)} real ${token}`;
    expect(findSecrets(text).map((m) => text.slice(m.start, m.end))).toEqual([token]);
  });
});
