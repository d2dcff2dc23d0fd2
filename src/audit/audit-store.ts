import type { AuditCheckpoint, AuditRecord } from './audit-record.js';

/**
 * Where audit records live. Implementations must make `append` durable before returning: a record
 * the log acknowledged survives the process being killed. Memory (tests) and JSONL files are here;
 * SQLite and Postgres implement the same interface.
 */
export interface AuditStore {
  append(records: readonly AuditRecord[]): void;
  /**
   * For stores shared by several processes: build the next record from the current last one and
   * insert it in one transaction, so two writers never fork the chain. Stores without it have a
   * single writer, and the log keeps the head in memory.
   */
  appendNext?(build: (last: AuditRecord | undefined) => AuditRecord): AuditRecord;
  /** Several `appendNext` builds in one transaction (one fsync): group commit. */
  appendNextMany?(builds: readonly ((last: AuditRecord | undefined) => AuditRecord)[]): AuditRecord[];
  appendCheckpoint(checkpoint: AuditCheckpoint): void;
  /** The last record, to continue the chain after a restart. */
  last(): AuditRecord | undefined;
  records(): Iterable<AuditRecord>;
  /** The records as stored text (`recordText`), for stores that keep text: verifying hashes it as is. */
  recordTexts?(): Iterable<string>;
  checkpoints(): AuditCheckpoint[];
  close(): void;
}
