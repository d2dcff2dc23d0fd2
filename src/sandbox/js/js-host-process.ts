// One JS sandbox host process (js-host.mjs) seen from the caller's side: starting it, sending runs,
// and making sure every run ends with an answer or a typed error. The host is forked with
// `process.execPath --no-node-snapshot` (isolated-vm's requirement on Node 20+), an empty environment
// (no NODE_OPTIONS, no secrets), Node's permission model where this Node has one (read access to two
// folders, no child processes, no workers, no writes), and WebAssembly switched off.
//
// A watchdog per run backs up the host's own limits: if the host has not answered `timeoutMs` plus a
// grace period after a run started (or a grace period after an abort), it is killed. If the host
// dies for any reason, every run in it rejects; the sandbox then starts a fresh host for the next run.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { type SandboxLaunch, writeLaunchData } from '../process/sandbox-launch.js';
import { SandboxError } from '../sandbox-error.js';
import {
  type HostOutcome,
  type HostRunMessage,
  type ParentMessage,
  parseHostMessage,
} from './host-protocol.js';
import { sandboxedHostLaunch } from './sandboxed-host.js';

export interface JsHostProcessOptions {
  /** How long the host may take to load isolated-vm and say it is ready (ms). */
  startupTimeoutMs: number;
  /** How long past a run's timeout (or after an abort) the host may stay silent before it is killed (ms). */
  watchdogGraceMs: number;
  /** Start V8 with --jitless: slower guest code, far less JIT attack surface. */
  jitless: boolean;
  /** Use Node's permission model in the host where this Node supports it. */
  nodePermissions: boolean;
  /**
   * Run the host inside the process sandbox (bubblewrap, seccomp, limits). Default true; false only
   * for hosts without bubblewrap where the caller accepts isolated-vm alone (never silently).
   */
  processSandbox?: boolean;
}

/** A run as the host receives it, without the id this class assigns. */
export type HostRunRequest = Omit<HostRunMessage, 'type' | 'id'>;

interface PendingRun {
  resolve: (outcome: HostOutcome) => void;
  reject: (error: unknown) => void;
  /** The caller already has its answer (aborted); the entry only waits for the host to confirm. */
  answered: boolean;
  watchdog: NodeJS.Timeout;
  detach: () => void;
}

const HOST_FILE = fileURLToPath(new URL('./js-host.mjs', import.meta.url));
const STDERR_TAIL_BYTES = 4096;
const OOM_EVIDENCE = /out of memory|\bOOM\b|heap limit|allocation failed|catastrophic/i;

function unavailable(message: string, cause?: unknown): WardenError {
  return new WardenError(
    WardenErrorCode.DependencyUnavailable,
    `JS sandbox host: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

/** The flag that turns on Node's permission model, if this Node has one. */
function permissionFlag(): string | undefined {
  const flags = process.allowedNodeEnvironmentFlags;
  if (flags.has('--permission')) return '--permission';
  if (flags.has('--experimental-permission')) return '--experimental-permission';
  return undefined;
}

function hostArgs(options: JsHostProcessOptions): { execArgv: string[]; ivmEntry: string } {
  if (!existsSync(HOST_FILE)) {
    throw unavailable(
      `${HOST_FILE} is missing; the build must copy src/sandbox/js/*.mjs next to the compiled run-js.js`,
    );
  }
  let ivmEntry: string;
  try {
    ivmEntry = realpathSync(createRequire(import.meta.url).resolve('isolated-vm'));
  } catch (e) {
    throw unavailable('the isolated-vm package cannot be found (npm install isolated-vm)', e);
  }
  const execArgv = ['--no-node-snapshot', '--no-expose-wasm', '--no-warnings'];
  if (options.jitless) execArgv.push('--jitless');
  const permission = options.nodePermissions ? permissionFlag() : undefined;
  if (permission !== undefined) {
    execArgv.push(
      permission,
      `--allow-fs-read=${realpathSync(dirname(HOST_FILE))}${sep}`,
      `--allow-fs-read=${dirname(ivmEntry)}${sep}`,
      '--allow-addons',
    );
  }
  return { execArgv, ivmEntry };
}

/**
 * A running host process. Use `JsHostProcess.start`, then `run` any number of times; `dead` turns
 * true once the process is gone, after which the owner starts a new one.
 *
 * @example
 * const host = JsHostProcess.start({ startupTimeoutMs: 10_000, watchdogGraceMs: 2_000, jitless: false, nodePermissions: true });
 * const outcome = await host.run({ code: 'return 1', timeoutMs: 1000, memoryMb: 64, maxOutputBytes: 1 << 20 });
 */
export class JsHostProcess {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, PendingRun>();
  private nextId = 1;
  private stderrTail = '';
  private isDead = false;
  private starting = true;
  /** Why Warden itself killed the host, for the errors of the runs that die with it. */
  private killedBecause: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly options: JsHostProcessOptions,
    execArgv: string[],
    ivmEntry: string,
    launch: SandboxLaunch | undefined,
  ) {
    this.child = launch
      ? fork(HOST_FILE, [ivmEntry], {
          // bwrap (or the shell that joins the pids cgroup first) runs node inside the sandbox.
          execPath: launch.file,
          execArgv: launch.args,
          env: {},
          cwd: tmpdir(),
          stdio: ['ignore', 'ignore', 'pipe', 'ipc', 'pipe', 'pipe', 'pipe'],
          serialization: 'json',
          ...launch.spawnOptions,
        })
      : fork(HOST_FILE, [ivmEntry], {
          execPath: process.execPath,
          execArgv,
          env: {},
          // Not the package folder: a V8 fatal error may leave a core file in the working directory.
          cwd: tmpdir(),
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          serialization: 'json',
        });
    if (launch) {
      writeLaunchData(this.child, launch);
      const cgroup = launch.cgroup;
      if (cgroup) this.child.once('exit', () => void cgroup.remove());
    }
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    (this.child.stderr as Socket | null)?.unref?.();
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      // 'error' is also how a failed spawn ends (no 'exit' follows); listen with `on`, since an
      // unhandled second 'error' (a failed kill or send) would throw in the caller's process.
      this.child.on('error', () => resolve());
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill('it did not start in time');
        reject(unavailable(`did not become ready within ${options.startupTimeoutMs} ms`));
      }, options.startupTimeoutMs);
      const settle = (error?: WardenError): void => {
        clearTimeout(timer);
        this.starting = false;
        this.updateRef();
        if (error) reject(error);
        else resolve();
      };
      this.child.on('message', (raw: unknown) => {
        const message = parseHostMessage(raw);
        if (message === undefined) {
          this.kill('it sent a malformed message');
          return;
        }
        if (message.type === 'ready') settle();
        else if (message.type === 'fatal') {
          this.kill(message.message);
          settle(unavailable(message.message));
        } else this.finish(message.id, message.outcome);
      });
      this.child.on('error', (error) => {
        // A failed spawn (no pid) ends here; a later error (a failed kill or send) changes nothing.
        if (this.child.pid !== undefined) return;
        this.onExit(null, null);
        settle(unavailable(`could not start: ${error.message}`, error));
      });
      this.child.once('exit', (code, signal) => {
        this.onExit(code, signal);
        if (!this.starting) return;
        // Killed by Warden while starting (the sandbox was closed): the runs waiting get that reason.
        if (this.killedBecause !== undefined) settle(this.deathError(code, signal));
        else settle(unavailable(`exited during startup (${describeExit(code, signal)})${this.stderrNote()}`));
      });
    });
    // A failed start is reported through `run`; never leave this promise unhandled.
    this.ready.catch(() => undefined);
    this.updateRef();
  }

  /**
   * Fork a host process. Throws WardenError `DEPENDENCY_UNAVAILABLE` at once when the host file or
   * isolated-vm is missing; a host that fails later rejects `ready` (and every `run`) the same way.
   *
   * @example
   * const host = await JsHostProcess.start(options); await host.ready;
   */
  static async start(options: JsHostProcessOptions): Promise<JsHostProcess> {
    const { execArgv, ivmEntry } = hostArgs(options);
    const launch =
      options.processSandbox === false ? undefined : await sandboxedHostLaunch(execArgv, HOST_FILE, ivmEntry);
    return new JsHostProcess(options, execArgv, ivmEntry, launch);
  }

  /** True once the process has exited or been killed; it takes no more runs. */
  get dead(): boolean {
    return this.isDead;
  }

  /** Process id of the host, for diagnostics. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Send one run and wait for its outcome. Rejects with SandboxError `killed` when `signal` aborts
   * (the host disposes the isolate) or the host dies, `timeout` when the host overruns the watchdog.
   *
   * @example
   * const outcome = await host.run({ code: 'return input.n * 2', inputJson: '{"n":21}', timeoutMs: 500, memoryMb: 32, maxOutputBytes: 4096 }, signal);
   */
  async run(request: HostRunRequest, signal?: AbortSignal): Promise<HostOutcome> {
    await this.ready;
    if (this.isDead) throw this.deathError();
    if (signal?.aborted) throw abortedError();
    const id = this.nextId++;
    return new Promise<HostOutcome>((resolve, reject) => {
      const onAbort = (): void => {
        const entry = this.pending.get(id);
        if (entry === undefined || entry.answered) return;
        entry.answered = true;
        reject(abortedError());
        this.send({ type: 'abort', id });
        // The host must confirm soon; if it cannot, it is stuck and goes.
        clearTimeout(entry.watchdog);
        entry.watchdog = this.watchdog(id, this.options.watchdogGraceMs);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve,
        reject,
        answered: false,
        watchdog: this.watchdog(id, request.timeoutMs + this.options.watchdogGraceMs),
        detach: () => signal?.removeEventListener('abort', onAbort),
      });
      this.updateRef();
      this.send({ type: 'run', id, ...request });
    });
  }

  /**
   * Stop the host: in-flight runs reject with SandboxError `killed`. Resolves once it has exited.
   *
   * @example
   * await host.close();
   */
  async close(): Promise<void> {
    // An idle host is unref'd; hold the event loop until its exit has been seen.
    if (!this.isDead) this.child.ref();
    this.kill('the JS sandbox was closed');
    await this.exited;
  }

  private watchdog(id: number, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      const entry = this.pending.get(id);
      if (entry === undefined) return;
      this.pending.delete(id);
      entry.detach();
      if (!entry.answered) {
        entry.reject(
          new SandboxError(
            'timeout',
            `the JS sandbox host did not stop a run after ${ms} ms; it was killed`,
            {
              limit: ms,
            },
          ),
        );
      }
      this.kill(`run ${id} overran its watchdog`);
    }, ms);
  }

  private finish(id: number, outcome: HostOutcome): void {
    const entry = this.pending.get(id);
    if (entry === undefined) return;
    this.pending.delete(id);
    clearTimeout(entry.watchdog);
    entry.detach();
    this.updateRef();
    if (!entry.answered) entry.resolve(outcome);
  }

  private send(message: ParentMessage): void {
    if (this.isDead || !this.child.connected) return;
    this.child.send(message, (error) => {
      if (error) this.kill(`the IPC channel failed: ${error.message}`);
    });
  }

  private kill(reason: string): void {
    this.killedBecause ??= reason;
    if (!this.isDead) this.child.kill('SIGKILL');
    this.isDead = true;
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.isDead = true;
    const error = this.deathError(code, signal);
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      clearTimeout(entry.watchdog);
      entry.detach();
      if (!entry.answered) entry.reject(error);
    }
    this.updateRef();
  }

  /**
   * The error for runs that die with the host. The message names no host path (it may reach an
   * agent); the host's stderr goes to `cause`, for operators.
   */
  private deathError(code: number | null = null, signal: NodeJS.Signals | null = null): SandboxError {
    const how = this.killedBecause ?? `it exited unexpectedly (${describeExit(code, signal)})`;
    const cause = { exitCode: code, signal, stderr: this.stderrTail };
    if (OOM_EVIDENCE.test(this.stderrTail)) {
      return new SandboxError('memory', `the JS sandbox host ran out of memory during the run: ${how}`, {
        cause,
      });
    }
    return new SandboxError('killed', `the JS sandbox host stopped during the run: ${how}`, { cause });
  }

  private stderrNote(): string {
    const tail = this.stderrTail.trim();
    return tail === '' ? '' : ` (host stderr: ${tail.slice(-500)})`;
  }

  /** Keep the caller's event loop alive only while the host has work (or is starting). */
  private updateRef(): void {
    const busy = !this.isDead && (this.starting || this.pending.size > 0);
    if (busy) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }
}

function abortedError(): SandboxError {
  return new SandboxError('killed', 'the JS sandbox run was aborted');
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `signal ${signal}`;
  if (code !== null) return `exit code ${code}`;
  return 'no exit status';
}
