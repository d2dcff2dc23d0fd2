import type { ReasonList } from './reasons.js';
import type { SyntaxNode } from './shell-parser.js';

// Tabs and newlines are shell syntax; every other control character is either invisible in a
// transcript or read differently by tree-sitter and bash (tree-sitter skips `\r` as blank, bash
// keeps it inside the word).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Checks on the raw text that do not need a parse. */
export function checkRawText(source: string, reasons: ReasonList): void {
  if (CONTROL.test(source)) {
    reasons.deny('control-character', 'command contains a control character other than tab and newline');
  }
  checkLineContinuations(source, reasons);
}

/**
 * bash deletes backslash-newline before it splits words, so `r\<newline>m` runs `rm`; tree-sitter
 * reads it as two words. A continuation is only unambiguous between words, i.e. with unescaped blank
 * space on at least one side.
 */
function checkLineContinuations(source: string, reasons: ReasonList): void {
  let from = 0;
  for (;;) {
    const at = source.indexOf('\\\n', from);
    if (at < 0) return;
    from = at + 2;
    let run = 0;
    for (let i = at; i >= 0 && source[i] === '\\'; i--) run++;
    if (run % 2 === 0) continue; // `\\` + newline: an escaped backslash, then a real newline
    const after = source[at + 2];
    const blankAfter = after === undefined || after === ' ' || after === '\t' || after === '\n';
    if (blankAfter || isUnescapedBlank(source, at - 1)) continue;
    reasons.deny(
      'line-continuation',
      'a backslash-newline inside a word joins it with the next line; put a space before the backslash',
    );
    return;
  }
}

function isUnescapedBlank(source: string, i: number): boolean {
  const c = source[i];
  if (c !== ' ' && c !== '\t' && c !== '\n') return false;
  let run = 0;
  for (let j = i - 1; j >= 0 && source[j] === '\\'; j--) run++;
  return run % 2 === 0;
}

// Nodes whose inner text is read character by character by the word builder (so gaps inside them
// are content, not separators).
const ATOMIC = new Set([
  'word',
  'number',
  'raw_string',
  'string',
  'ansi_c_string',
  'translated_string',
  'comment',
  'heredoc_body',
  'heredoc_start',
  'heredoc_end',
  'file_descriptor',
  'variable_name',
  'string_content',
]);
const BLANK_GAP = /^(?:[ \t\n]|\\\n)*$/;

/**
 * Text that no node covers must be blank space between tokens. If tree-sitter skipped anything else,
 * it read the line differently from bash, and whatever it skipped was never checked.
 */
export function checkCoverage(source: string, root: SyntaxNode, reasons: ReasonList): void {
  const outside = source.slice(0, root.start) + source.slice(root.end);
  if (!BLANK_GAP.test(outside)) {
    reasons.deny('unparsed-text', `the shell grammar skipped ${JSON.stringify(outside.slice(0, 40))}`);
    return;
  }
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ATOMIC.has(node.type) || node.children.length === 0) continue;
    // Pieces of one word must touch: `a"b"` is one word, `a "b"` is two.
    const joined = node.type === 'concatenation';
    let at = node.start;
    for (const child of node.children) {
      const gap = source.slice(at, child.start);
      if (joined ? gap !== '' : !BLANK_GAP.test(gap)) {
        reasons.deny('unparsed-text', `the shell grammar skipped ${JSON.stringify(gap.slice(0, 40))}`);
        return;
      }
      at = Math.max(at, child.end);
      stack.push(child);
    }
    const tail = source.slice(at, node.end);
    if (joined ? tail !== '' : !BLANK_GAP.test(tail)) {
      reasons.deny('unparsed-text', `the shell grammar skipped ${JSON.stringify(tail.slice(0, 40))}`);
      return;
    }
  }
}

/**
 * bash starts a comment only at the start of a word. tree-sitter agreeing matters: a comment hides
 * text from every check.
 */
export function checkCommentPlacement(source: string, comment: SyntaxNode, reasons: ReasonList): void {
  const i = comment.start - 1;
  if (i < 0 || ';&|()'.includes(source[i]!) || isUnescapedBlank(source, i)) return;
  reasons.deny('unparsed-text', `"#" in the middle of a word was read as a comment`);
}
