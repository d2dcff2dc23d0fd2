import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import { ApprovalBroker } from './approval-broker.js';

const secret = Buffer.alloc(32, 7);

function setup(nowMs = 1_000_000) {
  let now = nowMs;
  const store = new MemoryStore();
  const broker = new ApprovalBroker(store, secret, () => new Date(now));
  const request = broker.request({
    agent: 'bot',
    tool: 'fs.write',
    argsDigest: 'a'.repeat(64),
    policyVersion: 'v1',
    rule: 'approval.require[0]',
    timeoutMs: 60_000,
  });
  const call = { agent: 'bot', tool: 'fs.write', argsDigest: 'a'.repeat(64), policyVersion: 'v1' };
  return { store, broker, request, call, advance: (ms: number) => (now += ms) };
}

describe('ApprovalBroker', () => {
  it('redeems an approved grant once for exactly the call it was asked for', () => {
    const { broker, request, call } = setup();
    expect(broker.resolve(request.id, { approved: true })).toBe(true);
    expect(broker.redeem(request.id, call)).toEqual({ ok: true });
    expect(broker.redeem(request.id, call)).toEqual({ ok: false, reason: 'grant already used' });
  });

  it.each([
    ['other arguments', { argsDigest: 'b'.repeat(64) }],
    ['another tool', { tool: 'fs.delete' }],
    ['another agent', { agent: 'other' }],
    ['another policy version', { policyVersion: 'v2' }],
  ])('refuses a grant used for %s', (_label, change) => {
    const { broker, request, call } = setup();
    broker.resolve(request.id, { approved: true });
    expect(broker.redeem(request.id, { ...call, ...change })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('different call'),
    });
  });

  it('refuses an expired grant, and approving after expiry', () => {
    const a = setup();
    a.broker.resolve(a.request.id, { approved: true });
    a.advance(61_000);
    expect(a.broker.redeem(a.request.id, a.call)).toEqual({ ok: false, reason: 'grant expired' });
    const b = setup();
    b.advance(61_000);
    expect(b.broker.resolve(b.request.id, { approved: true })).toBe(false);
    expect(b.store.getApproval(b.request.id)?.status).toBe('expired');
  });

  it('refuses a grant forged in the store and a request altered in the store', () => {
    const a = setup();
    a.store.resolveApproval(a.request.id, 'approved', undefined, 'c'.repeat(64));
    expect(a.broker.redeem(a.request.id, a.call)).toEqual({ ok: false, reason: 'grant is forged' });

    const b = setup();
    const stored = b.store.getApproval(b.request.id)!;
    b.store.putApproval({ ...stored, id: 'x', argsDigest: 'b'.repeat(64) }); // tampered copy, old MAC
    expect(b.broker.resolve('x', { approved: true })).toBe(false);
    expect(b.broker.redeem('x', { ...b.call, argsDigest: 'b'.repeat(64) })).toEqual({
      ok: false,
      reason: 'approval request was altered',
    });
  });

  it('refuses a grant made with another secret (another deployment)', () => {
    const a = setup();
    const foreign = new ApprovalBroker(a.store, Buffer.alloc(32, 9));
    expect(foreign.resolve(a.request.id, { approved: true })).toBe(false);
    a.broker.resolve(a.request.id, { approved: true });
    expect(foreign.redeem(a.request.id, a.call)).toMatchObject({ ok: false });
  });

  it('reports a denial with its reason', () => {
    const { broker, request, call } = setup();
    broker.resolve(request.id, { approved: false, reason: 'too risky' });
    expect(broker.redeem(request.id, call)).toEqual({ ok: false, reason: 'denied: too risky' });
  });
});
