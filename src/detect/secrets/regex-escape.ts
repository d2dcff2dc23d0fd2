/**
 * Escape a literal for use inside a regular expression.
 *
 * @example
 * escapeRegExp('a.b') // 'a\\.b'
 */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
