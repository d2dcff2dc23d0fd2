import { describe, expect, it } from 'vitest';
import { checkCommand, compileCommandPolicy, initShellParser, isShellParserReady } from './index.js';
import { parseShell } from './shell-parser.js';

// Vitest isolates test files, so the parser starts unloaded here.
describe('initShellParser', () => {
  const scope = { workspace: '/nonexistent', read: [], write: [], deny: [] };

  it('denies every command before the parser is loaded, never allows', () => {
    expect(isShellParserReady()).toBe(false);
    for (const command of ['ls', 'git status', 'ls | sh']) {
      expect(checkCommand(compileCommandPolicy(['ls', 'git status']), command, { scope })).toEqual([
        expect.objectContaining({ rule: 'commands.parser-unavailable', effect: 'deny' }),
      ]);
    }
    expect(() => parseShell('ls')).toThrow(/not initialised/);
  });

  it('loads once, also when called concurrently', async () => {
    const calls = [initShellParser(), initShellParser(), initShellParser()];
    expect(calls[0]).toBe(calls[1]);
    await Promise.all(calls);
    expect(isShellParserReady()).toBe(true);
    await initShellParser();
    expect(parseShell('ls -la').hasError).toBe(false);
    expect(parseShell("ls 'x").hasError).toBe(true);
  });
});
