import { MemoryAuditStore } from '../audit/stores/memory-store.js';
import {
  type KillEntry,
  type KillScope,
  killScopeKey,
  type StoredApproval,
  type WardenStore,
} from './warden-store.js';

/**
 * The store for tests and single-process use. JavaScript runs one callback at a time, so each
 * method is atomic by construction.
 */
export class MemoryStore implements WardenStore {
  readonly audit = new MemoryAuditStore();
  private readonly counters = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly killMap = new Map<string, KillEntry>();
  private readonly approvals = new Map<string, StoredApproval>();

  consume(key: string, amount: number, cap: number): { ok: boolean; used: number } {
    const used = this.counters.get(key) ?? 0;
    if (used + amount > cap) return { ok: false, used };
    this.counters.set(key, used + amount);
    return { ok: true, used: used + amount };
  }
  counter(key: string): number {
    return this.counters.get(key) ?? 0;
  }
  add(key: string, amount: number): number {
    const next = (this.counters.get(key) ?? 0) + amount;
    this.counters.set(key, next);
    return next;
  }
  takeToken(
    key: string,
    burst: number,
    refillMsPerToken: number,
    nowMs: number,
  ): { ok: boolean; retryAfterMs: number } {
    const b = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    const tokens = Math.min(burst, b.tokens + (nowMs - b.at) / refillMsPerToken);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: nowMs });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * refillMsPerToken) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
    return { ok: true, retryAfterMs: 0 };
  }
  setKill(entry: KillEntry): void {
    this.killMap.set(killScopeKey(entry.scope), { ...entry });
  }
  clearKill(scope: KillScope): boolean {
    return this.killMap.delete(killScopeKey(scope));
  }
  kills(): KillEntry[] {
    return [...this.killMap.values()];
  }
  putApproval(approval: StoredApproval): void {
    this.approvals.set(approval.id, structuredClone(approval));
  }
  getApproval(id: string): StoredApproval | undefined {
    const a = this.approvals.get(id);
    return a && structuredClone(a);
  }
  listApprovals(status?: StoredApproval['status']): StoredApproval[] {
    return [...this.approvals.values()]
      .filter((a) => !status || a.status === status)
      .map((a) => structuredClone(a));
  }
  resolveApproval(
    id: string,
    status: 'approved' | 'denied' | 'expired',
    reason: string | undefined,
    grant?: string,
  ): boolean {
    const a = this.approvals.get(id);
    if (!a || a.status !== 'pending') return false;
    a.status = status;
    if (reason !== undefined) a.reason = reason;
    if (grant !== undefined) a.grant = grant;
    return true;
  }
  useApproval(id: string): boolean {
    const a = this.approvals.get(id);
    if (!a || a.status !== 'approved') return false;
    a.status = 'used';
    return true;
  }
  close(): void {}
}
