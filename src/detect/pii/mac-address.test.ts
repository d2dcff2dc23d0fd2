import { describe, expect, it } from 'vitest';
import { findMacAddresses } from './mac-address.js';

const spans = (text: string) => findMacAddresses(text).map((m) => text.slice(m.start, m.end));

describe('findMacAddresses', () => {
  it('finds colon, dash and Cisco forms', () => {
    expect(spans('MAC 00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e and 001a.2b3c.4d5e')).toEqual([
      '00:1A:2B:3C:4D:5E',
      '00-1a-2b-3c-4d-5e',
      '001a.2b3c.4d5e',
    ]);
  });

  it('rejects mixed separators, short forms, broadcast and all-zero', () => {
    expect(spans('10:2F:33-AC-29-C3 00:1A:2B:3C:4D FF:FF:FF:FF:FF:FF 00:00:00:00:00:00')).toEqual([]);
  });
});
