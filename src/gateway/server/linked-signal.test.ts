import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignals } from './linked-signal.js';

describe('linkSignals', () => {
  it('aborts when any source aborts, with its reason', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkSignals([a.signal, undefined, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort('kill switch');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('kill switch');
  });

  it('starts aborted when a source already is', () => {
    const a = new AbortController();
    a.abort('gone');
    expect(linkSignals([a.signal]).signal.reason).toBe('gone');
  });

  it('lets go of long-lived sources once disposed (no listener left behind per call)', () => {
    const session = new AbortController();
    for (let i = 0; i < 1000; i++) linkSignals([session.signal, new AbortController().signal]).dispose();
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });
});
