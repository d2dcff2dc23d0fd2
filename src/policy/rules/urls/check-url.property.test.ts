import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUrl, compileNetworkScope } from './index.js';

const RUNS = { numRuns: 500 };

/** True when `host` is `allowed` or one of its subdomains. */
function isSameOrBelow(host: string, allowed: string): boolean {
  return host === allowed || host.endsWith(`.${allowed}`);
}

const attackerHost = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.constantFrom('localhost', '127.1', '[::1]', '169.254.169.254', 'metadata.google.internal', 'evil.com'),
);

describe('checkUrl properties', () => {
  it('never allows an attacker host smuggled around an allowed host H', () => {
    fc.assert(
      fc.property(fc.domain(), attackerHost, (h, e) => {
        fc.pre(e !== h && !e.endsWith(`.${h}`));
        const scope = compileNetworkScope({ allow: [h] });
        const forms = [
          `http://${h}@${e}/`,
          `http://${h}:80@${e}/`,
          `http://${e}/${h}`,
          `http://${h}.${e}/`,
          `http://${e}#@${h}`,
          `http://${e}?@${h}`,
          `http://${e}\\@${h}`,
          `http://${e}%2f@${h}`,
          `http://${e}%23@${h}`,
          `http://${h}%2e${e}/`,
          `http://${h}\t.${e}/`,
          `http://${h}。${e}/`,
          `http:${e}/@${h}`,
          `http:///${e}/${h}`,
        ];
        for (const url of forms) {
          const result = checkUrl(scope, url);
          if (result.ok) throw new Error(`${url} allowed as ${result.host}`);
        }
      }),
      RUNS,
    );
  });

  it('allows only hosts that are H or below it under allow [H, *.H], where the fetched URL really goes', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        attackerHost,
        fc.constantFrom('@', '#@', '?@', '.', '/', ':80@', '。'),
        (h, e, glue) => {
          const scope = compileNetworkScope({ allow: [h, `*.${h}`] });
          for (const url of [`http://${h}${glue}${e}/`, `http://${e}${glue}${h}/`]) {
            const result = checkUrl(scope, url);
            if (!result.ok) continue;
            // What a WHATWG client fetching the normalised URL actually connects to.
            const target = new URL(result.url).hostname;
            expect(target).toBe(result.host);
            expect(isSameOrBelow(target, h)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('denies every private, loopback, link-local, CGNAT or unspecified IPv4 in any WHATWG spelling', () => {
    const ranges: [number, number][] = [
      [0x7f000000, 8], // 127/8
      [0x0a000000, 8], // 10/8
      [0xac100000, 12], // 172.16/12
      [0xc0a80000, 16], // 192.168/16
      [0xa9fe0000, 16], // 169.254/16
      [0x64400000, 10], // 100.64/10
      [0x00000000, 8], // 0/8
    ];
    const address = fc
      .tuple(fc.constantFrom(...ranges), fc.nat())
      .map(([[base, bits], n]) => (base + (n % 2 ** (32 - bits))) >>> 0);
    const radix = fc.constantFrom<'dec' | 'hex' | 'oct'>('dec', 'hex', 'oct');
    const write = (n: number, r: 'dec' | 'hex' | 'oct'): string =>
      r === 'dec' ? n.toString(10) : r === 'hex' ? `0x${n.toString(16)}` : `0${n.toString(8)}`;
    const spelling = fc.tuple(
      address,
      fc.constantFrom(1, 2, 3, 4),
      fc.array(radix, { minLength: 4, maxLength: 4 }),
    );
    const scope = compileNetworkScope({ allow: ['example.com', '*.example.com', '8.8.8.8'] });

    fc.assert(
      fc.property(spelling, fc.boolean(), ([n, parts, radixes], trailingDot) => {
        const octets = [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
        // 1 part: a.b.c.d as one 32-bit number; 2 parts: a.(24 bits); 3 parts: a.b.(16 bits); 4: dotted.
        const values =
          parts === 1
            ? [n]
            : parts === 2
              ? [octets[0]!, n & 0xffffff]
              : parts === 3
                ? [octets[0]!, octets[1]!, n & 0xffff]
                : octets;
        const host = values.map((v, i) => write(v, radixes[i]!)).join('.') + (trailingDot ? '.' : '');
        const result = checkUrl(scope, `http://${host}/`);
        expect(result).toMatchObject({ ok: false, rule: 'urls.forbidden-address' });
        const mapped = checkUrl(scope, `http://[::ffff:${octets.join('.')}]/`);
        expect(mapped).toMatchObject({ ok: false, rule: 'urls.forbidden-address' });
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: an allowed URL normalises to a URL that is allowed with the same host and href', () => {
    const mutate = fc.constantFrom(
      (u: string) => u,
      (u: string) => u.toUpperCase(),
      (u: string) => u.replace(/^(\w+:\/\/[^/?#]+)/, '$1.'),
      (u: string) => u.replace(/^(\w+:\/\/[^/?#:]+)/, (m) => m.replaceAll('.', '。')),
      (u: string) => u.replace(/^http:\/\/([^/?#:]+)/, 'http://$1:80'),
      (u: string) => u.replace(/^https:\/\/([^/?#:]+)/, 'https://$1:443'),
      (u: string) => `${u}/./a/../b`,
      (u: string) => u.replace('://', '://user@'),
    );
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
        mutate,
        (generated, change) => {
          const host = new URL(generated).hostname;
          const scope = compileNetworkScope({ allow: [host, `*.${host}`] });
          const first = checkUrl(scope, change(generated));
          if (!first.ok) return;
          const second = checkUrl(scope, first.url);
          expect(second).toEqual(first);
        },
      ),
      RUNS,
    );
  });

  it('never throws and always answers with a urls.* rule, whatever the input', () => {
    const scope = compileNetworkScope({ allow: ['example.com', '*.example.com', '[::1]:3000'] });
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.webUrl(), fc.anything()),
        (raw) => {
          const result = checkUrl(scope, raw);
          if (!result.ok) expect(result.rule).toMatch(/^urls\.[a-z-]+$/);
          else expect(new URL(result.url).hostname).toBe(result.host);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
