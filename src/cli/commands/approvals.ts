import { parseArgs } from 'node:util';
import { AuditLog } from '../../audit/audit-log.js';
import { ApprovalBroker } from '../../guard/approval-broker.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';
import { openRuntimeState } from './runtime-state.js';

export const APPROVALS_HELP = `Usage:
  warden approvals list [--all] [--json] [--config FILE | --db PATH]
  warden approvals approve ID [--reason TEXT] [--config FILE | --db PATH]
  warden approvals deny ID [--reason TEXT] [--config FILE | --db PATH]

Answer approval requests waiting in the shared store. Each request is bound to one exact call
(agent, tool, argument digest, policy version) and expires; a grant works once.
`;

/** `warden approvals`. */
export async function approvals(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        reason: { type: 'string' },
        config: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${APPROVALS_HELP}`);
  }
  const v = parsed.values;
  const [action, id, ...extra] = parsed.positionals;
  if (v.help || !action) {
    io.stdout(APPROVALS_HELP);
    return v.help ? EXIT.ok : EXIT.usage;
  }
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  if (action !== 'list' && action !== 'approve' && action !== 'deny') {
    throw usageError(`unknown action "${action}" (list, approve, deny)`);
  }
  if (action !== 'list' && !id) throw usageError(`missing the request ID: warden approvals ${action} ID`);
  const state = openRuntimeState(v, io);
  try {
    const broker = new ApprovalBroker(state.store, state.approvalSecret);
    if (action === 'list') {
      const list = v.all ? state.store.listApprovals() : broker.pending();
      if (v.json) io.stdout(`${JSON.stringify(list.map(({ mac: _m, grant: _g, ...rest }) => rest))}\n`);
      else if (list.length === 0) io.stdout('no pending approval requests\n');
      else {
        for (const a of list) {
          io.stdout(
            `${a.id}  ${a.status.padEnd(8)} ${a.agent} ${a.tool} ${JSON.stringify(a.args ?? {})}  expires ${a.expiresAt}\n`,
          );
        }
      }
      return EXIT.ok;
    }
    const approved = action === 'approve';
    const ok = broker.resolve(id!, { approved, ...(v.reason ? { reason: v.reason } : {}) });
    if (!ok) {
      const current = state.store.getApproval(id!);
      throw usageError(
        current ? `request ${id} is ${current.status}, not pending` : `no approval request ${id}`,
      );
    }
    const log = new AuditLog({ store: state.store.audit, key: state.key });
    log.append({
      kind: 'approval.resolved',
      effect: approved ? 'allow' : 'deny',
      data: { id, by: 'cli', ...(v.reason ? { reason: v.reason } : {}) },
    });
    log.close();
    io.stdout(`${approved ? 'approved' : 'denied'} ${id}\n`);
    return EXIT.ok;
  } finally {
    state.store.close();
  }
}
