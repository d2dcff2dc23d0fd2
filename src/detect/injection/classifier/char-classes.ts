// Character classes for featurization. Kept deliberately simple and table-free: they must give the
// same answer in training and inference, and run per code unit.

/** Whitespace of any script (collapsed to one space before n-gramming). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Part of a word: ASCII letters, digits and underscore, and any code unit from U+00C0 up that is
 * not a common punctuation block. Scripts without spaces (CJK, Thai) form long "words"; their
 * character n-grams carry the signal instead.
 */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
  if (c < 0xc0) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  if (c >= 0x2e00 && c <= 0x2e7f) return false; // supplemental punctuation
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xff00 && c <= 0xff0f) return false; // full-width punctuation
  if (c >= 0xff1a && c <= 0xff20) return false;
  if (c >= 0xff3b && c <= 0xff40) return false;
  if (c >= 0xff5b && c <= 0xff65) return false;
  // Arabic comma/semicolon/question mark, Devanagari danda, Thai signs.
  return !(c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || c === 0x0964 || c === 0x0965);
}
