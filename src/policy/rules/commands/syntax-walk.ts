import { checkCommentPlacement } from './lexical-guards.js';
import { quote, type ReasonList } from './reasons.js';
import type { SyntaxNode } from './shell-parser.js';
import type { ShellWord } from './shell-word.js';
import type { CommandLine, Redirect, SimpleCommand, StdinSource } from './simple-command.js';
import { expansionProblem, wordFromNode } from './word-from-node.js';

// Separators allowed between statements. Background `&` is fine: it changes when, not what.
const SEPARATORS = new Set([';', '&', '&&', '||']);
const GROUP_TOKENS = new Set([...SEPARATORS, '(', ')', '{', '}', '!']);
const PIPES = new Set(['|', '|&']);
const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);
// `N`, `N-` (move) and `-` (close) after `>&` / `<&` duplicate descriptors; anything else is a file.
const DESCRIPTOR_TARGET = /^(?:\d+-?|-)$/;
const HEREDOC_DELIMITER = /^[A-Za-z0-9_.-]+$/;
// Deeper nesting than any real command; refused before the walk runs out of stack.
const MAX_NESTING = 200;

const DENIED_STATEMENTS: Record<string, { rule: string; what: string }> = {
  function_definition: { rule: 'function-definition', what: 'function definitions' },
  if_statement: { rule: 'control-flow', what: 'if blocks' },
  for_statement: { rule: 'control-flow', what: 'for/select loops' },
  c_style_for_statement: { rule: 'control-flow', what: 'for loops' },
  while_statement: { rule: 'control-flow', what: 'while/until loops' },
  case_statement: { rule: 'control-flow', what: 'case blocks' },
  test_command: { rule: 'test-expression', what: '[[ … ]] and [ … ] tests' },
  declaration_command: { rule: 'shell-builtin', what: 'declare/export/local/readonly' },
  unset_command: { rule: 'shell-builtin', what: 'unset' },
  variable_assignment: { rule: 'variable-assignment', what: 'variable assignments' },
  variable_assignments: { rule: 'variable-assignment', what: 'variable assignments' },
};

interface ParsedRedirect {
  redirects: Redirect[];
  /** Words tree-sitter attached to a redirection that bash passes to the command (`ls > f x`). */
  extraArgs: ShellWord[];
  /** Statements tree-sitter nests inside a here-document redirect (`cat <<EOF | sh`). */
  trailing: SyntaxNode[];
}

/**
 * Walk a parsed command line with an allowlist of node types and collect its simple commands.
 * Anything outside the allowlist is reported and its commands are not collected.
 */
export function collectCommands(root: SyntaxNode, source: string, reasons: ReasonList): CommandLine {
  const walker = new Walker(source, reasons);
  walker.statement(root, 'inherit');
  return { commands: walker.commands, groupRedirects: walker.groupRedirects };
}

class Walker {
  readonly commands: SimpleCommand[] = [];
  readonly groupRedirects: Redirect[] = [];
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly reasons: ReasonList,
  ) {}

  private text(node: SyntaxNode): string {
    return this.source.slice(node.start, node.end);
  }

  private unsupported(node: SyntaxNode): void {
    const p = expansionProblem(node, this.source);
    this.reasons.deny(p.rule, p.message);
  }

  statement(node: SyntaxNode, stdin: StdinSource): void {
    if (this.depth >= MAX_NESTING) {
      this.reasons.deny('too-complex', `groups nested more than ${MAX_NESTING} deep`);
      return;
    }
    this.depth++;
    try {
      this.statementOf(node, stdin);
    } finally {
      this.depth--;
    }
  }

  private statementOf(node: SyntaxNode, stdin: StdinSource): void {
    switch (node.type) {
      case 'program':
      case 'list':
      case 'subshell':
      case 'negated_command':
        this.sequence(node, stdin);
        return;
      case 'compound_statement':
        // `(( … ))` is arithmetic evaluation, which runs command substitutions in array subscripts.
        if (node.children[0]?.type !== '{') {
          this.reasons.deny(
            'arithmetic-expansion',
            `arithmetic command ${quote(this.text(node), 60)} is not allowed`,
          );
          return;
        }
        this.sequence(node, stdin);
        return;
      case 'pipeline':
        this.pipeline(node, stdin);
        return;
      case 'redirected_statement':
        this.redirected(node, stdin);
        return;
      case 'command':
        this.command(node, stdin, [], []);
        return;
      case 'comment':
        checkCommentPlacement(this.source, node, this.reasons);
        return;
      default: {
        const denied = DENIED_STATEMENTS[node.type];
        if (denied) {
          this.reasons.deny(denied.rule, `${denied.what} are not allowed: ${quote(this.text(node), 60)}`);
        } else this.unsupported(node);
      }
    }
  }

  private sequence(node: SyntaxNode, stdin: StdinSource): void {
    for (const child of node.children) {
      if (child.named) this.statement(child, stdin);
      else if (!GROUP_TOKENS.has(child.type)) this.unsupported(child);
    }
  }

  private pipeline(node: SyntaxNode, stdin: StdinSource): void {
    let piped = false;
    for (const child of node.children) {
      if (PIPES.has(child.type)) piped = true;
      else if (child.named) this.statement(child, piped ? 'pipe' : stdin);
      else this.unsupported(child);
    }
  }

  private redirected(node: SyntaxNode, stdin: StdinSource): void {
    let body: SyntaxNode | undefined;
    const parsed: ParsedRedirect = { redirects: [], extraArgs: [], trailing: [] };
    for (const child of node.children) {
      if (child.field === 'body' && !body) body = child;
      else if (child.type.endsWith('_redirect')) this.redirect(child, parsed);
      else this.unsupported(child);
    }
    if (!body) {
      // `> file` alone truncates (creates) the file: checked as the write it is.
      this.commands.push({ argv: parsed.extraArgs, redirects: parsed.redirects, stdin });
      for (const t of parsed.trailing) this.statement(t, stdin);
      return;
    }
    const bodyStdin = stdinAfter(parsed.redirects, stdin);
    if (body.type === 'command') this.command(body, bodyStdin, parsed.redirects, parsed.extraArgs);
    else {
      if (parsed.extraArgs.length > 0) {
        this.reasons.deny(
          'unparsed-text',
          `words after a redirection of a group: ${quote(this.text(node), 60)}`,
        );
      }
      this.statement(body, bodyStdin);
      this.groupRedirects.push(...parsed.redirects);
    }
    for (const t of parsed.trailing) this.statement(t, stdin);
  }

  private command(node: SyntaxNode, stdin: StdinSource, outer: Redirect[], extraArgs: ShellWord[]): void {
    const argv: ShellWord[] = [];
    const parsed: ParsedRedirect = { redirects: [], extraArgs: [], trailing: [] };
    let complete = true;
    for (const child of node.children) {
      if (child.type === 'command_name') {
        const inner = child.children.length === 1 ? child.children[0]! : child;
        const word = wordFromNode(inner, this.source, this.reasons);
        if (word) argv.push(word);
        else complete = false;
      } else if (child.type === 'variable_assignment') {
        this.reasons.deny(
          'variable-assignment',
          `leading assignment ${quote(this.text(child), 60)} changes the command's environment (LD_PRELOAD, PAGER, GIT_*…)`,
        );
        complete = false;
      } else if (child.type.endsWith('_redirect')) {
        this.redirect(child, parsed);
      } else if (child.field === 'argument') {
        const word = wordFromNode(child, this.source, this.reasons);
        if (word) argv.push(word);
        else complete = false;
      } else {
        this.unsupported(child);
        complete = false;
      }
    }
    argv.push(...parsed.extraArgs, ...extraArgs);
    const redirects = [...parsed.redirects, ...outer];
    // Only fully literal commands are checked further; whatever made one non-literal is reported.
    if (complete) this.commands.push({ argv, redirects, stdin: stdinAfter(parsed.redirects, stdin) });
    for (const t of parsed.trailing) this.statement(t, stdin);
  }

  private redirect(node: SyntaxNode, out: ParsedRedirect): void {
    switch (node.type) {
      case 'file_redirect':
        this.fileRedirect(node, out);
        return;
      case 'heredoc_redirect':
        this.heredoc(node, out);
        return;
      case 'herestring_redirect':
        this.herestring(node, out);
        return;
      default:
        this.unsupported(node);
    }
  }

  private fileRedirect(node: SyntaxNode, out: ParsedRedirect): void {
    let operator: string | undefined;
    let fd: number | undefined;
    const targets: ShellWord[] = [];
    let literal = true;
    for (const child of node.children) {
      if (child.type === 'file_descriptor') fd = Number(this.text(child));
      else if (!child.named && operator === undefined) operator = child.type;
      else if (child.field === 'destination') {
        const word = wordFromNode(child, this.source, this.reasons);
        if (word) targets.push(word);
        else literal = false;
      } else this.unsupported(child);
    }
    if (!literal) return;
    const [target, ...extra] = targets;
    out.extraArgs.push(...extra);
    const at = fd === undefined ? {} : { fd };
    if (operator === '>&-' || operator === '<&-') {
      out.redirects.push({ kind: 'dup', operator, ...at });
      return;
    }
    if (!operator || !target) {
      this.unsupported(node);
      return;
    }
    if (operator === '>&' || operator === '<&') {
      if (DESCRIPTOR_TARGET.test(target.value)) out.redirects.push({ kind: 'dup', operator, target, ...at });
      // `>&file` is `&>file`; `<&file` is refused by bash but read-checked all the same.
      else out.redirects.push({ kind: operator === '>&' ? 'write' : 'read', operator, target, ...at });
    } else if (WRITE_OPERATORS.has(operator)) out.redirects.push({ kind: 'write', operator, target, ...at });
    else if (operator === '<') out.redirects.push({ kind: 'read', operator, target, ...at });
    else this.unsupported(node);
  }

  private herestring(node: SyntaxNode, out: ParsedRedirect): void {
    let literal = true;
    let fd: number | undefined;
    for (const child of node.children) {
      if (child.type === 'file_descriptor') fd = Number(this.text(child));
      else if (child.type !== '<<<' && !wordFromNode(child, this.source, this.reasons)) literal = false;
    }
    if (literal) out.redirects.push({ kind: 'here', operator: '<<<', ...(fd === undefined ? {} : { fd }) });
  }

  private heredoc(node: SyntaxNode, out: ParsedRedirect): void {
    let operator = '<<';
    let fd: number | undefined;
    let start: SyntaxNode | undefined;
    let body: SyntaxNode | undefined;
    let end: SyntaxNode | undefined;
    for (const child of node.children) {
      switch (child.type) {
        case '<<':
        case '<<-':
          operator = child.type;
          break;
        case 'heredoc_start':
          start = child;
          break;
        case 'heredoc_body':
          body = child;
          break;
        case 'heredoc_end':
          end = child;
          break;
        case 'file_descriptor':
          fd = Number(this.text(child));
          break;
        case '&&':
        case '||':
          break;
        case 'file_redirect':
        case 'heredoc_redirect':
        case 'herestring_redirect':
          this.redirect(child, out);
          break;
        default:
          // tree-sitter nests the rest of the line in the redirect: `cat <<EOF | sh`, `… && ls`.
          if (child.type === 'pipeline' || child.field === 'right') out.trailing.push(child);
          else this.unsupported(child);
      }
    }
    if (!start || !end) {
      this.unsupported(node);
      return;
    }
    if (this.heredocProblem(operator, start, body, end)) return;
    out.redirects.push({ kind: 'here', operator, ...(fd === undefined ? {} : { fd }) });
  }

  /** Check that bash ends the here-document where tree-sitter does and that its text stays literal. */
  private heredocProblem(
    operator: string,
    start: SyntaxNode,
    body: SyntaxNode | undefined,
    end: SyntaxNode,
  ): boolean {
    const startText = this.text(start);
    const quoted = /['"\\]/.test(startText);
    const delimiter = startText.replace(/['"\\]/g, '');
    const stripTabs = operator === '<<-';
    const s = this.source;
    let lineStart = end.start;
    while (stripTabs && s[lineStart - 1] === '\t') lineStart--;
    const bodyText = body ? s.slice(body.start, lineStart) : '';
    const lines = bodyText.split('\n');
    lines.pop(); // the (empty) remainder before the delimiter line
    const endsEarly = lines.some((line) => (stripTabs ? line.replace(/^\t+/, '') : line) === delimiter);
    if (
      !HEREDOC_DELIMITER.test(delimiter) ||
      this.text(end) !== delimiter ||
      (s[end.end] !== undefined && s[end.end] !== '\n') ||
      s[lineStart - 1] !== '\n' ||
      endsEarly
    ) {
      this.reasons.deny('heredoc', `here-document ${quote(startText)} does not end where bash would end it`);
      return true;
    }
    if (quoted || !body) return false;
    let problem = false;
    for (const child of body.children) {
      if (child.type !== 'heredoc_content') {
        this.unsupported(child);
        problem = true;
      }
    }
    if (!problem && /(^|[^\\])(\\\\)*[$`]/.test(bodyText)) {
      this.reasons.deny(
        'heredoc',
        `here-document ${quote(startText)} expands "$" and "\`"; quote the delimiter (<<'${delimiter}') to pass it literally`,
      );
      problem = true;
    }
    return problem;
  }
}

/** The stdin a command sees after its own redirections: the last one that sets fd 0 wins. */
function stdinAfter(redirects: readonly Redirect[], inherited: StdinSource): StdinSource {
  let stdin = inherited;
  for (const r of redirects) {
    if (r.fd !== undefined && r.fd !== 0) continue;
    if (r.kind === 'here') stdin = 'here';
    else if (r.kind === 'read') stdin = 'inherit';
  }
  return stdin;
}
