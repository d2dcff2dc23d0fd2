/** Why a character was removed from the text the detectors see. */
export type HiddenCharacterType =
  'zero-width' | 'bidi-control' | 'unicode-tag' | 'variation-selector' | 'control-character' | 'ansi-escape';

/**
 * Classify a code point that renders as nothing (or reorders what renders) but still reaches a
 * model: zero-width and other format characters, bidi controls, Unicode tag characters (ASCII
 * smuggling), variation selectors and C0/C1 controls other than tab and newlines.
 * Returns undefined for ordinary characters.
 *
 * @example
 * invisibleType(0x200b) // 'zero-width'
 * invisibleType(0xe0041) // 'unicode-tag'
 */
export function invisibleType(cp: number): HiddenCharacterType | undefined {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d ? undefined : 'control-character';
  if (cp < 0x7f) return undefined;
  if (cp <= 0x9f) return 'control-character';
  if (cp === 0xad || cp === 0x34f || cp === 0x180e || cp === 0x115f || cp === 0x1160) return 'zero-width';
  if (cp === 0x17b4 || cp === 0x17b5 || cp === 0x3164 || cp === 0xffa0) return 'zero-width';
  if (cp >= 0x200b && cp <= 0x200d) return 'zero-width';
  if (cp === 0x200e || cp === 0x200f || cp === 0x61c) return 'bidi-control';
  if (cp >= 0x202a && cp <= 0x202e) return 'bidi-control';
  if (cp >= 0x2066 && cp <= 0x2069) return 'bidi-control';
  if (cp >= 0x2060 && cp <= 0x2064) return 'zero-width';
  if (cp >= 0x206a && cp <= 0x206f) return 'zero-width';
  if (cp === 0xfeff) return 'zero-width';
  if (cp >= 0xfff9 && cp <= 0xfffb) return 'zero-width';
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'variation-selector';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'unicode-tag';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation-selector';
  if (cp >= 0x1d173 && cp <= 0x1d17a) return 'zero-width';
  return undefined;
}
