// Tools that run arbitrary code or shell. A glob such as `*` or `sandbox.*` never grants them: the
// profile must name the tool literally in `tools.allow`, so nobody hands out code execution by accident.
const CODE_EXECUTION_NAME =
  /^(exec|execute|eval|evaluate|run|repl|interpreter|python|python3|node|bash|sh|shell|terminal|powershell|(run|exec|execute|eval)[_-]?(code|python|js|javascript|script|shell|command|cmd|bash|terminal|sql)|(code|shell|command|terminal|bash)[_-]?(exec|execute|run|eval)|run[_-]?terminal[_-]?(cmd|command))$/i;

/**
 * True for tools that execute code or commands: `code.execute`, `shell.run`, `python.run`,
 * `sandbox.execute_command`, `run_python`, …
 *
 * @example
 * isCodeExecutionTool('code.execute') // true
 * isCodeExecutionTool('fs.read')      // false
 */
export function isCodeExecutionTool(tool: string): boolean {
  const segments = tool.split(/[./:]/);
  const last = segments.at(-1) ?? '';
  if (CODE_EXECUTION_NAME.test(last)) return true;
  // `code.*`, `shell.*`, `exec.*` families.
  const first = (segments[0] ?? '').toLowerCase();
  return (
    segments.length > 1 && (first === 'code' || first === 'shell' || first === 'exec' || first === 'terminal')
  );
}
