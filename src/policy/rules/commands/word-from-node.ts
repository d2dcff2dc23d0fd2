import { quote, type ReasonList } from './reasons.js';
import type { SyntaxNode } from './shell-parser.js';
import { QUOTED, type ShellWord } from './shell-word.js';

// Characters that end or change a word when unquoted; finding one inside a `word` node means
// tree-sitter and bash disagree about where the word is.
const UNQUOTED_META = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '"', "'", ' ', '\t', '\n']);
// `!` followed by these is not history expansion even in an interactive shell.
const HISTORY_SAFE_NEXT = new Set([undefined, ' ', '\t', '\n', '=', '(']);

/** Message and rule for syntax that makes a word non-literal. */
export function expansionProblem(node: SyntaxNode, source: string): { rule: string; message: string } {
  const text = quote(source.slice(node.start, node.end), 60);
  switch (node.type) {
    case 'command_substitution':
      return {
        rule: 'command-substitution',
        message: `command substitution ${source[node.start] === '`' ? '`…`' : '$(…)'} is not allowed: ${text}`,
      };
    case 'process_substitution':
      return {
        rule: 'process-substitution',
        message: `process substitution <(…) / >(…) is not allowed: ${text}`,
      };
    case 'arithmetic_expansion':
      return { rule: 'arithmetic-expansion', message: `arithmetic expansion $((…)) is not allowed: ${text}` };
    case 'simple_expansion':
    case 'expansion':
    case '$':
      return {
        rule: 'variable-expansion',
        message: `variable expansion ${text} is not allowed: its value cannot be checked before it runs`,
      };
    case 'brace_expression':
      return { rule: 'brace-expansion', message: `brace expansion ${text} turns one word into several` };
    case 'ansi_c_string':
    case 'translated_string':
      return { rule: 'ansi-c-quoting', message: `$'…' and $"…" quoting is not allowed: ${text}` };
    case 'extglob_pattern':
      return { rule: 'glob', message: `extended glob ${text} is not allowed` };
    default:
      return { rule: 'unsupported-syntax', message: `shell syntax "${node.type}" is not allowed: ${text}` };
  }
}

class WordBuilder {
  value = '';
  active = '';
  ok = true;

  bare(c: string): void {
    this.value += c;
    this.active += c;
  }

  quoted(text: string): void {
    this.value += text;
    this.active += QUOTED.repeat(text.length);
  }
}

/**
 * Turn a word-like node into the literal argument bash would pass, or report why it is not literal
 * (expansions, substitutions, quoting the builder cannot vouch for) and return undefined.
 */
export function wordFromNode(node: SyntaxNode, source: string, reasons: ReasonList): ShellWord | undefined {
  const b = new WordBuilder();
  add(node, b, source, reasons);
  return b.ok ? { raw: source.slice(node.start, node.end), value: b.value, active: b.active } : undefined;
}

function add(node: SyntaxNode, b: WordBuilder, source: string, reasons: ReasonList): void {
  switch (node.type) {
    case 'word':
    case 'number':
      if (node.children.length > 0) {
        fail(node.children[0]!, b, source, reasons);
        return;
      }
      addUnquoted(node, b, source, reasons);
      return;
    case 'raw_string': {
      const text = source.slice(node.start, node.end);
      if (
        text.length < 2 ||
        !text.startsWith("'") ||
        !text.endsWith("'") ||
        text.slice(1, -1).includes("'")
      ) {
        fail(node, b, source, reasons);
        return;
      }
      b.quoted(text.slice(1, -1));
      return;
    }
    case 'string':
      for (const child of node.children) {
        if (child.type !== 'string_content' && child.type !== '"') fail(child, b, source, reasons);
      }
      if (b.ok) addDoubleQuoted(node, b, source, reasons);
      return;
    case 'concatenation':
      for (const child of node.children) add(child, b, source, reasons);
      return;
    default:
      fail(node, b, source, reasons);
      return;
  }
}

function fail(node: SyntaxNode, b: WordBuilder, source: string, reasons: ReasonList): void {
  const p = expansionProblem(node, source);
  reasons.deny(p.rule, p.message);
  b.ok = false;
}

function addUnquoted(node: SyntaxNode, b: WordBuilder, source: string, reasons: ReasonList): void {
  const text = source.slice(node.start, node.end);
  if (b.value === '' && text.startsWith('#')) {
    reasons.deny('unparsed-text', `a word starting with "#" would be a comment to bash: ${quote(text)}`);
    b.ok = false;
    return;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        reasons.deny('unparsed-text', `a trailing backslash in ${quote(text)}`);
        b.ok = false;
        return;
      }
      if (next !== '\n') b.quoted(next);
      i++;
    } else if (UNQUOTED_META.has(c)) {
      reasons.deny('unparsed-text', `unexpected ${JSON.stringify(c)} inside the word ${quote(text)}`);
      b.ok = false;
      return;
    } else {
      if (c === '!' && !HISTORY_SAFE_NEXT.has(source[node.start + i + 1])) historyProblem(text, b, reasons);
      b.bare(c);
    }
  }
}

// Inside double quotes a backslash only escapes these; elsewhere it stays a literal backslash.
const DQ_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

function addDoubleQuoted(node: SyntaxNode, b: WordBuilder, source: string, reasons: ReasonList): void {
  const full = source.slice(node.start, node.end);
  if (full.length < 2 || !full.startsWith('"') || !full.endsWith('"')) {
    fail(node, b, source, reasons);
    return;
  }
  const text = full.slice(1, -1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && DQ_ESCAPABLE.has(text[i + 1] ?? '')) {
      if (text[i + 1] !== '\n') b.quoted(text[i + 1]!);
      i++;
    } else if (c === '$' || c === '`') {
      // tree-sitter should have produced an expansion node; fail closed if it did not.
      reasons.deny(
        c === '$' ? 'variable-expansion' : 'command-substitution',
        `${JSON.stringify(c)} inside double quotes expands: ${quote(full)}`,
      );
      b.ok = false;
      return;
    } else if (c === '"') {
      reasons.deny('unparsed-text', `unexpected quote inside ${quote(full)}`);
      b.ok = false;
      return;
    } else {
      if (c === '!') {
        const next = text[i + 1];
        if (next !== undefined && !HISTORY_SAFE_NEXT.has(next)) historyProblem(full, b, reasons);
      }
      b.quoted(c);
    }
  }
}

function historyProblem(text: string, b: WordBuilder, reasons: ReasonList): void {
  reasons.deny(
    'history-expansion',
    `"!" in ${quote(text)} is history expansion in an interactive shell; quote it with single quotes`,
  );
  b.ok = false;
}
