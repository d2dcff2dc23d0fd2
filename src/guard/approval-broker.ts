import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../policy/canonical-json.js';
import type { StoredApproval, WardenStore } from '../store/warden-store.js';

/** What a human is asked to approve: one exact call. */
export interface ApprovalRequest {
  id: string;
  agent: string;
  session?: string;
  principal?: string;
  tool: string;
  argsDigest: string;
  policyVersion: string;
  rule: string;
  expiresAt: string;
  /** Redacted arguments, for display. */
  args?: unknown;
}

/** A channel's answer. */
export interface ApprovalAnswer {
  approved: boolean;
  reason?: string;
}

/** Programmatic channel: called for every request; return (or resolve) the answer. */
export type ApprovalCallback = (request: ApprovalRequest) => ApprovalAnswer | Promise<ApprovalAnswer>;

const BINDING = [
  'id',
  'agent',
  'session',
  'principal',
  'tool',
  'argsDigest',
  'policyVersion',
  'rule',
  'expiresAt',
] as const;

function binding(a: Pick<StoredApproval, (typeof BINDING)[number]>): string {
  return canonicalJson(Object.fromEntries(BINDING.map((k) => [k, a[k] ?? null])));
}

function equalMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Approval requests and grants, bound to the exact call (agent, tool, argument digest, policy
 * version, expiry) and HMAC-signed, so a grant cannot be forged from client-held state, moved to
 * other arguments, reused, or used after expiry or a policy change.
 */
export class ApprovalBroker {
  constructor(
    private readonly store: WardenStore,
    private readonly secret: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private mac(purpose: 'request' | 'grant', a: Pick<StoredApproval, (typeof BINDING)[number]>): string {
    return createHmac('sha256', this.secret).update(purpose).update('\n').update(binding(a)).digest('hex');
  }

  /** Create and store a pending request. */
  request(fields: Omit<ApprovalRequest, 'id' | 'expiresAt'> & { timeoutMs: number }): ApprovalRequest {
    const { timeoutMs, ...rest } = fields;
    const created = this.now();
    const request: ApprovalRequest = {
      ...rest,
      id: randomUUID(),
      expiresAt: new Date(created.getTime() + timeoutMs).toISOString(),
    };
    const stored: StoredApproval = {
      ...request,
      createdAt: created.toISOString(),
      status: 'pending',
      mac: '',
    };
    stored.mac = this.mac('request', stored);
    this.store.putApproval(stored);
    return request;
  }

  /** Approve or deny a pending request (any channel: callback, CLI, console). */
  resolve(id: string, answer: ApprovalAnswer): boolean {
    const stored = this.store.getApproval(id);
    if (!stored || stored.status !== 'pending' || !equalMac(stored.mac, this.mac('request', stored)))
      return false;
    if (answer.approved && Date.parse(stored.expiresAt) <= this.now().getTime()) {
      this.store.resolveApproval(id, 'expired', 'expired before it was approved');
      return false;
    }
    const status = answer.approved ? 'approved' : 'denied';
    const grant = answer.approved ? this.mac('grant', stored) : undefined;
    return this.store.resolveApproval(id, status, answer.reason, grant);
  }

  /**
   * Redeem an approval for a call: it must be approved, carry a valid grant for exactly this
   * binding, be unexpired, and not used before. Consumes it.
   */
  redeem(
    id: string,
    call: Pick<ApprovalRequest, 'agent' | 'tool' | 'argsDigest' | 'policyVersion'>,
  ): { ok: true } | { ok: false; reason: string } {
    const stored = this.store.getApproval(id);
    if (!stored) return { ok: false, reason: 'no such approval request' };
    if (!equalMac(stored.mac, this.mac('request', stored)))
      return { ok: false, reason: 'approval request was altered' };
    if (stored.status === 'denied')
      return { ok: false, reason: `denied${stored.reason ? `: ${stored.reason}` : ''}` };
    if (stored.status === 'used') return { ok: false, reason: 'grant already used' };
    if (stored.status !== 'approved' || !stored.grant)
      return { ok: false, reason: `not approved (${stored.status})` };
    if (!equalMac(stored.grant, this.mac('grant', stored))) return { ok: false, reason: 'grant is forged' };
    if (
      stored.agent !== call.agent ||
      stored.tool !== call.tool ||
      stored.argsDigest !== call.argsDigest ||
      stored.policyVersion !== call.policyVersion
    ) {
      return {
        ok: false,
        reason: 'grant is for a different call (agent, tool, arguments or policy version)',
      };
    }
    if (Date.parse(stored.expiresAt) <= this.now().getTime()) return { ok: false, reason: 'grant expired' };
    if (!this.store.useApproval(id)) return { ok: false, reason: 'grant already used' };
    return { ok: true };
  }

  get(id: string): StoredApproval | undefined {
    return this.store.getApproval(id);
  }

  pending(): StoredApproval[] {
    return this.store.listApprovals('pending');
  }
}
