// "\n", "\r", "\t" written out as two characters, as in JSON strings, Python reprs and YAML that
// quote a tool's output. Left alone they glue the "n" to the next word ("\nIgnore" reads "nignore").
const ESCAPED_BREAK = /\\[nrt]/g;

/**
 * Replace written-out line-break and tab escapes with two spaces, keeping the text's length, so
 * keyword rules see the words on either side.
 *
 * @example
 * blankEscapes('help\\nignore all') // 'help  ignore all'
 */
export function blankEscapes(source: string): string {
  return source.includes('\\') ? source.replace(ESCAPED_BREAK, '  ') : source;
}
