import type { AuditStore } from '../audit/audit-store.js';

/** What the kill switch covers. */
export type KillScope =
  { kind: 'all' } | { kind: 'agent'; agent: string } | { kind: 'session'; session: string };

export interface KillEntry {
  scope: KillScope;
  reason: string;
  at: string;
}

/** An approval request as stored: bound to one exact call. */
export interface StoredApproval {
  id: string;
  agent: string;
  session?: string;
  principal?: string;
  tool: string;
  argsDigest: string;
  policyVersion: string;
  /** The rule that asked (e.g. `approval.require[0]`). */
  rule: string;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'approved' | 'denied' | 'used' | 'expired';
  reason?: string;
  /** HMAC over the binding fields: a request cannot be altered in the store unnoticed. */
  mac: string;
  /** HMAC over the request id and binding plus "grant": present once approved. */
  grant?: string;
  /** Redacted arguments, so a human sees what they approve. */
  args?: unknown;
}

/**
 * Everything Warden persists, behind one interface: memory for tests and single processes, SQLite
 * as the embedded default (shared by processes on one host), Postgres/Redis later. Every method
 * is atomic: two processes consuming the last unit of a limit cannot both succeed.
 */
export interface WardenStore {
  readonly audit: AuditStore;
  /** Add `amount` to counter `key` unless that would pass `cap`; returns whether it was added. */
  consume(key: string, amount: number, cap: number): { ok: boolean; used: number };
  /** Current value of a counter (0 when absent). */
  counter(key: string): number;
  /** Add to a counter without a cap (usage reports). */
  add(key: string, amount: number): number;
  /** Token bucket: take one token from `key` (capacity `burst`, refilled at `perMs` per token). */
  takeToken(
    key: string,
    burst: number,
    refillMsPerToken: number,
    nowMs: number,
  ): { ok: boolean; retryAfterMs: number };
  setKill(entry: KillEntry): void;
  clearKill(scope: KillScope): boolean;
  kills(): KillEntry[];
  putApproval(approval: StoredApproval): void;
  getApproval(id: string): StoredApproval | undefined;
  listApprovals(status?: StoredApproval['status']): StoredApproval[];
  /** Move a pending approval to approved/denied/expired; false when it was not pending. */
  resolveApproval(
    id: string,
    status: 'approved' | 'denied' | 'expired',
    reason: string | undefined,
    grant?: string,
  ): boolean;
  /** Mark an approved request used; true only for the first caller (single use). */
  useApproval(id: string): boolean;
  close(): void;
}

export function killScopeKey(scope: KillScope): string {
  return scope.kind === 'all'
    ? 'all'
    : scope.kind === 'agent'
      ? `agent:${scope.agent}`
      : `session:${scope.session}`;
}
