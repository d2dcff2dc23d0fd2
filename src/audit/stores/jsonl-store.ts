import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { AuditCheckpoint, AuditRecord } from '../audit-record.js';
import type { AuditStore } from '../audit-store.js';

/** One line of an audit JSONL file: a record or a checkpoint. */
export type AuditLine = ({ type: 'record' } & AuditRecord) | ({ type: 'checkpoint' } & AuditCheckpoint);

/**
 * Parse an audit JSONL file into records and checkpoints, in file order. A line that is not JSON
 * (e.g. half-written by a crash) is reported with its line number.
 */
export function readAuditJsonl(text: string, file: string): AuditLine[] {
  const out: AuditLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new WardenError(WardenErrorCode.InvalidArgument, `${file}:${i + 1}: not a JSON line`);
    }
    const type = (value as { type?: unknown }).type;
    if (type !== 'record' && type !== 'checkpoint') {
      throw new WardenError(
        WardenErrorCode.InvalidArgument,
        `${file}:${i + 1}: "type" must be "record" or "checkpoint"`,
      );
    }
    out.push(value as AuditLine);
  }
  return out;
}

/**
 * An append-only JSONL file: one line per record or checkpoint, written and fsync'd before
 * `append` returns, so an acknowledged record survives a crash. The format is also what
 * `warden audit export` writes and `warden audit verify --jsonl` reads.
 */
export class JsonlAuditStore implements AuditStore {
  private readonly fd: number;
  private readonly lines: AuditLine[];

  constructor(readonly path: string) {
    let text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    // A crash can leave the last line half-written. It was never acknowledged (append returns only
    // after a whole line is fsync'd), so it is cut off before the log continues.
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      truncateSync(path, Buffer.byteLength(text.slice(0, end)));
      text = text.slice(0, end);
    }
    this.lines = readAuditJsonl(text, path);
    this.fd = openSync(path, 'a', 0o600);
  }

  private write(lines: readonly AuditLine[]): void {
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    writeSync(this.fd, text);
    fsyncSync(this.fd);
    this.lines.push(...lines);
  }

  append(records: readonly AuditRecord[]): void {
    this.write(records.map((r) => ({ type: 'record' as const, ...r })));
  }
  appendCheckpoint(checkpoint: AuditCheckpoint): void {
    this.write([{ type: 'checkpoint', ...checkpoint }]);
  }
  last(): AuditRecord | undefined {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const line = this.lines[i]!;
      if (line.type === 'record') return stripType(line);
    }
    return undefined;
  }
  *records(): Iterable<AuditRecord> {
    for (const line of this.lines) if (line.type === 'record') yield stripType(line);
  }
  checkpoints(): AuditCheckpoint[] {
    return this.lines
      .filter((l) => l.type === 'checkpoint')
      .map(({ type: _t, ...cp }) => cp as AuditCheckpoint);
  }
  close(): void {
    closeSync(this.fd);
  }
}

function stripType(line: AuditLine): AuditRecord {
  const { type: _t, ...record } = line;
  return record as AuditRecord;
}
