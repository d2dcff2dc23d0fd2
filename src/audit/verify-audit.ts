import type { KeyObject } from 'node:crypto';
import { type AuditCheckpoint, type AuditRecord, GENESIS_HASH } from './audit-record.js';
import { checkpointPayload } from './audit-log.js';
import { chainedTextHash, hashRecordText, recordHash } from './hash-chain.js';
import { keyIdOf, verifyBytes } from './signing-key.js';

export type AuditVerification =
  | { ok: true; records: number; checkpoints: number; head: string }
  | { ok: false; seq: number; problem: string };

/**
 * Verify a log: records numbered 1, 2, 3… without gaps, each chained to the one before and hashing
 * to its stored hash, and every checkpoint signed by `publicKey` over a head that the records
 * reproduce. Modifying, deleting, inserting or reordering a record breaks the chain at that record;
 * truncating the log below a signed checkpoint leaves the checkpoint pointing past the end; records
 * after the last signed checkpoint fail unless `allowUnsignedTail` (a writer still running).
 * Records may be given as objects or as the texts a store keeps (`recordText`); texts are hashed
 * as stored, which is what makes verifying a SQLite log fast.
 *
 * @example
 * const result = verifyAudit(store.records(), store.checkpoints(), publicKey);
 * if (!result.ok) console.error(`tampered at seq ${result.seq}: ${result.problem}`);
 */
export function verifyAudit(
  records: Iterable<AuditRecord | string>,
  checkpoints: readonly AuditCheckpoint[],
  publicKey: KeyObject,
  options: { allowUnsignedTail?: boolean } = {},
): AuditVerification {
  const keyId = keyIdOf(publicKey);
  // Signatures first: an unsigned or foreign checkpoint proves nothing.
  const pinned = new Map<number, string>();
  for (const cp of checkpoints) {
    if (!Number.isInteger(cp.seq) || cp.seq < 1)
      return { ok: false, seq: 0, problem: 'checkpoint for an impossible sequence number' };
    if (cp.keyId !== keyId || !verifyBytes(publicKey, checkpointPayload(cp), cp.signature)) {
      return { ok: false, seq: cp.seq, problem: 'checkpoint signature does not verify with this public key' };
    }
    const known = pinned.get(cp.seq);
    if (known !== undefined && known !== cp.head) {
      return { ok: false, seq: cp.seq, problem: 'two signed checkpoints disagree about this record' };
    }
    pinned.set(cp.seq, cp.head);
  }

  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (const item of records) {
    let record: AuditRecord;
    let computed: string;
    if (typeof item === 'string') {
      const proven = chainedTextHash(item, prev);
      if (proven !== undefined) {
        // Fast path: the stored bytes hash to their stored hash after the previous record's.
        const head = pinned.get(expectedSeq);
        if (head !== undefined && head !== proven)
          return {
            ok: false,
            seq: expectedSeq,
            problem: 'differs from the signed checkpoint (chain rewritten)',
          };
        prev = proven;
        expectedSeq++;
        continue;
      }
      try {
        ({ record, computed } = hashRecordText(item));
      } catch {
        return { ok: false, seq: expectedSeq, problem: 'stored record is not JSON (modified)' };
      }
      if (record === null || typeof record !== 'object')
        return { ok: false, seq: expectedSeq, problem: 'stored record is not an object (modified)' };
    } else {
      record = item;
      computed = recordHash(item);
    }
    if (record.seq !== expectedSeq) {
      return {
        ok: false,
        seq: expectedSeq,
        problem: `expected record ${expectedSeq}, found ${record.seq} (deleted, inserted or reordered)`,
      };
    }
    if (record.prev !== prev)
      return { ok: false, seq: record.seq, problem: 'does not chain to the previous record' };
    if (computed !== record.hash)
      return { ok: false, seq: record.seq, problem: 'content does not match its hash (modified)' };
    const head = pinned.get(record.seq);
    if (head !== undefined && head !== record.hash) {
      return { ok: false, seq: record.seq, problem: 'differs from the signed checkpoint (chain rewritten)' };
    }
    prev = record.hash;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  for (const seq of pinned.keys()) {
    if (seq > last)
      return {
        ok: false,
        seq: last + 1,
        problem: `truncated: a signed checkpoint covers record ${seq}, the log ends at ${last}`,
      };
  }
  // Records after the last signed checkpoint could have been rewritten together with the chain
  // (or had their checkpoints deleted). A closed log always ends with a checkpoint; only a log whose
  // writer is still running may have an unsigned tail, and only when the caller says so.
  const lastSigned = pinned.size === 0 ? 0 : Math.max(...pinned.keys());
  if (last > lastSigned && !options.allowUnsignedTail) {
    return {
      ok: false,
      seq: lastSigned + 1,
      problem: `records ${lastSigned + 1}..${last} are not covered by a signed checkpoint`,
    };
  }
  return { ok: true, records: last, checkpoints: checkpoints.length, head: prev };
}
