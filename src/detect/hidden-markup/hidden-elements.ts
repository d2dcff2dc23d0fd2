import type { HiddenMarkupType, HiddenRegion } from './hidden-region.js';

const OPEN_TAG = /<([a-z][a-z0-9-]{0,30})\b([^<>]{0,4000})>/gi;
const STYLE = /\bstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;
const CLASS = /\bclass\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;
const ARIA_HIDDEN = /\baria-hidden\s*=\s*["']?true/i;
const HIDDEN_ATTRIBUTE = /(?:^|\s)hidden(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?(?=\s|\/|$)/i;
const FONT_COLOR = /\bcolor\s*=\s*["']?\s*(?:white|#fff(?:fff)?\b|transparent)/i;
const FONT_SIZE_ZERO = /\bsize\s*=\s*["']?\s*0/i;
const INPUT_HIDDEN = /\btype\s*=\s*["']?hidden/i;
const VALUE = /\bvalue\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;
const HIDING_CLASS =
  /(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|d-none|hidden|invisible|hide|is-hidden|u-hidden)(?:\s|$)/i;

// Declarations that take text out of sight. Checked on the style attribute's value.
const CSS_RULES: readonly (readonly [RegExp, string, HiddenMarkupType])[] = [
  [/display\s*:\s*none/i, 'display:none', 'css-hidden'],
  [/visibility\s*:\s*(?:hidden|collapse)/i, 'visibility:hidden', 'css-hidden'],
  [
    /font-size\s*:\s*(?:0*\.\d+|0+|1)(?:px|pt)?\s*(?:[;!"']|$)/i,
    'a zero or one-pixel font size',
    'css-hidden',
  ],
  [/(?:^|[;\s"'])opacity\s*:\s*0*(?:\.0+)?\s*(?:[;!"']|$)/i, 'opacity:0', 'css-hidden'],
  [/(?:^|[;\s"'])(?:max-)?(?:height|width)\s*:\s*0(?:px)?\s*(?:[;!"']|$)/i, 'zero size', 'css-hidden'],
  [/(?:left|top|right|text-indent)\s*:\s*-\d{3,}/i, 'positioned off screen', 'css-hidden'],
  [/clip(?:-path)?\s*:\s*(?:rect\(\s*0|inset\(\s*50%|polygon\(\s*0)/i, 'clipped away', 'css-hidden'],
  [/transform\s*:\s*scale\(\s*0\s*\)/i, 'scaled to zero', 'css-hidden'],
  [
    /(?:^|[;\s"'])color\s*:\s*(?:white|#fff(?:fff)?\b|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1(?:\.0+)?\s*)?\)|transparent|rgba\([^)]*,\s*0(?:\.0+)?\s*\))/i,
    'white or transparent text',
    'invisible-text',
  ],
];

const VOID_TAGS = new Set([
  'input',
  'img',
  'br',
  'hr',
  'meta',
  'link',
  'source',
  'area',
  'col',
  'embed',
  'wbr',
  'track',
  'param',
  'base',
]);

/**
 * HTML elements whose content a reader does not see: hidden by inline style (`display:none`,
 * `visibility:hidden`, zero font size or opacity, off-screen, clipped, white or transparent
 * text), by the `hidden` attribute, `aria-hidden`, hiding class names, `<font color=white>`,
 * hidden inputs, `<noscript>`, `<template>` and collapsed `<details>`. Each region runs from the
 * opening tag to its matching closing tag (the end of the text if it is never closed).
 *
 * @example
 * findHiddenElements('<div style="display:none">secret</div>')[0]
 * // { type: 'css-hidden', start: 0, end: 38, content: 'secret', how: 'display:none' }
 */
export function findHiddenElements(text: string): HiddenRegion[] {
  if (!text.includes('<')) return [];
  const out: HiddenRegion[] = [];
  OPEN_TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN_TAG.exec(text)) !== null) {
    const tag = (m[1] ?? '').toLowerCase();
    const attributes = m[2] ?? '';
    const hiding = howHidden(tag, attributes);
    if (hiding === undefined) continue;
    const openEnd = m.index + m[0].length;
    if (tag === 'input') {
      const value = unquote(VALUE.exec(attributes)?.[1] ?? '');
      out.push({ type: hiding.type, start: m.index, end: openEnd, content: value, how: hiding.how });
      continue;
    }
    if (VOID_TAGS.has(tag) || attributes.trimEnd().endsWith('/')) continue;
    const { contentEnd, end } = closingTag(text, tag, openEnd);
    const inner = text.slice(openEnd, contentEnd);
    const content =
      tag === 'details' ? inner.replace(/<summary\b[^<]*(?:<(?!\/summary)[^<]*)*<\/summary\s*>/i, '') : inner;
    out.push({ type: hiding.type, start: m.index, end, content: stripTags(content), how: hiding.how });
    // What is nested inside is hidden with it: go on after the region (linear on nested input).
    OPEN_TAG.lastIndex = Math.max(OPEN_TAG.lastIndex, end);
  }
  return out;
}

function howHidden(tag: string, attributes: string): { type: HiddenMarkupType; how: string } | undefined {
  if (tag === 'noscript') return { type: 'noscript', how: '<noscript> (shown only without scripts)' };
  if (tag === 'template') return { type: 'template', how: '<template> (never rendered)' };
  if (tag === 'details' && !/\bopen\b/i.test(attributes))
    return { type: 'collapsed-details', how: 'a collapsed <details>' };
  if (tag === 'input')
    return INPUT_HIDDEN.test(attributes) ? { type: 'hidden-input', how: 'a hidden input' } : undefined;
  if (attributes.length === 0) return undefined;
  const style = STYLE.exec(attributes)?.[1];
  if (style !== undefined) {
    for (const [re, how, type] of CSS_RULES) if (re.test(style)) return { type, how };
  }
  if (HIDDEN_ATTRIBUTE.test(attributes)) return { type: 'hidden-attribute', how: 'the hidden attribute' };
  if (tag === 'font' && (FONT_COLOR.test(attributes) || FONT_SIZE_ZERO.test(attributes))) {
    return { type: 'invisible-text', how: '<font> with white colour or zero size' };
  }
  const classes = CLASS.exec(attributes)?.[1];
  if (classes !== undefined && HIDING_CLASS.test(unquote(classes))) {
    return { type: 'hidden-class', how: 'a class name that hides content' };
  }
  if (ARIA_HIDDEN.test(attributes)) return { type: 'aria-hidden', how: 'aria-hidden' };
  return undefined;
}

/** Where the element opened at `from` closes, counting nested elements of the same name. */
const TAG_PATTERNS = new Map<string, RegExp>();

function closingTag(text: string, tag: string, from: number): { contentEnd: number; end: number } {
  let re = TAG_PATTERNS.get(tag);
  if (re === undefined) {
    re = new RegExp(`<(/?)${tag}\\b[^<>]*>`, 'gi');
    if (TAG_PATTERNS.size < 64) TAG_PATTERNS.set(tag, re);
  }
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] === '/') depth--;
    else if (!m[0].endsWith('/>')) depth++;
    if (depth === 0) return { contentEnd: m.index, end: m.index + m[0].length };
  }
  return { contentEnd: text.length, end: text.length };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

function unquote(value: string): string {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))
    ? value.slice(1, -1)
    : value;
}
