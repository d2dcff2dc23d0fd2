import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { canonicalJson, quoteKey } from '../policy/canonical-json.js';
import type { AuditRecord } from './audit-record.js';

// One-shot hashing (Node >= 20.12) skips a Hash object per record: verify runs this per record.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256 = oneShot
  ? (data: string) => oneShot('sha256', data, 'hex')
  : (data: string) => createHash('sha256').update(data).digest('hex');

/**
 * The hash of a record: SHA-256 over the previous hash, a newline, and the canonical JSON of the
 * record without its own `hash`. Changing any field, or the order, changes every later hash.
 *
 * @example
 * recordHash({ seq: 1, ts, prev: GENESIS_HASH, kind: 'decision', effect: 'deny' })
 */
export function recordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  // canonicalJson of the record minus `hash`, without copying the record.
  const keys = Object.keys(record).sort();
  let body = '{';
  let first = true;
  for (const key of keys) {
    if (key === 'hash') continue;
    const v = (record as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    if (!first) body += ',';
    first = false;
    body += `${quoteKey(key)}:${canonicalJson(v)}`;
  }
  return sha256(`${record.prev}\n${body}}`);
}
