import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
} from 'yaml';
import type { WardenIssue } from '../errors/warden-error.js';

/** A parsed YAML text that can map a value path back to line and column. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Syntax problems; the value is unusable when any is an error. */
  issues: WardenIssue[];
  locate(path: readonly (string | number)[], key?: string): { line: number; column: number } | undefined;
}

/**
 * Parse YAML, keeping positions. `lineOffset` shifts reported lines, for frontmatter inside Markdown.
 *
 * @example
 * const src = parseYamlSource('a.yaml', 'version: 1\n'); src.locate(['version']) // { line: 1, column: 10 }
 */
export function parseYamlSource(file: string, text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys: a duplicated key would silently drop the first rule; make it an error instead.
  const doc: Document = parseDocument(text, {
    lineCounter,
    // Keys are compared as strings: `1` and "1" are the same key once the config is plain JSON.
    uniqueKeys: (a, b) => isScalar(a) && isScalar(b) && String(a.value) === String(b.value),
    prettyErrors: false,
    merge: false,
  });
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const issues: WardenIssue[] = [];
  for (const e of doc.errors) {
    const at = position(e.pos[0]);
    issues.push({ file, ...at, path: '', severity: 'error', message: e.message.split('\n')[0] ?? e.message });
  }
  for (const w of doc.warnings) {
    const at = position(w.pos[0]);
    issues.push({
      file,
      ...at,
      path: '',
      severity: 'warning',
      code: 'config.yaml',
      message: w.message.split('\n')[0] ?? w.message,
    });
  }
  const value = issues.some((i) => i.severity === 'error') ? undefined : doc.toJS({ maxAliasCount: 100 });

  const locate = (path: readonly (string | number)[], key?: string) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let best: Node | null | undefined = node;
    for (const segment of path) {
      if (isMap(node)) {
        const items = node.items as Pair<unknown, unknown>[];
        const pair = items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        node = pair?.value as Node | null | undefined;
        // A key with no value still has a position worth reporting.
        if (pair && !node && isScalar(pair.key)) node = pair.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment] as Node | null | undefined;
      } else {
        node = undefined;
      }
      if (!node) break;
      best = node;
    }
    if (key !== undefined && isMap(best)) {
      const pair = best.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isScalar(pair.key) && pair.key.range) return position(pair.key.range[0]);
    }
    return best?.range ? position(best.range[0]) : undefined;
  };
  return { file, value, issues, locate };
}

/** Split `---\nfrontmatter\n---\nbody`. Returns undefined when the text has no frontmatter. */
export function splitFrontmatter(
  text: string,
): { frontmatter: string; body: string; lineOffset: number } | undefined {
  // Both fences on lines of their own: a `# ---- section ---` comment inside must not end it.
  const match = /^\ufeff?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return undefined;
  return { frontmatter: match[1] ?? '', body: text.slice(match[0].length), lineOffset: 1 };
}
