// Why: the gateway must remember which exact definition of each upstream tool a person (or
// trust-on-first-use) approved, and which tools it is hiding and why, across restarts. This file
// is the contract plus the in-memory implementation; `sqlite-pin-store.ts` is the durable one.
import type { ToolDefinition, ToolPoisoningType } from '../../detect/tool-poisoning/index.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { canonicalToolJson, fingerprintOfCanonical, type ToolFingerprint } from './tool-fingerprint.js';

/** Why a tool is hidden: its definition moved off its pin, it reads as poisoned, or nobody approved it. */
export type QuarantineReason = 'changed' | 'poisoned' | 'unapproved';

/** A detector finding as stored: type, message and score only, never the matched text. */
export interface FindingSummary {
  type: ToolPoisoningType;
  message: string;
  score: number;
}

/** An approved tool definition of one upstream server. */
export interface Pin {
  server: string;
  tool: string;
  fingerprint: ToolFingerprint;
  /** Canonical JSON of the approved definition, for diffs (`JSON.parse` gives the definition back). */
  definition: string;
  /** ISO 8601. */
  approvedAt: string;
  approvedBy?: string;
  /**
   * Fingerprint of this tool in the latest evaluated listing of its server; absent when the tool
   * was missing from it, the listing was invalidated (`list_changed`, reconnect), or the pin was
   * (re)approved since. Calls are allowed only while it equals `fingerprint`.
   */
  lastSeen?: ToolFingerprint;
  /** ISO 8601 time of the evaluation that set `lastSeen`. */
  lastSeenAt?: string;
}

/** What the gateway saw when it hid a tool. */
export interface QuarantineRecord {
  /** Fingerprint of the observed (hidden) definition. */
  fingerprint: ToolFingerprint;
  /** Canonical JSON of the observed definition. */
  definition: string;
  reason: QuarantineReason;
  findings: FindingSummary[];
  /** ISO 8601. */
  detectedAt: string;
}

/** A quarantine record with the tool it belongs to. */
export interface QuarantinedTool extends QuarantineRecord {
  server: string;
  tool: string;
}

/**
 * Where pins and quarantine records live. Every method is atomic; every failure throws (a store
 * never drops a write silently). Tools are keyed by `(server, tool name)`: the same name on two
 * servers is two independent tools.
 *
 * @example
 * const store: PinStore = new MemoryPinStore();
 * store.approve('github', 'create_issue', tool, 'alice');
 * store.get('github', 'create_issue')?.fingerprint; // 'sha256:…'
 */
export interface PinStore {
  /** The pin of one tool, if approved. */
  get(server: string, tool: string): Pin | undefined;
  /** All pins, or those of one server; ordered by server, then tool. */
  list(server?: string): Pin[];
  /**
   * Pin `definition` (its canonical form) as the approved definition of `server`/`tool`, replacing
   * any earlier pin, and drop the tool's quarantine record, in one transaction. Resets `lastSeen`:
   * the tool becomes callable at the next evaluation of its server's listing. Throws
   * `INVALID_ARGUMENT` when `definition.name` is not `tool`.
   */
  approve(server: string, tool: string, definition: ToolDefinition, by?: string): Pin;
  /** Hide a tool: insert or replace its quarantine record. */
  quarantine(server: string, tool: string, record: QuarantineRecord): void;
  /** The quarantine record of one tool, if hidden. */
  getQuarantine(server: string, tool: string): QuarantinedTool | undefined;
  /** All quarantine records, or those of one server; ordered by server, then tool. */
  listQuarantine(server?: string): QuarantinedTool[];
  /**
   * Drop a quarantine record without approving anything (dismiss): the next evaluation decides
   * afresh, so a changed tool is quarantined again, and an unapproved one is pinned only under
   * trust-on-first-use. Returns whether there was a record. To show the tool, use `approve`.
   */
  release(server: string, tool: string): boolean;
  /** Forget a tool: its pin and its quarantine record. Returns whether anything was removed. */
  revoke(server: string, tool: string): boolean;
  /**
   * Record the fingerprints of a server's latest evaluated listing: every pin of `server` gets
   * `lastSeen = seen.get(tool)`, cleared for tools not in `seen`. One transaction.
   */
  markSeen(server: string, seen: ReadonlyMap<string, ToolFingerprint>): void;
  /**
   * Clear `lastSeen` of every pin of `server`, so no call reaches it until its listing is
   * evaluated again. Call on `notifications/tools/list_changed` and on (re)connect.
   */
  invalidate(server: string): void;
  close(): void;
}

export interface PinStoreOptions {
  /** Clock for `approvedAt` and `lastSeenAt`; defaults to the system clock. */
  now?: () => Date;
}

/** Throws `INVALID_ARGUMENT` unless `value` is a non-empty string. */
export function assertName(value: unknown, what: 'server' | 'tool'): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new WardenError(WardenErrorCode.InvalidArgument, `${what} must be a non-empty string`);
  }
}

/** The canonical text and fingerprint of a definition about to be pinned, checked against its name. */
export function preparePin(
  server: string,
  tool: string,
  definition: ToolDefinition,
): { definition: string; fingerprint: ToolFingerprint } {
  assertName(server, 'server');
  assertName(tool, 'tool');
  const canonical = canonicalToolJson(definition);
  if (definition.name !== tool) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      `cannot pin ${server}/${tool}: the definition is named "${definition.name}"`,
    );
  }
  return { definition: canonical, fingerprint: fingerprintOfCanonical(canonical) };
}

const REASONS: ReadonlySet<string> = new Set<QuarantineReason>(['changed', 'poisoned', 'unapproved']);
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;

/** Throws `INVALID_ARGUMENT` unless `record` is a well-formed quarantine record. */
export function assertQuarantineRecord(server: string, tool: string, record: QuarantineRecord): void {
  assertName(server, 'server');
  assertName(tool, 'tool');
  const bad = (field: string) =>
    new WardenError(WardenErrorCode.InvalidArgument, `quarantine record for ${server}/${tool}: bad ${field}`);
  if (record === null || typeof record !== 'object') throw bad('record');
  if (typeof record.fingerprint !== 'string' || !FINGERPRINT.test(record.fingerprint))
    throw bad('fingerprint');
  if (typeof record.definition !== 'string') throw bad('definition');
  if (!REASONS.has(record.reason)) throw bad('reason');
  if (!Array.isArray(record.findings)) throw bad('findings');
  for (const f of record.findings) {
    if (typeof f?.type !== 'string' || typeof f.message !== 'string' || typeof f.score !== 'number')
      throw bad('findings');
  }
  if (typeof record.detectedAt !== 'string' || Number.isNaN(Date.parse(record.detectedAt)))
    throw bad('detectedAt');
}

const key = (server: string, tool: string) => JSON.stringify([server, tool]);
const byServerTool = (a: { server: string; tool: string }, b: { server: string; tool: string }) =>
  a.server < b.server ? -1 : a.server > b.server ? 1 : a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0;

/**
 * Pins and quarantine records in memory: for tests and for gateways that re-approve on start.
 * Returns copies, so callers cannot change what is stored.
 *
 * @example
 * const store = new MemoryPinStore();
 * const { visible } = evaluateTools('fs', tools, { store, trustOnFirstUse: true });
 */
export class MemoryPinStore implements PinStore {
  private readonly pins = new Map<string, Pin>();
  private readonly held = new Map<string, QuarantinedTool>();
  private readonly now: () => Date;

  constructor(options: PinStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  get(server: string, tool: string): Pin | undefined {
    const pin = this.pins.get(key(server, tool));
    return pin && { ...pin };
  }

  list(server?: string): Pin[] {
    return [...this.pins.values()]
      .filter((p) => server === undefined || p.server === server)
      .map((p) => ({ ...p }))
      .sort(byServerTool);
  }

  approve(server: string, tool: string, definition: ToolDefinition, by?: string): Pin {
    const prepared = preparePin(server, tool, definition);
    const pin: Pin = { server, tool, ...prepared, approvedAt: this.now().toISOString() };
    if (by !== undefined) pin.approvedBy = by;
    this.pins.set(key(server, tool), pin);
    this.held.delete(key(server, tool));
    return { ...pin };
  }

  quarantine(server: string, tool: string, record: QuarantineRecord): void {
    assertQuarantineRecord(server, tool, record);
    this.held.set(key(server, tool), {
      server,
      tool,
      fingerprint: record.fingerprint,
      definition: record.definition,
      reason: record.reason,
      findings: record.findings.map((f) => ({ type: f.type, message: f.message, score: f.score })),
      detectedAt: record.detectedAt,
    });
  }

  getQuarantine(server: string, tool: string): QuarantinedTool | undefined {
    const q = this.held.get(key(server, tool));
    return q && copyQuarantine(q);
  }

  listQuarantine(server?: string): QuarantinedTool[] {
    return [...this.held.values()]
      .filter((q) => server === undefined || q.server === server)
      .map(copyQuarantine)
      .sort(byServerTool);
  }

  release(server: string, tool: string): boolean {
    return this.held.delete(key(server, tool));
  }

  revoke(server: string, tool: string): boolean {
    const a = this.pins.delete(key(server, tool));
    const b = this.held.delete(key(server, tool));
    return a || b;
  }

  markSeen(server: string, seen: ReadonlyMap<string, ToolFingerprint>): void {
    assertName(server, 'server');
    const at = this.now().toISOString();
    for (const pin of this.pins.values()) {
      if (pin.server !== server) continue;
      const fp = seen.get(pin.tool);
      if (fp === undefined) {
        delete pin.lastSeen;
        delete pin.lastSeenAt;
      } else {
        pin.lastSeen = fp;
        pin.lastSeenAt = at;
      }
    }
  }

  invalidate(server: string): void {
    this.markSeen(server, new Map());
  }

  close(): void {}
}

function copyQuarantine(q: QuarantinedTool): QuarantinedTool {
  return { ...q, findings: q.findings.map((f) => ({ ...f })) };
}
