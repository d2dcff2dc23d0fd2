import type { Effect, Reason } from '../policy/decision.js';

/** What happened. Every stage of the guard pipeline appends one of these. */
export type AuditKind =
  | 'decision'
  | 'approval.requested'
  | 'approval.resolved'
  | 'execution'
  | 'egress'
  | 'limit'
  | 'kill'
  | 'revive'
  | 'config.load';

/** The fields a caller supplies; the log adds sequence, time and hashes. */
export interface AuditEntry {
  kind: AuditKind;
  agent?: string;
  principal?: string;
  session?: string;
  tool?: string;
  /** SHA-256 of the canonical JSON of the arguments: approvals and records bind to it. */
  argsDigest?: string;
  /** Arguments with secrets redacted; never the raw values of secret-looking fields. */
  args?: unknown;
  effect?: Effect;
  reasons?: Reason[];
  /** Kind-specific details (outcome of an execution, limit name, kill scope, …). */
  data?: Record<string, unknown>;
}

/** A record as stored: the entry plus its place in the hash chain. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  /** ISO 8601 time of the append. */
  ts: string;
  /** Hash of the previous record (64 zeros for the first). */
  prev: string;
  /** SHA-256 over `prev` and the canonical JSON of every other field. */
  hash: string;
}

/** A signed statement that the chain had `head` as the hash of record `seq`. */
export interface AuditCheckpoint {
  seq: number;
  head: string;
  ts: string;
  /** Ed25519 signature (base64) over the canonical JSON of `{ seq, head, ts }`. */
  signature: string;
  /** SHA-256 fingerprint of the public key that signed it. */
  keyId: string;
}

export const GENESIS_HASH = '0'.repeat(64);
