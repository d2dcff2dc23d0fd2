import { describe, expect, it } from 'vitest';
import { inReservedSpace, specialHostKind } from './special-hosts.js';

describe('specialHostKind', () => {
  it('classifies metadata and reserved names', () => {
    expect(specialHostKind('metadata.google.internal')).toBe('metadata');
    expect(specialHostKind('instance-data')).toBe('metadata');
    expect(specialHostKind('localhost')).toBe('reserved');
    expect(specialHostKind('a.b.localhost')).toBe('reserved');
    expect(specialHostKind('localhost.localdomain')).toBe('reserved');
    expect(specialHostKind('svc.internal')).toBe('reserved');
    expect(specialHostKind('nas.home.arpa')).toBe('reserved');
  });

  it('does not match look-alike public names', () => {
    for (const host of [
      'notlocalhost',
      'localhost.com',
      'internal.example.com',
      'myinternal',
      'home.arpa.evil.com',
    ]) {
      expect(specialHostKind(host)).toBeUndefined();
    }
    expect(inReservedSpace('xinternal')).toBe(false);
  });
});
