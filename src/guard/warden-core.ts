import { type AuditLog } from '../audit/audit-log.js';
import type { AuditEntry } from '../audit/audit-record.js';
import type { Policy } from '../policy/policy.js';
import type { WardenStore } from '../store/warden-store.js';
import type { ApprovalAnswer, ApprovalBroker, ApprovalCallback, ApprovalRequest } from './approval-broker.js';
import type { AlertRule, EventHub } from './events.js';
import type { KillSwitch } from './kill-switch.js';
import type { Limits } from './limits.js';

/** A stage that sees every tool result: transform it (redact), or throw to block it. */
export type OutputStage = (
  result: unknown,
  call: { agent: string; tool: string; args: Record<string, unknown> },
) => unknown | Promise<unknown>;

/** The shared runtime behind every guard of one Warden instance. */
export interface WardenCore {
  policy: Policy;
  store: WardenStore;
  auditLog: AuditLog;
  events: EventHub;
  alerts: AlertRule;
  killSwitch: KillSwitch;
  broker: ApprovalBroker;
  limits: Limits;
  outputStages: readonly OutputStage[];
  approve: ApprovalCallback | undefined;
  defaultTimeoutMs: number;
  approvalTimeoutMs: number | undefined;
  now: () => Date;
  /** True once `close()` started: new calls and approval waits are refused. */
  closed(): boolean;
  audit(entry: AuditEntry): void;
  /** Group-committed append: resolves once the record is durable. */
  auditDurable(entry: AuditEntry): Promise<void>;
  violation(agent: string, session: string | undefined, tool: string, rule: string, message: string): void;
  awaitApproval(request: ApprovalRequest, timeoutMs: number): Promise<ApprovalAnswer | undefined>;
  output(
    result: unknown,
    call: { agent: string; tool: string; args: Record<string, unknown> },
  ): Promise<unknown>;
}
