import { createHash } from 'node:crypto';
import { canonicalJson } from '../policy/canonical-json.js';
import type { AuditRecord } from './audit-record.js';

/**
 * The hash of a record: SHA-256 over the previous hash, a newline, and the canonical JSON of the
 * record without its own `hash`. Changing any field, or the order, changes every later hash.
 *
 * @example
 * recordHash({ seq: 1, ts, prev: GENESIS_HASH, kind: 'decision', effect: 'deny' })
 */
export function recordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...body } = record;
  return createHash('sha256').update(record.prev).update('\n').update(canonicalJson(body)).digest('hex');
}
