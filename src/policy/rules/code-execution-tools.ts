// Tools that run arbitrary code or shell. A glob such as `*`, `sandbox.*` or `mcp__sandbox__*` never
// grants them: the profile must name the tool literally in `tools.allow`, so nobody hands out code
// execution by accident. Erring towards "code execution" only costs a literal allow entry.

/** Words that mean an interpreter or shell on their own. */
const RUNTIMES = new Set([
  'repl',
  'interpreter',
  'bash',
  'sh',
  'zsh',
  'shell',
  'terminal',
  'powershell',
  'pwsh',
  'python',
  'python3',
  'jupyter',
  'ipython',
  'cmd',
]);
/** Verbs that run something... */
const RUN_VERBS = new Set(['exec', 'execute', 'eval', 'evaluate', 'run', 'spawn', 'invoke']);
/** ...and the things that make "run" mean "run code". */
const CODE_OBJECTS = new Set([
  'code',
  'python',
  'js',
  'javascript',
  'node',
  'ts',
  'typescript',
  'script',
  'shell',
  'command',
  'cmd',
  'bash',
  'sql',
  'cell',
  'terminal',
  'snippet',
  'program',
  'notebook',
  'ruby',
  'perl',
  'lua',
  'php',
]);

/**
 * True for tools that execute code or commands: `code.execute`, `shell.run`, `python.run`,
 * `sandbox.execute_command`, `mcp__sandbox__execute_code`, `run_shell_command`, `python_repl_ast`,
 * `jupyter.execute_cell`, …
 *
 * @example
 * isCodeExecutionTool('code.execute') // true
 * isCodeExecutionTool('fs.read')      // false
 */
export function isCodeExecutionTool(tool: string): boolean {
  // Segments split on every separator MCP clients and gateways use (`.`, `/`, `:`, `__`); words
  // split further on `_`, `-` and camelCase.
  const segments = tool.split(/[./:]|__/).filter(Boolean);
  const family = (segments[0] ?? '').toLowerCase();
  if (segments.length > 1 && ['code', 'shell', 'exec', 'terminal', 'repl'].includes(family)) return true;
  for (const segment of segments) {
    const words = segment
      .split(/[_-]|(?<=[a-z])(?=[A-Z])/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());
    if (words.some((w) => RUNTIMES.has(w))) return true;
    const verb = words.some((w) => RUN_VERBS.has(w));
    if (verb && (words.length === 1 || words.some((w) => CODE_OBJECTS.has(w)))) return true;
  }
  return false;
}
