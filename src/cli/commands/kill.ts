import { parseArgs } from 'node:util';
import { AuditLog } from '../../audit/audit-log.js';
import { killScopeKey, type KillScope } from '../../store/warden-store.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';
import { openRuntimeState } from './runtime-state.js';

export const KILL_HELP = `Usage:
  warden kill (--all | --agent NAME | --session ID) --reason TEXT [--config FILE | --db PATH]
  warden revive (--all | --agent NAME | --session ID) [--config FILE | --db PATH]

Trip (or clear) the kill switch in the shared store. Running Wardens on the same store abort the
calls it covers within a second and deny new ones until revived.
`;

function scopeOf(v: { all?: boolean; agent?: string; session?: string }): KillScope {
  const given = [v.all ? 1 : 0, v.agent ? 1 : 0, v.session ? 1 : 0].reduce((a, b) => a + b, 0);
  if (given !== 1) throw usageError(`give exactly one of --all, --agent NAME, --session ID\n\n${KILL_HELP}`);
  if (v.all) return { kind: 'all' };
  return v.agent ? { kind: 'agent', agent: v.agent } : { kind: 'session', session: v.session! };
}

/** `warden kill` and `warden revive`. */
export function killCommand(revive: boolean) {
  return async (argv: string[], io: CliIo): Promise<number> => {
    let v: {
      all?: boolean;
      agent?: string;
      session?: string;
      reason?: string;
      config?: string;
      db?: string;
      help?: boolean;
    };
    try {
      v = parseArgs({
        args: argv,
        strict: true,
        options: {
          all: { type: 'boolean' },
          agent: { type: 'string' },
          session: { type: 'string' },
          reason: { type: 'string' },
          config: { type: 'string' },
          db: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values;
    } catch (error) {
      throw usageError(`${(error as Error).message}\n\n${KILL_HELP}`);
    }
    if (v.help) {
      io.stdout(KILL_HELP);
      return EXIT.ok;
    }
    const scope = scopeOf(v);
    if (!revive && !v.reason) throw usageError('missing --reason TEXT (it is audited)');
    const state = openRuntimeState(v, io);
    try {
      const log = new AuditLog({ store: state.store.audit, key: state.key });
      if (revive) {
        const removed = state.store.clearKill(scope);
        log.append({ kind: 'revive', data: { scope: killScopeKey(scope), by: 'cli' } });
        io.stdout(removed ? `revived ${killScopeKey(scope)}\n` : `${killScopeKey(scope)} was not killed\n`);
      } else {
        state.store.setKill({ scope, reason: v.reason!, at: new Date().toISOString() });
        log.append({ kind: 'kill', data: { scope: killScopeKey(scope), reason: v.reason!, by: 'cli' } });
        io.stdout(`killed ${killScopeKey(scope)}: ${v.reason}\n`);
      }
      log.close();
    } finally {
      state.store.close();
    }
    return EXIT.ok;
  };
}
