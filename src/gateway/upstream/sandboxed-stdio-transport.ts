// The MCP client transport for a stdio server that runs inside the process sandbox. The SDK's own
// StdioClientTransport spawns the server with the caller's environment and no isolation; this one
// speaks the same newline-delimited JSON-RPC over the stdio of a `spawnSandboxed` process.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  type SandboxedProcess,
  spawnSandboxed,
  type SpawnSandboxedOptions,
} from '../../sandbox/process/spawn-sandboxed.js';

/** Most bytes of the server's stderr kept for diagnostics (never forwarded to clients). */
const STDERR_TAIL = 8192;

/**
 * A Transport over a sandboxed process's stdin/stdout.
 *
 * @example
 * const transport = new SandboxedStdioTransport({ command: ['node', 'server.js'], read: ['/srv/app'] });
 * await new Client({ name: 'warden', version: '1' }).connect(transport);
 */
export class SandboxedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private process: SandboxedProcess | undefined;
  private readonly buffer = new ReadBuffer();
  private closed = false;
  private stderrTail = '';

  constructor(private readonly options: SpawnSandboxedOptions) {}

  /** The last bytes the server wrote to stderr. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Host pid of the sandbox launcher, once started. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<void> {
    if (this.process) throw new Error('SandboxedStdioTransport already started');
    const proc = await spawnSandboxed(this.options);
    this.process = proc;
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = this.buffer.readMessage();
        } catch (error) {
          this.onerror?.(error instanceof Error ? error : new Error(String(error)));
          continue;
        }
        if (message === null) break;
        this.onmessage?.(message);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    proc.stdin.on('error', (error) => this.onerror?.(error));
    void proc.exited.then(() => {
      if (this.closed) return;
      this.closed = true;
      this.buffer.clear();
      this.onclose?.();
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const proc = this.process;
    if (!proc || this.closed) return Promise.reject(new Error('the sandboxed server is not running'));
    return new Promise((resolve, reject) => {
      const ok = proc.stdin.write(serializeMessage(message), (error) => (error ? reject(error) : undefined));
      if (ok) resolve();
      else proc.stdin.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    const proc = this.process;
    if (!proc) return;
    const wasClosed = this.closed;
    this.closed = true;
    await proc.stop();
    this.buffer.clear();
    if (!wasClosed) this.onclose?.();
  }
}
