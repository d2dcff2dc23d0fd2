import type { HiddenRegion } from './hidden-region.js';

// Reference definitions render nothing; the title of one nobody uses is invisible text. The label
// idioms (`[//]: #`, `[comment]: <>`) exist only to hide notes.
const REFERENCE_DEFINITION =
  /^[ \t]{0,3}\[([^[\]\n]{1,200})\]:[ \t]*(<[^<>\n]*>|\S+)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|\(([^()\n]*)\))[ \t]*$/gm;
const COMMENT_LABEL = /^(?:\/\/|#|_|comment|comments|note|todo|\s*)$/i;

/**
 * HTML comments (`<!-- … -->`, including `<!--- … -->` as markdown writers use it), found in one
 * linear pass; an unterminated comment runs to the end of the text, as in a browser.
 *
 * @example
 * findHtmlComments('a <!-- note --> b') // [{ type: 'html-comment', start: 2, end: 15, content: ' note ', … }]
 */
export function findHtmlComments(text: string): HiddenRegion[] {
  const out: HiddenRegion[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    if (start < 0) break;
    // "<!-->" and "<!--->" close at once in HTML.
    if (text.startsWith('<!-->', start) || text.startsWith('<!--->', start)) {
      from = start + 5;
      continue;
    }
    const contentStart = start + 4;
    const close = earliest(text.indexOf('-->', contentStart), text.indexOf('--!>', contentStart));
    const end = close < 0 ? text.length : close + (text.startsWith('--!>', close) ? 4 : 3);
    const markdownStyle = text.startsWith('<!---', start);
    out.push({
      type: markdownStyle ? 'markdown-comment' : 'html-comment',
      start,
      end,
      content: text.slice(markdownStyle ? contentStart + 1 : contentStart, close < 0 ? text.length : close),
      how:
        close < 0
          ? 'an unterminated HTML comment (hides the rest of the text)'
          : markdownStyle
            ? 'a markdown comment (<!--- … -->)'
            : 'an HTML comment',
      idiom: true,
    });
    if (close < 0) break;
    from = end;
  }
  return out;
}

/**
 * Markdown reference definitions with a title (`[//]: # (hidden note)`, `[x]: https://a "text"`):
 * they render as nothing. `idiom` marks the comment idioms.
 *
 * @example
 * findMarkdownComments('[//]: # (do not render)')[0]?.content // 'do not render'
 */
export function findMarkdownComments(text: string): HiddenRegion[] {
  if (!text.includes(']:')) return [];
  const out: HiddenRegion[] = [];
  for (const m of text.matchAll(REFERENCE_DEFINITION)) {
    const label = m[1] ?? '';
    const idiom = COMMENT_LABEL.test(label);
    out.push({
      type: 'markdown-comment',
      start: m.index,
      end: m.index + m[0].length,
      content: m[3] ?? m[4] ?? m[5] ?? '',
      how: idiom ? `a markdown comment ([${label.trim()}]: …)` : 'the title of a markdown link definition',
      idiom,
    });
  }
  return out;
}

function earliest(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}
