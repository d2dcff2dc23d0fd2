import { describe, expect, it } from 'vitest';
import { findIpAddresses, isIpv6 } from './ip-address.js';

const spans = (text: string) => findIpAddresses(text).map((m) => text.slice(m.start, m.end));

describe('isIpv6', () => {
  it('accepts the RFC 4291 text forms', () => {
    for (const ok of [
      '2001:db8::1',
      '::',
      '::1',
      'fe80::1',
      '2001:db8:0:0:0:0:0:1',
      '::ffff:192.0.2.1',
      '64:ff9b::192.0.2.1',
    ]) {
      expect(isIpv6(ok)).toBe(true);
    }
  });

  it('rejects times, ratios, MACs and double compression', () => {
    for (const bad of [
      '12:34:56',
      '1:2:3:4',
      'aa:bb:cc:dd:ee:ff',
      '2001::db8::1',
      '12345::1',
      ':::',
      '::ffff:256.0.0.1',
    ]) {
      expect(isIpv6(bad)).toBe(false);
    }
  });
});

describe('findIpAddresses', () => {
  it('finds IPv4 with valid octets and exact spans', () => {
    expect(spans('from 192.168.1.1, to 10.0.0.1.')).toEqual(['192.168.1.1', '10.0.0.1']);
    expect(spans('256.1.1.1 and 192.168.1')).toEqual([]);
  });

  it('finds IPv6, bracketed, with a zone, and with an IPv4 tail', () => {
    expect(spans('[2001:db8::1]:8080')).toEqual(['2001:db8::1']);
    expect(spans('gw fe80::1%eth0 up')).toEqual(['fe80::1%eth0']);
    expect(spans('mapped ::ffff:192.0.2.1')).toEqual(['::ffff:192.0.2.1']);
  });

  it('leaves code, times and MAC addresses alone', () => {
    expect(spans('std::cout << MyClass::toString()')).toEqual([]);
    expect(spans('at 12:34:56 the ratio was 1:2:3:4')).toEqual([]);
    expect(spans('MAC aa:bb:cc:dd:ee:ff')).toEqual([]);
  });

  it('gives version numbers low confidence and skips longer dotted runs', () => {
    const [version] = findIpAddresses('upgrade to version 1.2.3.4 now');
    expect(version!.score).toBeLessThan(0.4);
    expect(findIpAddresses('OID 1.3.6.1.4.1')).toEqual([]);
    expect(spans('Version 1.2.3')).toEqual([]);
  });

  it('reports the unspecified address alone at very low confidence', () => {
    const [m] = findIpAddresses('bind to ::');
    expect(m!.score).toBeLessThan(0.2);
  });

  it('survives odd and huge input in linear time', () => {
    expect(findIpAddresses('')).toEqual([]);
    const hex = 'a'.repeat(100_000) + ':' + 'b'.repeat(100_000);
    const t0 = performance.now();
    expect(findIpAddresses(hex)).toEqual([]);
    expect(findIpAddresses(':'.repeat(100_000))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
