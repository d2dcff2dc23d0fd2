import { describe, expect, it } from 'vitest';
import { embeddedIpv4, isForbiddenAddress } from './forbidden-address.js';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.0.1',
    '192.168.0.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.169.254',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.251',
    '255.255.255.255',
    '240.1.2.3',
    '192.0.0.8',
    '198.51.100.7',
    '::1',
    '[::1]',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:0:10.0.0.1',
    '::10.0.0.1',
    '::8.8.8.8',
    '64:ff9b::192.168.1.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::8.8.8.8',
    '2002:a00:1::1',
    '2002:7f00:1::',
    '2001::1',
    '2001:db8::1',
    '100::1',
  ])('forbids %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '[2a00:1450:4001::200e]',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('allows public %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  it('accepts the other spellings WHATWG accepts', () => {
    for (const ip of ['127.1', '0x7f000001', '2130706433', '017700000001', '0x7f.1', '127.000.000.001']) {
      expect(isForbiddenAddress(ip)).toBe(true);
    }
    expect(isForbiddenAddress('0x08080808')).toBe(false);
  });

  it('fails closed on anything that is not an address', () => {
    for (const junk of [
      '',
      'localhost',
      'example.com',
      '1.2.3.4.5',
      '[::1',
      'fe80::1%25eth0',
      'x'.repeat(100),
    ]) {
      expect(isForbiddenAddress(junk)).toBe(true);
    }
    expect(isForbiddenAddress(42 as unknown as string)).toBe(true);
  });
});

describe('embeddedIpv4', () => {
  it('unwraps mapped, SIIT, compatible, NAT64 and 6to4 forms', () => {
    expect(embeddedIpv4('[::ffff:7f00:1]')).toBe('127.0.0.1');
    expect(embeddedIpv4('[::ffff:0:a00:1]')).toBe('10.0.0.1');
    expect(embeddedIpv4('[::a00:1]')).toBe('10.0.0.1');
    expect(embeddedIpv4('[64:ff9b::808:808]')).toBe('8.8.8.8');
    expect(embeddedIpv4('[2002:c0a8:101::]')).toBe('192.168.1.1');
    expect(embeddedIpv4('[2606:4700::1111]')).toBeUndefined();
    expect(embeddedIpv4('127.0.0.1')).toBeUndefined();
  });
});
