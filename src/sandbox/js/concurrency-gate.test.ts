// The gate lets `limit` holders in at once, wakes waiters in order, and lets a waiter give up.
import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from './concurrency-gate.js';

describe('ConcurrencyGate', () => {
  it('admits up to the limit and hands slots over in order', async () => {
    const gate = new ConcurrencyGate(2);
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const c = gate.enter().then((release) => (order.push('c'), release));
    const d = gate.enter().then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
  });

  it('a waiter whose signal aborts leaves the queue', async () => {
    const gate = new ConcurrencyGate(1);
    const release = await gate.enter();
    const controller = new AbortController();
    const waiting = gate.enter(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release();
    const next = await gate.enter();
    next();
  });
});
