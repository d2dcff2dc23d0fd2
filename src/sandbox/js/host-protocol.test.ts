// The caller trusts nothing the host process sends: malformed messages and envelopes are refused.
import { describe, expect, it } from 'vitest';
import { parseGuestEnvelope, parseHostMessage } from './host-protocol.js';

describe('parseHostMessage', () => {
  it('accepts the messages the protocol defines', () => {
    expect(parseHostMessage({ type: 'ready', versions: {} })).toEqual({ type: 'ready' });
    expect(
      parseHostMessage({ type: 'done', id: 3, outcome: { kind: 'violation', reason: 'memory' } }),
    ).toEqual({
      type: 'done',
      id: 3,
      outcome: { kind: 'violation', reason: 'memory' },
    });
  });

  it('refuses anything else', () => {
    for (const raw of [
      null,
      'ready',
      [],
      { type: 'done', id: -1, outcome: { kind: 'internal', message: 'x' } },
      { type: 'done', id: 1, outcome: { kind: 'violation', reason: 'output-limit' } },
      { type: 'done', id: 1, outcome: { kind: 'envelope', envelope: '{}', wallTimeMs: -1, cpuTimeMs: 0 } },
      { type: 'done', id: 1, outcome: { kind: 'ok', value: 1 } },
      { type: 'result', id: 1 },
    ]) {
      expect(parseHostMessage(raw)).toBeUndefined();
    }
  });
});

describe('parseGuestEnvelope', () => {
  it('parses each kind', () => {
    expect(parseGuestEnvelope('{"kind":"ok","valueJson":"[1]","logs":["a"],"logsDropped":0}')).toEqual({
      kind: 'ok',
      valueJson: '[1]',
      logs: ['a'],
      logsDropped: 0,
    });
    expect(parseGuestEnvelope('{"kind":"output-limit","size":9,"logs":[],"logsDropped":2}')?.kind).toBe(
      'output-limit',
    );
    expect(
      parseGuestEnvelope('{"kind":"throw","name":"E","message":"m","stack":"","logs":[],"logsDropped":0}')
        ?.kind,
    ).toBe('throw');
  });

  it('refuses malformed envelopes', () => {
    for (const text of [
      'not json',
      '"ok"',
      '{"kind":"ok","valueJson":1,"logs":[],"logsDropped":0}',
      '{"kind":"ok","valueJson":null,"logs":[1],"logsDropped":0}',
      '{"kind":"ok","valueJson":null,"logs":[],"logsDropped":-1}',
      '{"kind":"throw","name":"E","logs":[],"logsDropped":0}',
      '{"kind":"other","logs":[],"logsDropped":0}',
    ]) {
      expect(parseGuestEnvelope(text)).toBeUndefined();
    }
  });
});
