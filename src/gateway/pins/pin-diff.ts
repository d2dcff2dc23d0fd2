// Why: "this tool changed" is not enough for a person to approve or reject a new definition; they
// need to see what changed. Definitions are small, so a plain LCS line diff of the pretty-printed
// canonical JSON is enough and keeps the gateway free of a diff dependency.
import { canonicalJson } from '../../policy/canonical-json.js';

export interface DiffOptions {
  /** Unchanged lines shown around each change; default 3. */
  context?: number;
}

/** Above this many LCS cells (lines × lines) the changed middle is shown as removed then added. */
const MAX_CELLS = 4_000_000;

/**
 * A readable line diff of two tool definitions: both pretty-printed as canonical JSON (sorted
 * keys, 2-space indent), then `- ` / `+ ` / `  ` lines in hunks headed `@@ -a,b +c,d @@`, with
 * `context` lines around each change. Invisible and control characters are shown as `\uXXXX`
 * escapes so a hidden instruction cannot hide in the diff. Empty string when nothing differs.
 * Each side is a definition object or its canonical JSON text (as stored in a pin).
 *
 * @example
 * diffDefinitions({ name: 'add', description: 'Add.' }, { name: 'add', description: 'Add. <IMPORTANT>…' })
 * // '@@ -1,4 +1,4 @@\n  {\n-   "description": "Add.",\n+   "description": "Add. <IMPORTANT>…",\n    "name": "add"\n  }'
 */
export function diffDefinitions(before: unknown, after: unknown, options: DiffOptions = {}): string {
  return diffLines(prettyLines(before), prettyLines(after), options.context ?? 3);
}

function prettyLines(definition: unknown): string[] {
  const value = typeof definition === 'string' ? (JSON.parse(definition) as unknown) : definition;
  const canonical = JSON.parse(canonicalJson(value)) as unknown;
  return JSON.stringify(canonical, null, 2).split('\n').map(reveal);
}

// Format (bidi, zero-width, tag), private-use, control, line/paragraph separators and lone surrogates.
const INVISIBLE =
  /[\p{Cf}\p{Co}\p{Cc}\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Escape invisible characters as JSON `\uXXXX` (surrogate pairs for astral ones): still valid JSON. */
function reveal(line: string): string {
  return line.replace(INVISIBLE, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++)
      out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    return out;
  });
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function diffLines(a: readonly string[], b: readonly string[], context: number): string {
  const ops = editScript(a, b);
  if (!ops.some((o) => o.kind !== ' ')) return '';
  const ctx = Math.max(0, Math.floor(context));
  // Group changes whose context overlaps into hunks.
  const hunks: [number, number][] = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i]!.kind === ' ') continue;
    const start = Math.max(0, i - ctx);
    let run = i;
    while (run + 1 < ops.length && ops[run + 1]!.kind !== ' ') run++;
    const end = Math.min(ops.length - 1, run + ctx);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
    i = run;
  }
  const out: string[] = [];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    const aStart = aLen === 0 ? slice[0]!.a : slice[0]!.a + 1;
    const bStart = bLen === 0 ? slice[0]!.b : slice[0]!.b + 1;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of slice) out.push(`${o.kind} ${o.line}`);
  }
  return out.join('\n');
}

/** Longest-common-subsequence edit script; `a`/`b` on each op are 0-based positions before it. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
    suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i]!, a: i, b: i });
  let i = 0;
  let j = 0;
  if (am.length * bm.length <= MAX_CELLS) {
    const n = am.length;
    const m = bm.length;
    // lcs[i][j] = LCS length of am[i..] and bm[j..], flattened.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let x = n - 1; x >= 0; x--)
      for (let y = m - 1; y >= 0; y--)
        lcs[x * (m + 1) + y] =
          am[x] === bm[y]
            ? lcs[(x + 1) * (m + 1) + y + 1]! + 1
            : Math.max(lcs[(x + 1) * (m + 1) + y]!, lcs[x * (m + 1) + y + 1]!);
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i]!, a: pre + i, b: pre + j });
        i++;
        j++;
      } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) {
        ops.push({ kind: '-', line: am[i]!, a: pre + i, b: pre + j });
        i++;
      } else {
        ops.push({ kind: '+', line: bm[j]!, a: pre + i, b: pre + j });
        j++;
      }
    }
  }
  for (; i < am.length; i++) ops.push({ kind: '-', line: am[i]!, a: pre + i, b: pre + j });
  for (; j < bm.length; j++) ops.push({ kind: '+', line: bm[j]!, a: pre + i, b: pre + j });
  for (let k = suf; k > 0; k--) {
    const ai = a.length - k;
    const bi = b.length - k;
    ops.push({ kind: ' ', line: a[ai]!, a: ai, b: bi });
  }
  return ops;
}
