import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { canonicalJson } from '../policy/canonical-json.js';
import type { AuditRecord } from './audit-record.js';

// One-shot hashing (Node >= 20.12) skips a Hash object per record: verify runs this per record.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256 = oneShot
  ? (data: string) => oneShot('sha256', data, 'hex')
  : (data: string) => createHash('sha256').update(data).digest('hex');

/** The canonical JSON of a record without its own `hash`: the bytes its hash covers. */
export function recordBody(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...rest } = record;
  return canonicalJson(rest);
}

/** SHA-256 over the previous hash, a newline and a record body. */
export function chainHash(prev: string, body: string): string {
  return sha256(`${prev}\n${body}`);
}

/**
 * The hash of a record: SHA-256 over the previous hash, a newline, and the canonical JSON of the
 * record without its own `hash`. Changing any field, or the order, changes every later hash.
 *
 * @example
 * recordHash({ seq: 1, ts, prev: GENESIS_HASH, kind: 'decision', effect: 'deny' })
 */
export function recordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  return chainHash(record.prev, recordBody(record));
}

// `,"hash":"<64 hex>"}` closes every stored record text.
const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;
const SUFFIX_LENGTH = ',"hash":"'.length + 64 + '"}'.length;

/**
 * The text a store keeps for a record: its body with `"hash"` appended as the last key. Verifying
 * stored text then hashes the stored bytes directly (`hashRecordText`) instead of re-serialising
 * every record, and the hash can be cut off unambiguously because it is always last.
 */
export function recordText(record: AuditRecord): string {
  return sealedTexts.get(record) ?? `${recordBody(record).slice(0, -1)},"hash":"${record.hash}"}`;
}

// Texts of records sealed in this process, so appending serialises each record once.
const sealedTexts = new WeakMap<AuditRecord, string>();

/**
 * Add its hash to a record (the log's last step before storing it). The record must not be
 * mutated afterwards: its stored text is computed here.
 */
export function sealRecord(unhashed: Omit<AuditRecord, 'hash'>): AuditRecord {
  const body = recordBody(unhashed);
  const record: AuditRecord = { ...unhashed, hash: chainHash(unhashed.prev, body) };
  sealedTexts.set(record, `${body.slice(0, -1)},"hash":"${record.hash}"}`);
  return record;
}

/**
 * The hash of a stored record text if its bytes chain to `prev`: the text ends in the hash suffix
 * and SHA-256 over `prev`, a newline and the stored body equals it. No parsing: a match proves
 * the bytes are the ones the writer hashed after `prev` (so its `prev`, and its `seq` as the next
 * number, are the writer's). Undefined means "not proven"; `hashRecordText` then says why.
 */
export function chainedTextHash(text: string, prev: string): string | undefined {
  const suffix = HASH_SUFFIX.exec(text.slice(-SUFFIX_LENGTH));
  if (!suffix) return undefined;
  return chainHash(prev, `${text.slice(0, -SUFFIX_LENGTH)}}`) === suffix[1] ? suffix[1] : undefined;
}

/**
 * Parse a stored record text and check its hash. The stored bytes are hashed first; texts in
 * another layout (written by an older version as plain JSON) are hashed in canonical form, which
 * is what the chain defines. Either way `computed` equals `record.hash` only if the content is
 * what was hashed.
 */
export function hashRecordText(text: string): { record: AuditRecord; computed: string } {
  const record = JSON.parse(text) as AuditRecord;
  if (record === null || typeof record !== 'object' || typeof record.prev !== 'string')
    return { record, computed: '' };
  if (chainedTextHash(text, record.prev) === record.hash) return { record, computed: record.hash };
  return { record, computed: recordHash(record) };
}
