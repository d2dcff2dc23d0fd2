/** How text is hidden from a human reader while a model still reads it. */
export type HiddenMarkupType =
  | 'html-comment'
  | 'markdown-comment'
  | 'css-hidden'
  | 'invisible-text'
  | 'hidden-attribute'
  | 'aria-hidden'
  | 'hidden-class'
  | 'hidden-input'
  | 'noscript'
  | 'template'
  | 'collapsed-details';

/** A region of text a reader does not see: the whole construct, and the text hidden in it. */
export interface HiddenRegion {
  readonly type: HiddenMarkupType;
  readonly start: number;
  readonly end: number;
  /** The hidden text (markup stripped where the region is an element). */
  readonly content: string;
  /** Why it is hidden, for people: `display:none`, `hidden attribute`, `HTML comment`. */
  readonly how: string;
  /** The construct is an idiom for comments or notes (`[//]: #`), not an ordinary link definition. */
  readonly idiom?: boolean;
}
