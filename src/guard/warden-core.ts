import { type AuditLog } from '../audit/audit-log.js';
import type { AuditEntry } from '../audit/audit-record.js';
import type { Finding } from '../detect/finding.js';
import type { Policy } from '../policy/policy.js';
import type { WardenStore } from '../store/warden-store.js';
import type { ApprovalAnswer, ApprovalBroker, ApprovalCallback, ApprovalRequest } from './approval-broker.js';
import type { AlertRule, EventHub } from './events.js';
import type { KillSwitch } from './kill-switch.js';
import type { Limits } from './limits.js';

/** A detector finding in a tool result, with the path of the string it was found in. */
export interface OutputFinding extends Finding {
  /** Where in the result: `content[0].text`, `items[2].body`; absent for a string result. */
  path?: string;
}

/** The call an output stage sees; stages report what they found by pushing to `findings`. */
export interface OutputCall {
  agent: string;
  session?: string;
  tool: string;
  args: Record<string, unknown>;
  findings: OutputFinding[];
}

/** A stage that sees every tool result: transform it (redact), report findings, or throw to block it. */
export type OutputStage = (result: unknown, call: OutputCall) => unknown | Promise<unknown>;

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
  output(result: unknown, call: OutputCall): Promise<unknown>;
  /** Sessions whose context received prompt injection through a tool result. */
  taint(agent: string, session: string | undefined, tool: string, findings: readonly OutputFinding[]): void;
  isTainted(session: string): boolean;
}
