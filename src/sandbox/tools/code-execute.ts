// The built-in `code.execute`: JavaScript in a fresh V8 isolate (itself inside the process
// sandbox); Python and sh in the process sandbox with no network and no directories unless given.
// The code travels on stdin (Python, sh) or by copy (JavaScript), never through a shell command line.
import type { JsSandbox } from '../js/run-js.js';
import { runSandboxed, type SandboxNetworkOption } from '../process/run-sandboxed.js';
import type { SandboxLimits } from '../process/sandbox-spec.js';
import type { SandboxEgressEvent } from '../egress/egress-event.js';
import { invalidArgument } from './errors.js';
import type { SandboxToolContext } from './shell-run.js';

export type CodeLanguage = 'javascript' | 'python' | 'sh';

export interface CodeExecuteOptions {
  /** Languages offered (default all three). */
  languages?: readonly CodeLanguage[];
  /** The JS sandbox to run JavaScript in (default: one created on first use). */
  jsSandbox?: JsSandbox;
  /** JavaScript limits per run. */
  js?: { timeoutMs?: number; memoryMb?: number };
  /** Process sandbox for Python and sh. */
  process?: {
    read?: readonly string[];
    write?: readonly string[];
    network?: SandboxNetworkOption;
    limits?: SandboxLimits;
  };
  /** Interpreters (default /usr/bin/python3 and /bin/sh). */
  python?: string;
  sh?: string;
}

export type CodeExecuteArgs = {
  language: string;
  code: string;
  /** JSON input: `input` in JavaScript, the WARDEN_INPUT environment variable (JSON text) elsewhere. */
  input?: unknown;
};

export type CodeExecuteResult =
  | { language: 'javascript'; value: unknown; logs: string[] }
  | { language: 'python' | 'sh'; exitCode: number; stdout: string; stderr: string };

const MAX_INPUT_ENV_BYTES = 64 * 1024;

/**
 * Build `code.execute`. JavaScript runs as an async function body (`return` the result).
 *
 * @example
 * const code = createCodeExecute({ languages: ['javascript', 'python'] });
 * const exec = guard.wrap('code.execute', code['code.execute']);
 * await exec({ language: 'python', code: 'print(sum(range(10)))' }); // { exitCode: 0, stdout: '45\n', ... }
 */
export function createCodeExecute(options: CodeExecuteOptions = {}): {
  'code.execute': (args: CodeExecuteArgs, context?: SandboxToolContext) => Promise<CodeExecuteResult>;
} {
  const languages = new Set(options.languages ?? ['javascript', 'python', 'sh']);
  let js: JsSandbox | undefined = options.jsSandbox;
  return {
    'code.execute': async (args, context = {}) => {
      const language = typeof args?.language === 'string' ? args.language.toLowerCase() : '';
      if (!languages.has(language as CodeLanguage))
        throw invalidArgument('language', `must be one of ${[...languages].join(', ')}`);
      if (typeof args.code !== 'string') throw invalidArgument('code', 'must be a string');
      if (language === 'javascript') {
        if (js === undefined) js = (await import('../js/run-js.js')).createJsSandbox();
        const result = await js.run(args.code, {
          ...(args.input !== undefined ? { input: args.input } : {}),
          ...options.js,
          ...(context.signal ? { signal: context.signal } : {}),
        });
        return { language: 'javascript', value: result.value, logs: result.logs };
      }
      let inputJson: string | undefined;
      if (args.input !== undefined) {
        try {
          inputJson = JSON.stringify(args.input);
        } catch {
          throw invalidArgument('input', 'must be JSON-serializable');
        }
        if (inputJson.length > MAX_INPUT_ENV_BYTES)
          throw invalidArgument('input', `is larger than ${MAX_INPUT_ENV_BYTES} bytes as JSON`);
      }
      const interpreter =
        language === 'python'
          ? [options.python ?? '/usr/bin/python3', '-I', '-']
          : [options.sh ?? '/bin/sh', '-s'];
      const proc = options.process ?? {};
      const report = context.report;
      const result = await runSandboxed({
        command: interpreter,
        stdin: args.code,
        read: proc.read ?? [],
        write: proc.write ?? [],
        ...(proc.limits ? { limits: proc.limits } : {}),
        ...(inputJson !== undefined ? { env: { WARDEN_INPUT: inputJson } } : {}),
        ...(proc.network ? { network: proc.network } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(report ? { onEgress: (e: SandboxEgressEvent) => report({ kind: 'egress', ...e }) } : {}),
      });
      return {
        language: language as 'python' | 'sh',
        exitCode: result.exitCode,
        stdout: result.stdout,
        stderr: result.stderr,
      };
    },
  };
}
