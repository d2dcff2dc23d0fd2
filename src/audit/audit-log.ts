import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../policy/canonical-json.js';
import { type AuditCheckpoint, type AuditEntry, type AuditRecord, GENESIS_HASH } from './audit-record.js';
import type { AuditStore } from './audit-store.js';
import { sealRecord } from './hash-chain.js';
import { type SigningKey, signBytes } from './signing-key.js';

export interface AuditLogOptions {
  store: AuditStore;
  key: SigningKey;
  /** Sign a checkpoint after this many records (default 1000)… */
  checkpointEvery?: number;
  /** …or when this many milliseconds have passed since the last one (default 10 s). */
  checkpointIntervalMs?: number;
  now?: () => Date;
  /** Called when a timed checkpoint fails (the next append or close retries). */
  onError?: (error: unknown) => void;
}

/** The bytes a checkpoint signature covers. */
export function checkpointPayload(cp: Pick<AuditCheckpoint, 'seq' | 'head' | 'ts'>): string {
  return canonicalJson({ seq: cp.seq, head: cp.head, ts: cp.ts });
}

/**
 * The tamper-evident audit log: every append is chained to the previous record by hash and written
 * durably by the store before `append` returns; checkpoints signed with Ed25519 pin the head every
 * N records or T milliseconds. Reopening a store continues its chain.
 *
 * @example
 * const log = new AuditLog({ store: new JsonlAuditStore('audit.jsonl'), key: loadOrCreateKeyFile('audit.key') });
 * log.append({ kind: 'decision', agent: 'researcher', tool: 'fs.read', effect: 'deny', reasons });
 */
export class AuditLog {
  private seq: number;
  private head: string;
  private sinceCheckpoint = 0;
  private lastCheckpointAt: number;
  private readonly every: number;
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: AuditLogOptions) {
    const last = options.store.last();
    this.seq = last?.seq ?? 0;
    this.head = last?.hash ?? GENESIS_HASH;
    this.every = options.checkpointEvery ?? 1000;
    this.intervalMs = options.checkpointIntervalMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.lastCheckpointAt = this.now().getTime();
    // Records appended just before a quiet spell still get signed within the interval.
    this.timer = setInterval(() => {
      if (this.sinceCheckpoint === 0 || this.now().getTime() - this.lastCheckpointAt < this.intervalMs)
        return;
      try {
        this.checkpoint();
      } catch (error) {
        options.onError?.(error);
      }
    }, this.intervalMs);
    this.timer.unref();
  }

  private readonly timer: NodeJS.Timeout;

  /** Append one record durably and return it. Throws when the store cannot write (fail closed). */
  append(entry: AuditEntry): AuditRecord {
    return this.appendAll([entry])[0]!;
  }

  /**
   * Append durably with group commit: entries queued in the same tick are written in one
   * transaction (one fsync), and each promise resolves only once its record is on disk. Concurrent
   * guarded calls share commits; the chain is identical to appending one by one.
   */
  appendDurable(entry: AuditEntry): Promise<AuditRecord> {
    // Stores without batched appends (memory, JSONL) gain nothing from waiting a tick.
    if (!this.options.store.appendNextMany) {
      try {
        return Promise.resolve(this.append(entry));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private readonly queue: {
    entry: AuditEntry;
    resolve: (r: AuditRecord) => void;
    reject: (e: unknown) => void;
  }[] = [];

  private flush(): void {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      const records = this.appendAll(batch.map((b) => b.entry));
      batch.forEach((b, i) => b.resolve(records[i]!));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }

  private appendAll(entries: readonly AuditEntry[]): AuditRecord[] {
    const ts = this.now();
    const iso = ts.toISOString();
    const build = (entry: AuditEntry, seq: number, prev: string): AuditRecord => {
      return sealRecord({ ...entry, seq, ts: iso, prev });
    };
    const store = this.options.store;
    let records: AuditRecord[];
    if (store.appendNextMany) {
      records = store.appendNextMany(
        entries.map(
          (e) => (last: AuditRecord | undefined) =>
            build(e, (last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH),
        ),
      );
    } else if (store.appendNext && entries.length === 1) {
      records = [
        store.appendNext((last) => build(entries[0]!, (last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH)),
      ];
    } else {
      records = [];
      let seq = this.seq;
      let head = this.head;
      for (const e of entries) {
        const r = build(e, seq + 1, head);
        records.push(r);
        seq = r.seq;
        head = r.hash;
      }
      store.append(records);
    }
    const last = records.at(-1)!;
    this.seq = last.seq;
    this.head = last.hash;
    this.sinceCheckpoint += records.length;
    if (this.sinceCheckpoint >= this.every || ts.getTime() - this.lastCheckpointAt >= this.intervalMs)
      this.checkpoint();
    return records;
  }

  /** Sign the current head now (also done on close). Returns undefined for an empty log. */
  checkpoint(): AuditCheckpoint | undefined {
    if (this.options.store.appendNext) {
      // Another process may have appended since: sign what the store holds.
      const last = this.options.store.last();
      this.seq = last?.seq ?? 0;
      this.head = last?.hash ?? GENESIS_HASH;
    }
    if (this.seq === 0) return undefined;
    const ts = this.now();
    const unsigned = { seq: this.seq, head: this.head, ts: ts.toISOString() };
    const cp: AuditCheckpoint = {
      ...unsigned,
      signature: signBytes(this.options.key, checkpointPayload(unsigned)),
      keyId: this.options.key.keyId,
    };
    this.options.store.appendCheckpoint(cp);
    this.sinceCheckpoint = 0;
    this.lastCheckpointAt = ts.getTime();
    return cp;
  }

  get publicKey(): KeyObject {
    return this.options.key.publicKey;
  }

  close(): void {
    clearInterval(this.timer);
    if (this.sinceCheckpoint > 0) this.checkpoint();
    this.options.store.close();
  }
}
