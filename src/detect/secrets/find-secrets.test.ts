import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import { SECRET_RULES } from './secret-rules.js';
import { SAMPLES } from './test-support/samples.js';

describe('SECRET_RULES', () => {
  it('lists unique kebab-case ids, with providers and the checksum flag', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SECRET_RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.provider.length).toBeGreaterThan(0);
      expect(r.title.length).toBeGreaterThan(0);
    }
    expect(SECRET_RULES.filter((r) => r.checksum).map((r) => r.id)).toEqual(
      expect.arrayContaining(['github-pat', 'npm-access-token', 'cloudflare-api-token']),
    );
  });

  it('covers at least 40 provider token formats', () => {
    const providerFormats = SECRET_RULES.filter(
      (r) => r.detection !== 'generic' && r.detection !== 'context',
    );
    expect(providerFormats.length).toBeGreaterThanOrEqual(40);
  });

  it('has a generated positive sample for every rule', () => {
    expect(SECRET_RULES.map((r) => r.id).filter((id) => !(id in SAMPLES))).toEqual([]);
  });
});

describe('findSecrets: one positive per rule, the span is exactly the secret', () => {
  for (const rule of SECRET_RULES) {
    it(rule.id, () => {
      for (const seed of [1, 2, 3]) {
        const { text, secret } = SAMPLES[rule.id]!(seed);
        const matches = findSecrets(text);
        const m = matches.find((x) => x.type === rule.id);
        expect(m, `seed ${seed}: ${JSON.stringify(matches)}`).toBeDefined();
        expect(text.slice(m!.start, m!.end)).toBe(secret);
        expect(m!.score).toBeGreaterThanOrEqual(0.5);
        expect(m!.message ?? '').not.toContain(secret);
        // Nothing else claims the same characters.
        expect(matches.filter((x) => x !== m && x.start < m!.end && m!.start < x.end)).toEqual([]);
      }
    });
  }
});

describe('findSecrets: scanning', () => {
  it('finds every secret in a document that holds many, in order, without overlaps', () => {
    const samples = SECRET_RULES.map((r, i) => SAMPLES[r.id]!(100 + i));
    const text = samples.map((s) => s.text).join('\n---\n');
    const found = findSecrets(text);
    const missing = samples.filter((s) => !found.some((m) => text.slice(m.start, m.end) === s.secret));
    expect(missing.map((s) => s.text.slice(0, 60))).toEqual([]);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('prefers the provider format over a generic rule for the same value', () => {
    const { secret } = SAMPLES['github-pat']!(7);
    const text = `GITHUB_TOKEN=${secret}`;
    expect(findSecrets(text)).toEqual([
      expect.objectContaining({ type: 'github-pat', start: 13, end: text.length }),
    ]);
  });

  it('reports offsets in UTF-16 code units after astral characters', () => {
    const { secret } = SAMPLES['aws-access-key-id']!(5);
    const text = `🔑🔑 ${secret} 𝒳`;
    const [m] = findSecrets(text);
    expect(text.slice(m!.start, m!.end)).toBe(secret);
  });

  it('is stateless between calls (a regex lastIndex does not leak)', () => {
    const { text } = SAMPLES['slack-bot-token']!(3);
    const first = findSecrets(text);
    findSecrets('x'.repeat(1000));
    expect(findSecrets(text)).toEqual(first);
  });
});
