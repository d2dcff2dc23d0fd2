import Database from 'better-sqlite3';
import type { AuditCheckpoint, AuditRecord } from '../audit/audit-record.js';
import type { AuditStore } from '../audit/audit-store.js';
import { recordText } from '../audit/hash-chain.js';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import {
  type KillEntry,
  type KillScope,
  killScopeKey,
  type StoredApproval,
  type WardenStore,
} from './warden-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (seq INTEGER PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, checkpoint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kills (scope TEXT PRIMARY KEY, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS approvals (id TEXT PRIMARY KEY, status TEXT NOT NULL, approval TEXT NOT NULL);
`;

type Row<T> = T | undefined;

/**
 * The embedded default store: one SQLite file (WAL, synchronous=FULL) shared by every process on
 * the host. Each method is one transaction, taken with BEGIN IMMEDIATE where it reads then writes,
 * so limits never overshoot across processes; an audit append is on disk when it returns.
 *
 * @example
 * const store = new SqliteStore('./warden-audit.db');
 */
export class SqliteStore implements WardenStore {
  readonly audit: AuditStore;
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
    } catch (error) {
      throw new WardenError(
        WardenErrorCode.DependencyUnavailable,
        `cannot open SQLite store ${path}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    this.db.pragma('journal_mode = WAL');
    // Acknowledged means durable: every commit is fsync'd.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const db = this.db;

    const insertRecord = db.prepare('INSERT INTO audit_records (seq, record) VALUES (?, ?)');
    const lastRecord = db.prepare('SELECT record FROM audit_records ORDER BY seq DESC LIMIT 1').pluck();
    const allRecords = db.prepare('SELECT record FROM audit_records ORDER BY seq').pluck();
    const insertCheckpoint = db.prepare('INSERT INTO audit_checkpoints (checkpoint) VALUES (?)');
    const allCheckpoints = db.prepare('SELECT checkpoint FROM audit_checkpoints ORDER BY id').pluck();
    const appendNext = db.transaction((build: (last: AuditRecord | undefined) => AuditRecord) => {
      const raw = lastRecord.get() as Row<string>;
      const record = build(raw ? (JSON.parse(raw) as AuditRecord) : undefined);
      insertRecord.run(record.seq, recordText(record));
      return record;
    });
    const appendNextMany = db.transaction(
      (builds: readonly ((last: AuditRecord | undefined) => AuditRecord)[]) => {
        const raw = lastRecord.get() as Row<string>;
        let last = raw ? (JSON.parse(raw) as AuditRecord) : undefined;
        const out: AuditRecord[] = [];
        for (const build of builds) {
          last = build(last);
          insertRecord.run(last.seq, recordText(last));
          out.push(last);
        }
        return out;
      },
    );
    const appendMany = db.transaction((records: readonly AuditRecord[]) => {
      for (const r of records) insertRecord.run(r.seq, recordText(r));
    });

    this.q = this.prepare();
    this.audit = {
      append: (records) => appendMany.immediate(records),
      appendNext: (build) => appendNext.immediate(build),
      appendNextMany: (builds) => appendNextMany.immediate(builds),
      appendCheckpoint: (cp: AuditCheckpoint) => {
        insertCheckpoint.run(JSON.stringify(cp));
      },
      last: () => {
        const raw = lastRecord.get() as Row<string>;
        return raw ? (JSON.parse(raw) as AuditRecord) : undefined;
      },
      records: function* () {
        for (const raw of allRecords.iterate() as Iterable<string>) yield JSON.parse(raw) as AuditRecord;
      },
      recordTexts: () => allRecords.iterate() as Iterable<string>,
      checkpoints: () => (allCheckpoints.all() as string[]).map((raw) => JSON.parse(raw) as AuditCheckpoint),
      close: () => {},
    };
  }

  private q!: ReturnType<SqliteStore['prepare']>;

  /** Statements are prepared once: preparing costs more than running them. */
  private prepare() {
    const db = this.db;
    return {
      getCounter: db.prepare('SELECT value FROM counters WHERE key = ?').pluck(),
      setCounter: db.prepare(
        'INSERT INTO counters (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      getBucket: db.prepare('SELECT tokens, at FROM buckets WHERE key = ?'),
      setBucket: db.prepare(
        'INSERT INTO buckets (key, tokens, at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at',
      ),
      setKill: db.prepare(
        'INSERT INTO kills (scope, entry) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET entry = excluded.entry',
      ),
      clearKill: db.prepare('DELETE FROM kills WHERE scope = ?'),
      kills: db.prepare('SELECT entry FROM kills').pluck(),
      putApproval: db.prepare('INSERT INTO approvals (id, status, approval) VALUES (?, ?, ?)'),
      getApproval: db.prepare('SELECT approval FROM approvals WHERE id = ?').pluck(),
      listApprovals: db.prepare('SELECT approval FROM approvals ORDER BY rowid').pluck(),
      listApprovalsByStatus: db
        .prepare('SELECT approval FROM approvals WHERE status = ? ORDER BY rowid')
        .pluck(),
      updateApproval: db.prepare('UPDATE approvals SET status = ?, approval = ? WHERE id = ?'),
    };
  }

  consume(key: string, amount: number, cap: number): { ok: boolean; used: number } {
    const { getCounter, setCounter } = this.q;
    return this.db
      .transaction(() => {
        const used = (getCounter.get(key) as Row<number>) ?? 0;
        if (used + amount > cap) return { ok: false, used };
        setCounter.run(key, used + amount);
        return { ok: true, used: used + amount };
      })
      .immediate();
  }

  counter(key: string): number {
    return (this.q.getCounter.get(key) as Row<number>) ?? 0;
  }

  add(key: string, amount: number): number {
    const { getCounter, setCounter } = this.q;
    return this.db
      .transaction(() => {
        const next = ((getCounter.get(key) as Row<number>) ?? 0) + amount;
        setCounter.run(key, next);
        return next;
      })
      .immediate();
  }

  takeToken(
    key: string,
    burst: number,
    refillMsPerToken: number,
    nowMs: number,
  ): { ok: boolean; retryAfterMs: number } {
    const { getBucket: get, setBucket: set } = this.q;
    return this.db
      .transaction(() => {
        const row = get.get(key) as Row<{ tokens: number; at: number }>;
        const b = row ?? { tokens: burst, at: nowMs };
        const tokens = Math.min(burst, b.tokens + Math.max(0, nowMs - b.at) / refillMsPerToken);
        if (tokens < 1) {
          set.run(key, tokens, nowMs);
          return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * refillMsPerToken) };
        }
        set.run(key, tokens - 1, nowMs);
        return { ok: true, retryAfterMs: 0 };
      })
      .immediate();
  }

  setKill(entry: KillEntry): void {
    this.q.setKill.run(killScopeKey(entry.scope), JSON.stringify(entry));
  }

  clearKill(scope: KillScope): boolean {
    return this.q.clearKill.run(killScopeKey(scope)).changes > 0;
  }

  kills(): KillEntry[] {
    return (this.q.kills.all() as string[]).map((raw) => JSON.parse(raw) as KillEntry);
  }

  putApproval(approval: StoredApproval): void {
    this.q.putApproval.run(approval.id, approval.status, JSON.stringify(approval));
  }

  getApproval(id: string): StoredApproval | undefined {
    const raw = this.q.getApproval.get(id) as Row<string>;
    return raw ? (JSON.parse(raw) as StoredApproval) : undefined;
  }

  listApprovals(status?: StoredApproval['status']): StoredApproval[] {
    const rows = (status ? this.q.listApprovalsByStatus.all(status) : this.q.listApprovals.all()) as string[];
    return rows.map((raw) => JSON.parse(raw) as StoredApproval);
  }

  resolveApproval(
    id: string,
    status: 'approved' | 'denied' | 'expired',
    reason: string | undefined,
    grant?: string,
  ): boolean {
    return this.db
      .transaction(() => {
        const current = this.getApproval(id);
        if (!current || current.status !== 'pending') return false;
        const next: StoredApproval = {
          ...current,
          status,
          ...(reason !== undefined ? { reason } : {}),
          ...(grant !== undefined ? { grant } : {}),
        };
        this.q.updateApproval.run(status, JSON.stringify(next), id);
        return true;
      })
      .immediate();
  }

  useApproval(id: string): boolean {
    return this.db
      .transaction(() => {
        const current = this.getApproval(id);
        if (!current || current.status !== 'approved') return false;
        this.q.updateApproval.run('used', JSON.stringify({ ...current, status: 'used' }), id);
        return true;
      })
      .immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
