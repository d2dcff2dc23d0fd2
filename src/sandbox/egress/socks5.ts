// SOCKS5 wire format (RFC 1928), only the subset the egress proxy speaks: the no-authentication
// method and the CONNECT command. Kept apart from the socket handling so that each message can be
// parsed and tested as plain bytes.
import { isIPv6 } from 'node:net';

export const SOCKS_VERSION = 0x05;
export const METHOD_NO_AUTH = 0x00;
export const METHOD_NONE_ACCEPTABLE = 0xff;

/** Reply codes (RFC 1928 section 6). */
export const SocksReply = {
  Succeeded: 0x00,
  GeneralFailure: 0x01,
  NotAllowed: 0x02,
  NetworkUnreachable: 0x03,
  HostUnreachable: 0x04,
  ConnectionRefused: 0x05,
  TtlExpired: 0x06,
  CommandNotSupported: 0x07,
  AddressTypeNotSupported: 0x08,
} as const;

export const SocksCommand = { Connect: 0x01, Bind: 0x02, UdpAssociate: 0x03 } as const;

const DOMAIN = /^[A-Za-z0-9._-]{1,253}$/;

/**
 * Bytes of the method-selection message, or undefined while it is incomplete.
 *
 * @example
 * greetingLength(Buffer.from([5, 1, 0])) // 3
 * greetingLength(Buffer.from([5, 2, 0])) // undefined (one method byte still missing)
 */
export function greetingLength(buf: Buffer): number | undefined {
  if (buf.length < 2) return undefined;
  const total = 2 + buf[1]!;
  return buf.length >= total ? total : undefined;
}

/** The parsed CONNECT (or other) request; `hostText` is in URL spelling: `[v6]`, dotted IPv4 or a name. */
export type SocksRequest =
  | { ok: true; length: number; command: number; hostText: string; port: number }
  | { ok: false; length: number; reply: number; hostText?: string; port?: number };

/**
 * Parse a SOCKS5 request from the start of `buf`. Returns undefined while incomplete, `ok: false`
 * with the reply code to send when it is malformed or asks for something unsupported.
 *
 * @example
 * parseRequest(Buffer.from([5, 1, 0, 1, 93, 184, 216, 34, 1, 187]))
 * // { ok: true, length: 10, command: 1, hostText: '93.184.216.34', port: 443 }
 */
export function parseRequest(buf: Buffer): SocksRequest | undefined {
  if (buf.length < 5) return undefined;
  const [version, command, reserved, atyp] = [buf[0]!, buf[1]!, buf[2]!, buf[3]!];
  if (version !== SOCKS_VERSION || reserved !== 0x00) {
    return { ok: false, length: buf.length, reply: SocksReply.GeneralFailure };
  }
  let addressEnd: number;
  let hostText: string | undefined;
  if (atyp === 0x01) {
    addressEnd = 4 + 4;
    if (buf.length < addressEnd + 2) return undefined;
    hostText = [...buf.subarray(4, 8)].join('.');
  } else if (atyp === 0x04) {
    addressEnd = 4 + 16;
    if (buf.length < addressEnd + 2) return undefined;
    const words: string[] = [];
    for (let i = 4; i < 20; i += 2) words.push(buf.readUInt16BE(i).toString(16));
    hostText = `[${words.join(':')}]`;
  } else if (atyp === 0x03) {
    const length = buf[4]!;
    addressEnd = 5 + length;
    if (buf.length < addressEnd + 2) return undefined;
    const name = buf.subarray(5, addressEnd).toString('latin1');
    if (DOMAIN.test(name)) hostText = name;
    else if (isIPv6(name) && !name.includes('%')) hostText = `[${name}]`;
  } else {
    return { ok: false, length: buf.length, reply: SocksReply.AddressTypeNotSupported };
  }
  const length = addressEnd + 2;
  const port = buf.readUInt16BE(addressEnd);
  if (hostText === undefined || port === 0) {
    return { ok: false, length, reply: SocksReply.GeneralFailure, ...(hostText ? { hostText } : {}), port };
  }
  if (command !== SocksCommand.Connect) {
    return { ok: false, length, reply: SocksReply.CommandNotSupported, hostText, port };
  }
  return { ok: true, length, command, hostText, port };
}

/**
 * A reply message. The bound address is always reported as 0.0.0.0:0: clients ignore it for
 * CONNECT, and the host's real addresses are none of the sandbox's business.
 *
 * @example
 * reply(SocksReply.NotAllowed) // <Buffer 05 02 00 01 00 00 00 00 00 00>
 */
export function reply(code: number): Buffer {
  return Buffer.from([SOCKS_VERSION, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
}
