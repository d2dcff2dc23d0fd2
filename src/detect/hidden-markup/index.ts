export { findHtmlComments, findMarkdownComments } from './comments.js';
export { findHiddenElements } from './hidden-elements.js';
export { findHiddenMarkup } from './find-hidden-markup.js';
export type { HiddenMarkupType, HiddenRegion } from './hidden-region.js';
export { scoreHiddenRegion, type HiddenRegionScore } from './score-hidden-region.js';
