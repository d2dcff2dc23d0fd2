import { runAttackDemo } from '../../demo/attack-demo.js';
import type { CliIo } from '../usage-error.js';
import { EXIT } from '../usage-error.js';

/** `warden demo`. */
export async function demo(_argv: string[], io: CliIo): Promise<number> {
  await runAttackDemo((line) => io.stdout(`${line}\n`));
  return EXIT.ok;
}
