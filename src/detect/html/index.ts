export { sanitizeHtml, type SanitizeHtmlOptions } from './sanitize-html.js';
