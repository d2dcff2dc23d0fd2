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
  ])('flags %s', (tool) => expect(isCodeExecutionTool(tool)).toBe(true));
  it.each(['fs.read', 'http.fetch', 'github.create_issue', 'runbook.list', 'executive.summary', 'search'])(
    'does not flag %s',
    (tool) => expect(isCodeExecutionTool(tool)).toBe(false),
  );
});
