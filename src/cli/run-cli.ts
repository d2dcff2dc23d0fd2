import { readFileSync } from 'node:fs';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { MAIN_HELP } from './help.js';
import { type CliIo, EXIT } from './usage-error.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Commands load lazily: `warden policy eval` should not pay for what `warden check` imports.
const COMMANDS: Record<string, () => Promise<Command>> = {
  'policy eval': async () => (await import('./commands/policy-eval.js')).policyEval,
  check: async () => (await import('./commands/check.js')).check,
  schema: async () => (await import('./commands/schema.js')).schema,
  demo: async () => (await import('./commands/demo.js')).demo,
  kill: async () => (await import('./commands/kill.js')).killCommand(false),
  revive: async () => (await import('./commands/kill.js')).killCommand(true),
  approvals: async () => (await import('./commands/approvals.js')).approvals,
  audit: async () => (await import('./commands/audit.js')).audit,
  scan: async () => (await import('./commands/scan.js')).scan,
  redact: async () => (await import('./commands/scan.js')).redactCommand,
  sandbox: async () => (await import('./commands/sandbox.js')).sandbox,
  gateway: async () => (await import('./commands/gateway.js')).gatewayCommand,
  keys: async () => (await import('./commands/gateway.js')).keysCommand,
  pins: async () => (await import('./commands/gateway.js')).pinsCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Run the CLI with `argv` (without `node` and the script) and return the exit code.
 *
 * @example
 * const code = await runCli(['policy', 'eval', '--agent', 'a', '--tool', 'fs.read'], io);
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(MAIN_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  let name = first;
  let rest = argv.slice(1);
  if (first === 'policy') {
    if (second === undefined || second === '--help' || second === '-h') {
      io.stdout(
        'Usage: warden policy eval ...\n\nSubcommands:\n  eval   decide tool calls (warden policy eval --help)\n',
      );
      return second === undefined ? EXIT.usage : EXIT.ok;
    }
    name = `policy ${second}`;
    rest = argv.slice(2);
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`warden: unknown command "${name}"\n\n${MAIN_HELP}`);
    return EXIT.usage;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    if (WardenError.isInstance(error)) {
      io.stderr(`warden ${name}: ${error.code}: ${error.message}\n`);
      return error.code === WardenErrorCode.Internal ? EXIT.internal : EXIT.usage;
    }
    io.stderr(
      `warden ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}
