import { createRequire } from 'node:module';
import type { Parser, Tree } from 'web-tree-sitter';
import { WardenError, WardenErrorCode } from '../../../errors/warden-error.js';

/**
 * A tree-sitter node copied into plain JavaScript. Copying once per parse lets the tree be freed
 * immediately (its memory lives in the WebAssembly heap) and keeps the walk free of wasm calls.
 */
export interface SyntaxNode {
  readonly type: string;
  /** Named nodes are grammar rules (`command`, `word`); unnamed ones are tokens (`|`, `&&`, `"`). */
  readonly named: boolean;
  /** Offsets into the source string (UTF-16 code units, like `String#slice`). */
  readonly start: number;
  readonly end: number;
  /** Field name under the parent (`name`, `argument`, `destination`, …), or null. */
  readonly field: string | null;
  readonly children: SyntaxNode[];
}

export interface ParsedShell {
  root: SyntaxNode;
  /** tree-sitter found ERROR or MISSING nodes: the shell would read the text differently. */
  hasError: boolean;
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Load the bash grammar (tree-sitter-bash compiled to WebAssembly). Idempotent, and concurrent calls
 * share one load; a failed load can be retried. Until it resolves, every command is denied.
 *
 * @example
 * await initShellParser();
 * isShellParserReady(); // true
 */
export function initShellParser(): Promise<void> {
  if (parser) return Promise.resolve();
  loading ??= loadParser().then(
    (p) => {
      parser = p;
    },
    (error: unknown) => {
      loading = undefined;
      throw new WardenError(
        WardenErrorCode.DependencyUnavailable,
        'cannot load the tree-sitter bash grammar',
        {
          cause: error,
        },
      );
    },
  );
  return loading;
}

async function loadParser(): Promise<Parser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/**
 * Whether {@link initShellParser} has completed; shell commands are denied until it has.
 *
 * @example
 * if (!isShellParserReady()) await initShellParser();
 */
export function isShellParserReady(): boolean {
  return parser !== undefined;
}

/** Parse one command line. Throws when the parser is not loaded (callers check first). */
export function parseShell(source: string): ParsedShell {
  if (!parser) throw new Error('the shell parser is not initialised');
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no syntax tree');
  try {
    return { root: copyTree(tree), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

interface MutableNode {
  type: string;
  named: boolean;
  start: number;
  end: number;
  field: string | null;
  children: MutableNode[];
}

// A cursor walk is several times cheaper than Node#children, which allocates wrappers per call.
function copyTree(tree: Tree): SyntaxNode {
  const cursor = tree.walk();
  try {
    const root: MutableNode = node(cursor, null);
    const stack: MutableNode[] = [root];
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const current = node(cursor, cursor.currentFieldName);
      stack[stack.length - 1]!.children.push(current);
      if (cursor.gotoFirstChild()) {
        stack.push(current);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
        stack.pop();
        if (stack.length === 0) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}

function node(cursor: ReturnType<Tree['walk']>, field: string | null): MutableNode {
  return {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    start: cursor.startIndex,
    end: cursor.endIndex,
    field,
    children: [],
  };
}
