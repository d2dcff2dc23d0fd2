// One regular expression that finds every anchor of every detector in a single pass: the
// literals compiled into a trie-shaped alternation (so the engine rejects a position on its
// first character instead of trying each literal), case-folded literals, then shape patterns.
import { escapeRegExp } from './regex-escape.js';

interface Trie {
  children: Map<string, Trie>;
  terminal: boolean;
}

function insert(root: Trie, word: string): void {
  let node = root;
  for (const ch of word) {
    let child = node.children.get(ch);
    if (!child) {
      child = { children: new Map(), terminal: false };
      node.children.set(ch, child);
    }
    node = child;
  }
  node.terminal = true;
}

function emit(node: Trie, ignoreCase: boolean): string {
  const branches: string[] = [];
  for (const [ch, child] of node.children) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const atom = ignoreCase && lower !== upper ? `[${lower}${upper}]` : escapeRegExp(ch);
    branches.push(atom + emit(child, ignoreCase));
  }
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  // Greedy optional: the longest literal at a position wins.
  return node.terminal ? `(?:${body})?` : body;
}

/**
 * Regex source matching any of `literals`, preferring the longest at a position.
 *
 * @example
 * trieSource(['ab', 'abc', 'b']) // '(?:ab(?:c)?|b)'
 */
export function trieSource(literals: readonly string[], ignoreCase = false): string {
  const root: Trie = { children: new Map(), terminal: false };
  for (const literal of literals)
    if (literal.length > 0) insert(root, ignoreCase ? literal.toLowerCase() : literal);
  return emit(root, ignoreCase);
}
