/** How a URL is embedded, from most to least likely to be fetched without a click. */
export type UrlConstruct =
  | 'markdown-image'
  | 'markdown-link'
  | 'html-image'
  | 'html-frame'
  | 'html-script'
  | 'html-link'
  | 'html-media'
  | 'html-redirect'
  | 'html-base'
  | 'html-form'
  | 'html-anchor'
  | 'css-url'
  | 'bare-url';

/** A URL found in text: the construct's span, and the URL as written. */
export interface UrlCandidate {
  readonly type: UrlConstruct;
  readonly start: number;
  readonly end: number;
  readonly url: string;
  /** The URL came from an HTML attribute: entities in it are decoded before parsing. */
  readonly inHtml: boolean;
}

// ![alt](url "title") and [text](url): alt text may hold one level of brackets; the URL may be
// <…>-wrapped or hold balanced parentheses.
const MARKDOWN_INLINE =
  /(!?)\[((?:[^[\]\n]|\[[^[\]\n]{0,200}\]){0,500})\]\(\s*(<[^<>\n]{0,4000}>|[^\s()<>]{0,4000}(?:\([^\s()]{0,500}\)[^\s()<>]{0,500})*)(?:\s+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|\([^()\n]{0,500}\)))?\s*\)/g;
// [label]: url   (a reference definition at the start of a line)
const MARKDOWN_REFERENCE = /^[ \t]{0,3}\[([^[\]\n]{1,500})\]:[ \t]*(<[^<>\n]{0,4000}>|\S{1,4000})/gm;
// ![alt][label], ![label][] and ![label]: images that use a reference definition.
const MARKDOWN_IMAGE_REFERENCE = /!\[([^[\]\n]{0,500})\](?:\[([^[\]\n]{0,500})\])?/g;
const HTML_TAG =
  /<(img|image|picture|source|video|audio|track|input|body|table|td|th|iframe|frame|embed|object|script|link|a|area|form|button|meta|base|svg|use|feimage)\b([^<>]{0,4000})>/gi;
const ATTRIBUTE = /([a-z:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi;
const CSS_URL = /url\(\s*(["']?)([^"')\s]{1,4000})\1\s*\)|@import\s+(["'])([^"'\n]{1,4000})\3/gi;
const BARE_URL = /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`]+|(?<![\w@/.-])www\.[a-z0-9-]+\.[^\s<>"'`]+/gi;

/**
 * Every URL that markdown, HTML or CSS in the text would fetch or link to, and bare URLs not
 * already inside one of those. Spans cover the whole construct (`![alt](url)`, `<img …>`).
 *
 * @example
 * findUrlCandidates('see ![x](https://a.example/p.png)')
 * // [{ type: 'markdown-image', start: 4, end: 33, url: 'https://a.example/p.png', inHtml: false }]
 */
export function findUrlCandidates(text: string): UrlCandidate[] {
  const found: UrlCandidate[] = [];
  if (text.includes('](')) markdownInline(text, found);
  if (text.includes(']:')) markdownReferences(text, found);
  if (text.includes('<')) htmlTags(text, found);
  if (/url\(|@import/i.test(text)) cssUrls(text, found);
  bareUrls(text, found);
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

function markdownInline(text: string, found: UrlCandidate[]): void {
  for (const m of text.matchAll(MARKDOWN_INLINE)) {
    const url = unwrapAngles(m[3] ?? '');
    if (url === '') continue;
    found.push({
      type: m[1] === '!' ? 'markdown-image' : 'markdown-link',
      start: m.index,
      end: m.index + m[0].length,
      url,
      inHtml: false,
    });
  }
}

function markdownReferences(text: string, found: UrlCandidate[]): void {
  const imageLabels = new Set<string>();
  for (const m of text.matchAll(MARKDOWN_IMAGE_REFERENCE)) {
    // ![alt](…) is inline, not a reference.
    if (text[m.index + m[0].length] === '(') continue;
    const label = m[2] !== undefined && m[2] !== '' ? m[2] : (m[1] ?? '');
    imageLabels.add(normalizeLabel(label));
  }
  for (const m of text.matchAll(MARKDOWN_REFERENCE)) {
    const url = unwrapAngles(m[2] ?? '');
    if (url === '' || url === '#' || url === '<>') continue;
    found.push({
      type: imageLabels.has(normalizeLabel(m[1] ?? '')) ? 'markdown-image' : 'markdown-link',
      start: m.index,
      end: m.index + m[0].length,
      url,
      inHtml: false,
    });
  }
}

const TAG_TYPES: Record<string, UrlConstruct> = {
  img: 'html-image',
  image: 'html-image',
  picture: 'html-image',
  feimage: 'html-image',
  use: 'html-image',
  svg: 'html-image',
  input: 'html-image',
  body: 'html-image',
  table: 'html-image',
  td: 'html-image',
  th: 'html-image',
  source: 'html-media',
  video: 'html-media',
  audio: 'html-media',
  track: 'html-media',
  iframe: 'html-frame',
  frame: 'html-frame',
  embed: 'html-frame',
  object: 'html-frame',
  script: 'html-script',
  link: 'html-link',
  a: 'html-anchor',
  area: 'html-anchor',
  form: 'html-form',
  button: 'html-form',
  meta: 'html-redirect',
  base: 'html-base',
};
const URL_ATTRIBUTES = new Set([
  'src',
  'href',
  'xlink:href',
  'srcset',
  'data',
  'poster',
  'background',
  'action',
  'formaction',
  'ping',
  'content',
  'lowsrc',
  'dynsrc',
]);

function htmlTags(text: string, found: UrlCandidate[]): void {
  for (const m of text.matchAll(HTML_TAG)) {
    const tag = (m[1] ?? '').toLowerCase();
    const type = TAG_TYPES[tag];
    if (type === undefined) continue;
    const attributes = m[2] ?? '';
    const isRefresh = tag === 'meta' && /http-equiv\s*=\s*["']?refresh/i.test(attributes);
    for (const a of attributes.matchAll(ATTRIBUTE)) {
      const name = (a[1] ?? '').toLowerCase();
      if (!URL_ATTRIBUTES.has(name)) continue;
      if (name === 'content' && !isRefresh) continue;
      let value = unquote(a[2] ?? '');
      if (name === 'content') value = value.replace(/^\s*\d+\s*;\s*url\s*=\s*/i, '');
      const urls =
        name === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
      for (const url of urls) {
        if (url === '') continue;
        found.push({ type, start: m.index, end: m.index + m[0].length, url, inHtml: true });
      }
    }
  }
}

function cssUrls(text: string, found: UrlCandidate[]): void {
  for (const m of text.matchAll(CSS_URL)) {
    const url = m[2] ?? m[4] ?? '';
    if (url === '') continue;
    found.push({ type: 'css-url', start: m.index, end: m.index + m[0].length, url, inHtml: true });
  }
}

function bareUrls(text: string, found: UrlCandidate[]): void {
  if (!/:\/\/|www\./i.test(text)) return;
  const covered = found.map((c) => [c.start, c.end] as const).sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const start = m.index;
    while (next < covered.length && covered[next]![1] <= start) next++;
    if (next < covered.length && covered[next]![0] <= start) continue;
    const url = trimTrailing(m[0]);
    found.push({
      type: 'bare-url',
      start,
      end: start + url.length,
      url: url.startsWith('www.') || url.startsWith('WWW.') ? `http://${url}` : url,
      inHtml: false,
    });
  }
}

/** Drop sentence punctuation and unbalanced closing brackets a URL at the end of a sentence picks up. */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const ch = url[end - 1];
    if (ch === undefined) break;
    if ('.,;:!?*_~'.includes(ch)) {
      end--;
      continue;
    }
    const open = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : undefined;
    if (open !== undefined && count(url.slice(0, end), ch) > count(url.slice(0, end), open)) {
      end--;
      continue;
    }
    break;
  }
  return url.slice(0, end);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function unwrapAngles(url: string): string {
  return url.startsWith('<') && url.endsWith('>') ? url.slice(1, -1).trim() : url;
}

function unquote(value: string): string {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))
    ? value.slice(1, -1)
    : value;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}
