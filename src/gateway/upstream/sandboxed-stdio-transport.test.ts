// The real filesystem MCP server from npm, run inside the process sandbox and driven by an SDK
// client: it works, it sees only what was mounted, and it dies with the transport.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxedStdioTransport } from './sandboxed-stdio-transport.js';

const modules = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const serverJs = join(modules, '@modelcontextprotocol/server-filesystem/dist/index.js');
const ws = mkdtempSync(join(tmpdir(), 'warden-mcp-ws-'));
mkdirSync(join(ws, 'docs'));
writeFileSync(join(ws, 'docs', 'hello.txt'), 'hello from the workspace\n');
const secretName = `WARDEN_GATEWAY_TEST_${process.pid}`;

let client: Client;
let transport: SandboxedStdioTransport;
beforeAll(async () => {
  process.env[secretName] = `fake-${Math.random().toString(36).slice(2)}`;
  transport = new SandboxedStdioTransport({
    command: [process.execPath, serverJs, ws],
    read: [modules],
    write: [ws],
    limits: { memoryBytes: 4 * 1024 ** 3 },
  });
  client = new Client({ name: 'warden-test', version: '0.0.0' });
  await client.connect(transport);
}, 30_000);
afterAll(async () => {
  delete process.env[secretName];
  await client.close();
  execFileSync('rm', ['-rf', ws]);
});

/** The process under `root` whose command line contains `marker` (breadth first). */
function descendantRunning(root: number, marker: string): number {
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(marker) && !cmdline.includes('bwrap') && !cmdline.includes('prlimit')) return pid;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (children) queue.push(...children.split(/\s+/).map(Number));
    }
  }
  throw new Error(`no process running ${marker} under ${root}`);
}

const text = (r: unknown) =>
  ((r as { content: { type: string; text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');

describe('a stdio MCP server inside the sandbox', () => {
  it('lists its tools and answers calls on the mounted workspace', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('read_text_file');
    const r = await client.callTool({
      name: 'read_text_file',
      arguments: { path: join(ws, 'docs', 'hello.txt') },
    });
    expect(text(r)).toContain('hello from the workspace');
  });

  it('cannot reach host files even where the server itself would try: they are not mounted', async () => {
    const r = await client.callTool({ name: 'list_allowed_directories', arguments: {} });
    expect(text(r)).toContain(ws);
    // The server refuses paths outside its allowed directory; below that, the sandbox has no /root at all.
    const outside = await client.callTool({ name: 'read_text_file', arguments: { path: '/root/.bashrc' } });
    expect(outside.isError).toBe(true);
  });

  it("does not inherit the gateway's environment", () => {
    const pid = descendantRunning(transport.pid!, 'server-filesystem');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ.some((v) => v.startsWith(`${secretName}=`))).toBe(false);
    expect(
      environ
        .map((v) => v.split('=')[0])
        .filter(Boolean)
        .sort(),
    ).toEqual(['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']);
  });

  it('stops the sandboxed server when the client closes', async () => {
    const pid = transport.pid!;
    await client.close();
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    expect(alive).toBe(false);
  });
});
