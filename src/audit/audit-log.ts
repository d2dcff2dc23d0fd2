import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../policy/canonical-json.js';
import { type AuditCheckpoint, type AuditEntry, type AuditRecord, GENESIS_HASH } from './audit-record.js';
import type { AuditStore } from './audit-store.js';
import { recordHash } from './hash-chain.js';
import { type SigningKey, signBytes } from './signing-key.js';

export interface AuditLogOptions {
  store: AuditStore;
  key: SigningKey;
  /** Sign a checkpoint after this many records (default 1000)… */
  checkpointEvery?: number;
  /** …or when this many milliseconds have passed since the last one (default 10 s). */
  checkpointIntervalMs?: number;
  now?: () => Date;
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
  }

  /** Append one record durably and return it. Throws when the store cannot write (fail closed). */
  append(entry: AuditEntry): AuditRecord {
    const ts = this.now();
    const build = (seq: number, prev: string): AuditRecord => {
      const body = { ...entry, seq, ts: ts.toISOString(), prev };
      return { ...body, hash: recordHash(body) };
    };
    const store = this.options.store;
    const record = store.appendNext
      ? store.appendNext((last) => build((last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH))
      : build(this.seq + 1, this.head);
    if (!store.appendNext) store.append([record]);
    this.seq = record.seq;
    this.head = record.hash;
    this.sinceCheckpoint++;
    if (this.sinceCheckpoint >= this.every || ts.getTime() - this.lastCheckpointAt >= this.intervalMs)
      this.checkpoint();
    return record;
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
    if (this.sinceCheckpoint > 0) this.checkpoint();
    this.options.store.close();
  }
}
