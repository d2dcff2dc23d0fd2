import { describe, expect, it } from 'vitest';
import { isCodeExecutionTool } from './code-execution-tools.js';

describe('isCodeExecutionTool', () => {
  it.each([
    'code.execute',
    'shell.run',
    'python.run',
    'sandbox.execute_command',
    'run_python',
    'mcp/terminal',
    'tools.eval',
    'db.execute_sql',
    'code.anything',
    'mcp__sandbox__execute_code',
    'run_shell_command',
    'execute_shell_command',
    'python_repl_ast',
    'execute_python_code',
    'jupyter.execute_cell',
    'sandbox.executeCode',
    'workflow.run',
  ])('flags %s', (tool) => expect(isCodeExecutionTool(tool)).toBe(true));

  it.each([
    'fs.read',
    'http.fetch',
    'github.create_issue',
    'runbook.list',
    'executive.summary',
    'search',
    'graph.add_node',
    'github.list_runs',
  ])('does not flag %s', (tool) => expect(isCodeExecutionTool(tool)).toBe(false));
});
