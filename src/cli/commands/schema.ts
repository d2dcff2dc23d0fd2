import { configJsonSchema } from '../../config/schema.js';
import { SCHEMA_HELP } from '../help.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

/** `warden schema`. */
export async function schema(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(SCHEMA_HELP);
    return EXIT.ok;
  }
  if (argv.length > 0) throw usageError(`unexpected argument "${argv[0]}"\n\n${SCHEMA_HELP}`);
  io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
