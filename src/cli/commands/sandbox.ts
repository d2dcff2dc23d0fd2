import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../config/units.js';
import { WardenError } from '../../errors/warden-error.js';
import { SandboxError } from '../../sandbox/sandbox-error.js';
import { SandboxUnavailableError } from '../../sandbox/process/sandbox-unavailable-error.js';
import type { SandboxLimits } from '../../sandbox/process/sandbox-spec.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

/** Exit codes of `warden sandbox run` when the sandbox, not the command, ended the run. */
export const SANDBOX_EXIT = { timeout: 124, violation: 125, unavailable: 126 } as const;

export const SANDBOX_HELP = `Usage:
  warden sandbox run [--read DIR]... [--write DIR]... [--allow-host HOST]... [--env NAME[=VALUE]]...
                     [--cwd DIR] [--memory 1G] [--cpu 30s] [--timeout 30s] [--max-procs 64]
                     [--file-size 64M] [--open-files 256] [--tmp-size 64M] [--output 1M] -- CMD [ARGS...]
  warden sandbox js [--timeout 1s] [--memory 64M] [FILE|-]

run: run CMD inside bubblewrap (new user, pid, net, ipc, uts and mount namespaces; seccomp filter;
no capabilities; private /tmp; only the given directories; a cleared environment). Without
--allow-host there is no network; with it, only those hosts, through Warden's egress proxy.
  --read DIR          mount DIR read-only (repeatable)
  --write DIR         mount DIR read-write (repeatable)
  --allow-host HOST   allow egress to HOST (repeatable; as in network.allow)
  --env NAME[=VALUE]  pass NAME from this environment, or set it (repeatable)
  --cwd DIR           working directory (inside a --read/--write directory; default: the
                      current one when it is mounted, else the first --write, else /tmp)
  --memory SIZE       address space per process (K, M, G)
  --cpu DURATION      CPU time
  --timeout DURATION  wall-clock time; the whole process tree is killed
  --max-procs N       processes and threads at once
  --file-size SIZE    largest file written;  --open-files N;  --tmp-size SIZE;  --output SIZE

js: run a JavaScript file (or standard input) in a fresh V8 isolate (isolated-vm) inside the
process sandbox; the script's completion value, awaited if a promise, is the result. Prints
{"ok": true, "result": ...} or {"ok": false, "error": "..."}.

Exit codes (run): the command's own exit code when it ran to the end;
  124 the wall-clock timeout killed it; 125 another limit or rule stopped it (the one-line error
  names which: cpu-time, memory, process-limit, file-size, open-files, output-limit, denied-path,
  denied-host); 126 no sandbox can be made on this host (nothing ran); 2 bad options.
Exit codes (js): 0 ok, 1 the script threw or hit a limit, 2 bad options, 126 no sandbox.
`;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `256M` → bytes. */
export function parseSize(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw usageError(`${option}: "${value}" is not a size (e.g. 512K, 256M, 1G)`);
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
}

function parseMs(value: string, option: string): number {
  try {
    return parseDuration(value);
  } catch {
    throw usageError(`${option}: "${value}" is not a duration (e.g. 500ms, 10s, 2m)`);
  }
}

function parseCount(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`${option}: "${value}" is not a whole number`);
  return Number(value);
}

/** `warden sandbox run|js`. */
export async function sandbox(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(SANDBOX_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  if (sub === 'run') return sandboxRun(rest, io);
  if (sub === 'js') return sandboxJs(rest, io);
  throw usageError(`unknown subcommand "${sub}"\n\n${SANDBOX_HELP}`);
}

async function sandboxRun(argv: string[], io: CliIo): Promise<number> {
  const split = argv.indexOf('--');
  const options = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  let v;
  try {
    v = parseArgs({
      args: options,
      strict: true,
      options: {
        read: { type: 'string', multiple: true },
        write: { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        cwd: { type: 'string' },
        memory: { type: 'string' },
        cpu: { type: 'string' },
        timeout: { type: 'string' },
        'max-procs': { type: 'string' },
        'file-size': { type: 'string' },
        'open-files': { type: 'string' },
        'tmp-size': { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${SANDBOX_HELP}`);
  }
  if (v.help) {
    io.stdout(SANDBOX_HELP);
    return EXIT.ok;
  }
  if (command.length === 0) throw usageError(`give the command after "--"\n\n${SANDBOX_HELP}`);
  const limits: SandboxLimits = {};
  if (v.memory !== undefined) limits.memoryBytes = parseSize(v.memory, '--memory');
  if (v.cpu !== undefined) limits.cpuSeconds = Math.max(1, Math.ceil(parseMs(v.cpu, '--cpu') / 1000));
  if (v.timeout !== undefined) limits.timeoutMs = parseMs(v.timeout, '--timeout');
  if (v['max-procs'] !== undefined) limits.maxProcesses = parseCount(v['max-procs'], '--max-procs');
  if (v['file-size'] !== undefined) limits.fileSizeBytes = parseSize(v['file-size'], '--file-size');
  if (v['open-files'] !== undefined) limits.openFiles = parseCount(v['open-files'], '--open-files');
  if (v['tmp-size'] !== undefined) limits.tmpBytes = parseSize(v['tmp-size'], '--tmp-size');
  if (v.output !== undefined) limits.outputBytes = parseSize(v.output, '--output');
  const env: Record<string, string> = {};
  for (const entry of v.env ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    else {
      const value = io.env[entry];
      if (value === undefined) throw usageError(`--env ${entry}: not set in this environment`);
      env[entry] = value;
    }
  }
  const abs = (p: string) => resolve(io.cwd, p);
  const mounted = [...(v.read ?? []), ...(v.write ?? [])].map(abs);
  // Like any command: it starts where you are, when that directory is mounted.
  const cwd =
    v.cwd !== undefined
      ? abs(v.cwd)
      : mounted.some((m) => io.cwd === m || io.cwd.startsWith(`${m}/`))
        ? io.cwd
        : undefined;
  const { runSandboxed } = await import('../../sandbox/process/run-sandboxed.js');
  try {
    const result = await runSandboxed({
      command,
      read: (v.read ?? []).map(abs),
      write: (v.write ?? []).map(abs),
      env,
      limits,
      ...(cwd !== undefined ? { cwd } : {}),
      ...(v['allow-host'] ? { network: { allow: v['allow-host'] } } : {}),
    });
    io.stdout(result.stdout);
    io.stderr(result.stderr);
    for (const d of result.deniedHosts)
      io.stderr(`warden sandbox: egress to ${d.host}:${d.port} refused (${d.reason})\n`);
    return result.exitCode;
  } catch (error) {
    if (SandboxError.isInstance(error)) {
      io.stderr(`warden sandbox: ${error.reason}: ${error.message}\n`);
      return error.reason === 'timeout' ? SANDBOX_EXIT.timeout : SANDBOX_EXIT.violation;
    }
    if (SandboxUnavailableError.isInstance(error)) {
      io.stderr(`warden sandbox: unavailable (${error.requirement}): ${error.message}\n`);
      return SANDBOX_EXIT.unavailable;
    }
    throw error;
  }
}

async function sandboxJs(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        timeout: { type: 'string' },
        memory: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${SANDBOX_HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(SANDBOX_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) throw usageError('give at most one FILE');
  const file = parsed.positionals[0];
  let code: string;
  try {
    code =
      file === undefined || file === '-'
        ? readFileSync(0, 'utf8')
        : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw usageError(`${file ?? '-'}: cannot read (${(error as { code?: string }).code ?? 'error'})`);
  }
  const timeoutMs = v.timeout === undefined ? 1000 : parseMs(v.timeout, '--timeout');
  const memoryMb = v.memory === undefined ? 64 : Math.floor(parseSize(v.memory, '--memory') / 1024 ** 2);
  const { runJs } = await import('../../sandbox/js/index.js');
  try {
    const result = await runJs(code, { timeoutMs, memoryMb, mode: 'script' });
    io.stdout(`${JSON.stringify({ ok: true, result: result.value ?? null })}\n`);
    return EXIT.ok;
  } catch (error) {
    if (SandboxUnavailableError.isInstance(error)) {
      io.stderr(`warden sandbox: unavailable (${error.requirement}): ${error.message}\n`);
      return SANDBOX_EXIT.unavailable;
    }
    if (WardenError.isInstance(error) && !SandboxError.isInstance(error)) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stdout(`${JSON.stringify({ ok: false, error: message })}\n`);
    return EXIT.findings;
  }
}
