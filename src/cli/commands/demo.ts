import { parseArgs } from 'node:util';
import { runAttackDemo } from '../../demo/attack-demo.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

export const DEMO_HELP = `Usage: warden demo [--policy]

Start the MCP gateway in front of the real filesystem server (sandboxed) and a helper server on a
temporary workspace, let a scripted agent do what a hijacked agent would, print what Warden
decided, redacted and flagged, and verify the audit log. Offline; no model; under a minute.
Needs bubblewrap (apt-get install bubblewrap).

  --policy   instead: show the policy engine deciding the calls an attacker would try (no servers)
`;

/** `warden demo`. */
export async function demo(argv: string[], io: CliIo): Promise<number> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      strict: true,
      options: { policy: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${DEMO_HELP}`);
  }
  if (v.help) {
    io.stdout(DEMO_HELP);
    return EXIT.ok;
  }
  if (v.policy) {
    await runAttackDemo((line) => io.stdout(`${line}\n`));
    return EXIT.ok;
  }
  const { runGatewayDemo } = await import('../../demo/gateway-demo.js');
  const { audit } = await runGatewayDemo((line) => io.stdout(`${line}\n`));
  return audit.ok ? EXIT.ok : EXIT.findings;
}
