import type { AuditCheckpoint, AuditRecord } from '../audit-record.js';
import type { AuditStore } from '../audit-store.js';

/** An in-process store for tests and short-lived tools. Not durable across processes. */
export class MemoryAuditStore implements AuditStore {
  readonly recordList: AuditRecord[] = [];
  readonly checkpointList: AuditCheckpoint[] = [];

  append(records: readonly AuditRecord[]): void {
    for (const r of records) this.recordList.push(structuredClone(r));
  }
  appendCheckpoint(checkpoint: AuditCheckpoint): void {
    this.checkpointList.push({ ...checkpoint });
  }
  last(): AuditRecord | undefined {
    return this.recordList.at(-1);
  }
  records(): Iterable<AuditRecord> {
    return this.recordList;
  }
  checkpoints(): AuditCheckpoint[] {
    return [...this.checkpointList];
  }
  close(): void {}
}
