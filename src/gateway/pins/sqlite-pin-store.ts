// Why: pins must survive gateway restarts and be shared by every gateway process on the host,
// otherwise a restart would re-trust (or forget to hide) a tool that changed while it was down.
import Database from 'better-sqlite3';
import type { ToolDefinition } from '../../detect/tool-poisoning/index.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import {
  assertName,
  assertQuarantineRecord,
  type FindingSummary,
  type Pin,
  type PinStore,
  type PinStoreOptions,
  preparePin,
  type QuarantinedTool,
  type QuarantineReason,
  type QuarantineRecord,
} from './pin-store.js';
import type { ToolFingerprint } from './tool-fingerprint.js';

// STRICT tables and CHECKs: a malformed value is an error, never coerced or stored silently.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS warden_tool_pins (
  server TEXT NOT NULL,
  tool TEXT NOT NULL,
  fingerprint TEXT NOT NULL CHECK (fingerprint LIKE 'sha256:%'),
  definition TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  approved_by TEXT,
  last_seen TEXT,
  last_seen_at TEXT,
  PRIMARY KEY (server, tool)
) STRICT;
CREATE TABLE IF NOT EXISTS warden_tool_quarantine (
  server TEXT NOT NULL,
  tool TEXT NOT NULL,
  fingerprint TEXT NOT NULL CHECK (fingerprint LIKE 'sha256:%'),
  definition TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('changed', 'poisoned', 'unapproved')),
  findings TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (server, tool)
) STRICT;
`;

interface PinRow {
  server: string;
  tool: string;
  fingerprint: string;
  definition: string;
  approved_at: string;
  approved_by: string | null;
  last_seen: string | null;
  last_seen_at: string | null;
}

interface QuarantineRow {
  server: string;
  tool: string;
  fingerprint: string;
  definition: string;
  reason: string;
  findings: string;
  detected_at: string;
}

/**
 * Pins and quarantine records in SQLite (tables `warden_tool_pins`, `warden_tool_quarantine`).
 * Opened from a path it opens WAL with synchronous=FULL and a busy timeout, like the main store,
 * and closes it on `close()`; given an open `Database` it only adds its tables and leaves the
 * connection's settings and lifetime to the owner. Each method is one transaction.
 * Throws `DEPENDENCY_UNAVAILABLE` naming the path when the file cannot be opened or is not a
 * database.
 *
 * @example
 * const store = new SqlitePinStore('./warden-pins.db');
 * store.approve('github', 'create_issue', tool, 'alice');
 * store.close();
 */
export class SqlitePinStore implements PinStore {
  /** The database file (`:memory:` for an in-memory database). */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly owned: boolean;
  private readonly now: () => Date;
  private readonly q: ReturnType<typeof prepare>;
  private readonly approveTx: Database.Transaction<(pin: Pin) => void>;
  private readonly markSeenTx: Database.Transaction<
    (server: string, seen: ReadonlyMap<string, ToolFingerprint>, at: string) => void
  >;
  private readonly revokeTx: Database.Transaction<(server: string, tool: string) => boolean>;

  constructor(source: string | Database.Database, options: PinStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.owned = typeof source === 'string';
    this.path = typeof source === 'string' ? source : source.name;
    let db: Database.Database | undefined;
    try {
      db = typeof source === 'string' ? new Database(source) : source;
      if (this.owned) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('busy_timeout = 5000');
      }
      db.exec(SCHEMA);
      this.q = prepare(db);
    } catch (error) {
      if (this.owned && db?.open) db.close();
      throw new WardenError(
        WardenErrorCode.DependencyUnavailable,
        `cannot open pin store ${this.path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.db = db;
    const q = this.q;
    this.approveTx = db.transaction((pin: Pin) => {
      q.upsertPin.run(
        pin.server,
        pin.tool,
        pin.fingerprint,
        pin.definition,
        pin.approvedAt,
        pin.approvedBy ?? null,
      );
      q.deleteQuarantine.run(pin.server, pin.tool);
    });
    this.markSeenTx = db.transaction(
      (server: string, seen: ReadonlyMap<string, ToolFingerprint>, at: string) => {
        for (const tool of q.pinnedTools.all(server) as string[]) {
          const fp = seen.get(tool);
          q.setSeen.run(fp ?? null, fp === undefined ? null : at, server, tool);
        }
      },
    );
    this.revokeTx = db.transaction((server: string, tool: string) => {
      const a = q.deletePin.run(server, tool).changes;
      const b = q.deleteQuarantine.run(server, tool).changes;
      return a + b > 0;
    });
  }

  get(server: string, tool: string): Pin | undefined {
    const row = this.q.getPin.get(server, tool) as PinRow | undefined;
    return row && toPin(row);
  }

  list(server?: string): Pin[] {
    const rows = (server === undefined ? this.q.allPins.all() : this.q.serverPins.all(server)) as PinRow[];
    return rows.map(toPin);
  }

  approve(server: string, tool: string, definition: ToolDefinition, by?: string): Pin {
    const pin: Pin = {
      server,
      tool,
      ...preparePin(server, tool, definition),
      approvedAt: this.now().toISOString(),
    };
    if (by !== undefined) pin.approvedBy = by;
    this.approveTx.immediate(pin);
    return pin;
  }

  quarantine(server: string, tool: string, record: QuarantineRecord): void {
    assertQuarantineRecord(server, tool, record);
    const findings: FindingSummary[] = record.findings.map((f) => ({
      type: f.type,
      message: f.message,
      score: f.score,
    }));
    this.q.upsertQuarantine.run(
      server,
      tool,
      record.fingerprint,
      record.definition,
      record.reason,
      JSON.stringify(findings),
      record.detectedAt,
    );
  }

  getQuarantine(server: string, tool: string): QuarantinedTool | undefined {
    const row = this.q.getQuarantine.get(server, tool) as QuarantineRow | undefined;
    return row && this.toQuarantined(row);
  }

  listQuarantine(server?: string): QuarantinedTool[] {
    const rows = (
      server === undefined ? this.q.allQuarantine.all() : this.q.serverQuarantine.all(server)
    ) as QuarantineRow[];
    return rows.map((r) => this.toQuarantined(r));
  }

  release(server: string, tool: string): boolean {
    return this.q.deleteQuarantine.run(server, tool).changes > 0;
  }

  revoke(server: string, tool: string): boolean {
    return this.revokeTx.immediate(server, tool);
  }

  markSeen(server: string, seen: ReadonlyMap<string, ToolFingerprint>): void {
    assertName(server, 'server');
    this.markSeenTx.immediate(server, seen, this.now().toISOString());
  }

  invalidate(server: string): void {
    assertName(server, 'server');
    this.q.clearSeen.run(server);
  }

  /** Closes the database when this store opened it; a borrowed `Database` stays open. */
  close(): void {
    if (this.owned && this.db.open) this.db.close();
  }

  private toQuarantined(row: QuarantineRow): QuarantinedTool {
    let findings: FindingSummary[];
    try {
      findings = JSON.parse(row.findings) as FindingSummary[];
      if (!Array.isArray(findings)) throw new Error('not an array');
    } catch (error) {
      throw new WardenError(
        WardenErrorCode.Internal,
        `pin store ${this.path}: corrupt findings of quarantined ${row.server}/${row.tool}`,
        { cause: error },
      );
    }
    return {
      server: row.server,
      tool: row.tool,
      fingerprint: row.fingerprint as ToolFingerprint,
      definition: row.definition,
      reason: row.reason as QuarantineReason,
      findings,
      detectedAt: row.detected_at,
    };
  }
}

function toPin(row: PinRow): Pin {
  const pin: Pin = {
    server: row.server,
    tool: row.tool,
    fingerprint: row.fingerprint as ToolFingerprint,
    definition: row.definition,
    approvedAt: row.approved_at,
  };
  if (row.approved_by !== null) pin.approvedBy = row.approved_by;
  if (row.last_seen !== null) pin.lastSeen = row.last_seen as ToolFingerprint;
  if (row.last_seen_at !== null) pin.lastSeenAt = row.last_seen_at;
  return pin;
}

/** Statements are prepared once: preparing costs more than running them. */
function prepare(db: Database.Database) {
  const pinCols = 'server, tool, fingerprint, definition, approved_at, approved_by, last_seen, last_seen_at';
  const qCols = 'server, tool, fingerprint, definition, reason, findings, detected_at';
  return {
    getPin: db.prepare(`SELECT ${pinCols} FROM warden_tool_pins WHERE server = ? AND tool = ?`),
    allPins: db.prepare(`SELECT ${pinCols} FROM warden_tool_pins ORDER BY server, tool`),
    serverPins: db.prepare(`SELECT ${pinCols} FROM warden_tool_pins WHERE server = ? ORDER BY tool`),
    pinnedTools: db.prepare('SELECT tool FROM warden_tool_pins WHERE server = ?').pluck(),
    // A re-approval replaces the definition and resets lastSeen: callable after the next evaluation.
    upsertPin: db.prepare(
      `INSERT INTO warden_tool_pins (server, tool, fingerprint, definition, approved_at, approved_by, last_seen, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)
       ON CONFLICT(server, tool) DO UPDATE SET fingerprint = excluded.fingerprint, definition = excluded.definition,
         approved_at = excluded.approved_at, approved_by = excluded.approved_by, last_seen = NULL, last_seen_at = NULL`,
    ),
    deletePin: db.prepare('DELETE FROM warden_tool_pins WHERE server = ? AND tool = ?'),
    setSeen: db.prepare(
      'UPDATE warden_tool_pins SET last_seen = ?, last_seen_at = ? WHERE server = ? AND tool = ?',
    ),
    clearSeen: db.prepare(
      'UPDATE warden_tool_pins SET last_seen = NULL, last_seen_at = NULL WHERE server = ?',
    ),
    getQuarantine: db.prepare(`SELECT ${qCols} FROM warden_tool_quarantine WHERE server = ? AND tool = ?`),
    allQuarantine: db.prepare(`SELECT ${qCols} FROM warden_tool_quarantine ORDER BY server, tool`),
    serverQuarantine: db.prepare(
      `SELECT ${qCols} FROM warden_tool_quarantine WHERE server = ? ORDER BY tool`,
    ),
    upsertQuarantine: db.prepare(
      `INSERT INTO warden_tool_quarantine (server, tool, fingerprint, definition, reason, findings, detected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(server, tool) DO UPDATE SET fingerprint = excluded.fingerprint, definition = excluded.definition,
         reason = excluded.reason, findings = excluded.findings, detected_at = excluded.detected_at`,
    ),
    deleteQuarantine: db.prepare('DELETE FROM warden_tool_quarantine WHERE server = ? AND tool = ?'),
  };
}
