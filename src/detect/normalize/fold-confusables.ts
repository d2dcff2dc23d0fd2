// Letters from other scripts that render like Latin ones (after NFKC, which already folds
// full-width, mathematical and most compatibility forms). Source: the Cyrillic, Greek, Armenian
// and Cherokee entries of Unicode's confusables list that map to a single lower-case Latin letter.
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɡ: 'g',
  ь: 'b',
  А: 'a',
  В: 'b',
  Е: 'e',
  Ё: 'e',
  Н: 'h',
  І: 'i',
  Ї: 'i',
  Ј: 'j',
  К: 'k',
  М: 'm',
  О: 'o',
  Р: 'p',
  С: 'c',
  Т: 't',
  У: 'y',
  Х: 'x',
  Ѕ: 's',
  Ԁ: 'd',
  Ԛ: 'q',
  Ԝ: 'w',
  Ӏ: 'l',
  Ү: 'y',
  ү: 'y',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  Ϲ: 'c',
  // Armenian
  օ: 'o',
  ս: 'u',
  ց: 'g',
  հ: 'h',
  ո: 'n',
  ա: 'w',
  Տ: 's',
  Ս: 'u',
  Օ: 'o',
  // Latin look-alikes outside ASCII
  ı: 'i',
  ȷ: 'j',
  ſ: 's',
  ɑ: 'a',
  ɩ: 'i',
  ʏ: 'y',
  ᴄ: 'c',
  ᴏ: 'o',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  ꜱ: 's',
  // Cherokee capitals that look like Latin ones
  Ꭺ: 'a',
  Ᏼ: 'b',
  Ꮯ: 'c',
  Ꭼ: 'e',
  Ꮋ: 'h',
  Ꮖ: 'i',
  Ꭻ: 'j',
  Ꮶ: 'k',
  Ꮮ: 'l',
  Ꮇ: 'm',
  Ꮲ: 'p',
  Ꮪ: 's',
  Ꭲ: 't',
  Ꮩ: 'v',
  Ꮃ: 'w',
  Ꮓ: 'z',
};

const TABLE = new Map<number, string>();
for (const [from, to] of Object.entries(CONFUSABLES)) TABLE.set(from.charCodeAt(0), to);

/**
 * Fold one UTF-16 code unit for keyword matching: lower-case, and look-alike letters of other
 * scripts to their Latin letter. Always one code unit out, so folded text keeps the offsets of
 * the text it came from.
 *
 * @example
 * foldCodeUnit('Р'.charCodeAt(0)) // 'p' (Cyrillic capital er)
 */
export function foldCodeUnit(code: number): string {
  if (code < 0x80) return String.fromCharCode(code >= 0x41 && code <= 0x5a ? code + 32 : code);
  const mapped = TABLE.get(code);
  if (mapped !== undefined) return mapped;
  if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code);
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower : String.fromCharCode(code);
}
