/** A compiled set of tool names and globs that answers "which pattern matches this tool?" fast. */
export interface ToolPatternSet {
  /** The first pattern that matches `tool`, or undefined. */
  match(tool: string): string | undefined;
  /** True when `tool` is listed literally (no wildcard). */
  hasExact(tool: string): boolean;
  /** The patterns as written, in order. */
  readonly patterns: readonly string[];
}

const SEPARATORS = '._/:-';

/** `*` matches any characters (dots included), `?` one; everything else literally. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * Index tool patterns: literal names in a Set, `prefix*` globs ending at a separator (`github.*`) in
 * a Map probed at each separator of the tool name, everything else as a regular expression. With a
 * thousand rules, a lookup is a handful of hash probes instead of a thousand regex tests.
 *
 * @example
 * const set = compileToolPatterns(['fs.read', 'github.*']);
 * set.match('github.create_issue') // 'github.*'
 */
export function compileToolPatterns(patterns: readonly string[]): ToolPatternSet {
  const exact = new Set<string>();
  const separatorPrefixes = new Map<string, string>();
  const otherPrefixes: { prefix: string; pattern: string }[] = [];
  const globs: { regex: RegExp; pattern: string }[] = [];
  let matchAll: string | undefined;

  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    const hasWildcard = star !== -1 || pattern.includes('?');
    if (!hasWildcard) exact.add(pattern);
    else if (pattern === '*' || /^\*+$/.test(pattern)) matchAll ??= pattern;
    else if (star === pattern.length - 1 && !pattern.includes('?')) {
      const prefix = pattern.slice(0, -1);
      if (SEPARATORS.includes(prefix.at(-1)!)) {
        if (!separatorPrefixes.has(prefix)) separatorPrefixes.set(prefix, pattern);
      } else otherPrefixes.push({ prefix, pattern });
    } else globs.push({ regex: globToRegExp(pattern), pattern });
  }

  return {
    patterns: [...patterns],
    hasExact: (tool) => exact.has(tool),
    match(tool) {
      if (exact.has(tool)) return tool;
      if (separatorPrefixes.size > 0) {
        for (let i = 0; i < tool.length; i++) {
          if (SEPARATORS.includes(tool[i]!)) {
            const hit = separatorPrefixes.get(tool.slice(0, i + 1));
            // `github.*` requires something after the dot: `github.` alone is not a tool in the family.
            if (hit !== undefined && i + 1 < tool.length) return hit;
          }
        }
      }
      for (const p of otherPrefixes)
        if (tool.length > p.prefix.length - 1 && tool.startsWith(p.prefix)) return p.pattern;
      for (const g of globs) if (g.regex.test(tool)) return g.pattern;
      return matchAll;
    },
  };
}
