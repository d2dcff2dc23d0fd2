import { describe, expect, it } from 'vitest';
import { findUrlCandidates } from './url-candidates.js';

describe('findUrlCandidates', () => {
  it('markdown with titles, angle brackets and parentheses in the URL', () => {
    expect(findUrlCandidates('![a](https://x.example/a.png "title")')[0]?.url).toBe(
      'https://x.example/a.png',
    );
    expect(findUrlCandidates('[a](<https://x.example/a b>)')[0]?.url).toBe('https://x.example/a b');
    expect(findUrlCandidates('[w](https://en.wikipedia.org/wiki/Foo_(bar))')[0]?.url).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
    expect(findUrlCandidates('![a [nested] alt](https://x.example/a.png)')[0]?.type).toBe('markdown-image');
  });

  it('HTML attributes in any quoting and case', () => {
    expect(findUrlCandidates('<IMG SRC=https://x.example/a.png>')[0]).toMatchObject({
      type: 'html-image',
      inHtml: true,
    });
    expect(
      findUrlCandidates("<a href='https://x.example/' ping='https://t.example/'>x</a>").map((c) => c.url),
    ).toEqual(['https://x.example/', 'https://t.example/']);
    // A meta tag that is not a refresh fetches nothing (the URL in it still counts as a bare URL).
    expect(
      findUrlCandidates('<meta name="description" content="https://x.example/">').map((c) => c.type),
    ).toEqual(['bare-url']);
  });

  it('markdown comment idioms are not links', () => {
    expect(findUrlCandidates('[//]: # (a comment)\n[comment]: <> (another)')).toEqual([]);
  });
});
