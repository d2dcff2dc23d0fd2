import sanitize from 'sanitize-html';

export interface SanitizeHtmlOptions {
  /** Hosts images may load from; others are dropped (a remote image is an exfiltration channel). Default: none. */
  isAllowedImageHost?: (host: string) => boolean;
}

// Text formatting and structure only: nothing that runs code, loads a frame, submits a form or
// styles text invisible.
const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];

/**
 * Sanitize HTML that is meant for display, with sanitize-html (htmlparser2) rather than regexes:
 * scripts, styles, frames, forms, event handlers, `javascript:`/`data:` URLs and comments are
 * removed, links get `rel="noopener noreferrer nofollow"`, and images survive only from allowed hosts.
 *
 * @example
 * sanitizeHtml('<p onclick="x()">hi<script>steal()</script></p>') // '<p>hi</p>'
 */
export function sanitizeHtml(html: string, options: SanitizeHtmlOptions = {}): string {
  const allowImage = options.isAllowedImageHost ?? (() => false);
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'] },
    allowedSchemes: ['https', 'http', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      try {
        return !allowImage(new URL(frame.attribs.src ?? '').hostname);
      } catch {
        return true;
      }
    },
  });
}
