import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditCheckpoint, AuditRecord } from '../../audit/audit-record.js';
import { publicKeyPem } from '../../audit/signing-key.js';
import { readAuditJsonl } from '../../audit/stores/jsonl-store.js';
import { verifyAudit } from '../../audit/verify-audit.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';
import { openRuntimeState } from './runtime-state.js';

export const AUDIT_HELP = `Usage:
  warden audit verify (--db PATH | --jsonl FILE) [--public-key FILE] [--allow-unsigned-tail] [--json]
  warden audit export [--db PATH | --config FILE]           JSONL of records and checkpoints on stdout
  warden audit public-key [--db PATH | --config FILE]       the checkpoint public key (PEM)
  warden audit tail [--db PATH | --config FILE] [-n N] [--follow]

verify exits 0 when the log is intact, 1 naming the first bad sequence number when a record was
modified, deleted, inserted or reordered, or the log was cut below a signed checkpoint.
Records after the last signed checkpoint fail verification (a closed log always ends with one);
--allow-unsigned-tail accepts them, for a log whose writer is still running.
With --db and no --public-key, the key file beside the database (PATH.key) is used.
`;

function readPublicKey(file: string, io: CliIo): KeyObject {
  try {
    return createPublicKey(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch {
    throw usageError(`--public-key ${file}: not a readable PEM public key`);
  }
}

/** `warden audit`. */
export async function audit(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        jsonl: { type: 'string' },
        config: { type: 'string' },
        'public-key': { type: 'string' },
        json: { type: 'boolean' },
        'allow-unsigned-tail': { type: 'boolean' },
        follow: { type: 'boolean', short: 'f' },
        n: { type: 'string', short: 'n' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${AUDIT_HELP}`);
  }
  const v = parsed.values;
  const [action] = parsed.positionals;
  if (v.help || !action) {
    io.stdout(AUDIT_HELP);
    return v.help ? EXIT.ok : EXIT.usage;
  }

  if (action === 'verify') {
    let records: Iterable<AuditRecord | string>;
    let checkpoints: AuditCheckpoint[];
    let publicKey: KeyObject;
    let close = () => {};
    if (v.jsonl) {
      if (!v['public-key'])
        throw usageError('--jsonl needs --public-key FILE (the key that signed the checkpoints)');
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, v.jsonl), 'utf8');
      } catch {
        throw usageError(`--jsonl ${v.jsonl}: cannot read`);
      }
      const lines = readAuditJsonl(text, v.jsonl);
      records = lines.filter((l) => l.type === 'record').map(({ type: _t, ...r }) => r as AuditRecord);
      checkpoints = lines
        .filter((l) => l.type === 'checkpoint')
        .map(({ type: _t, ...c }) => c as AuditCheckpoint);
      publicKey = readPublicKey(v['public-key'], io);
    } else {
      const state = openRuntimeState(v, io);
      // Checkpoints first: records appended meanwhile are then an unsigned tail, never a gap.
      checkpoints = state.store.audit.checkpoints();
      records = state.store.audit.recordTexts?.() ?? [...state.store.audit.records()];
      publicKey = v['public-key'] ? readPublicKey(v['public-key'], io) : state.key.publicKey;
      close = () => state.store.close();
    }
    try {
      const result = verifyAudit(records, checkpoints, publicKey, {
        allowUnsignedTail: v['allow-unsigned-tail'] === true,
      });
      if (v.json) io.stdout(`${JSON.stringify(result)}\n`);
      else if (result.ok)
        io.stdout(`ok: ${result.records} records, ${result.checkpoints} signed checkpoints\n`);
      else io.stdout(`TAMPERED at seq ${result.seq}: ${result.problem}\n`);
      return result.ok ? EXIT.ok : EXIT.findings;
    } finally {
      close();
    }
  }

  if (action === 'export' || action === 'public-key' || action === 'tail') {
    const state = openRuntimeState(v, io);
    try {
      if (action === 'public-key') {
        io.stdout(publicKeyPem(state.key));
        return EXIT.ok;
      }
      if (action === 'export') {
        const lines: string[] = [];
        for (const r of state.store.audit.records()) lines.push(JSON.stringify({ type: 'record', ...r }));
        for (const c of state.store.audit.checkpoints())
          lines.push(JSON.stringify({ type: 'checkpoint', ...c }));
        io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
        return EXIT.ok;
      }
      const n = v.n === undefined ? 20 : Number(v.n);
      if (!Number.isInteger(n) || n < 0) throw usageError('-n must be a non-negative integer');
      const all = [...state.store.audit.records()];
      for (const r of all.slice(Math.max(0, all.length - n))) io.stdout(`${JSON.stringify(r)}\n`);
      let seen = all.at(-1)?.seq ?? 0;
      while (v.follow) {
        await new Promise((r) => setTimeout(r, 500));
        for (const r of state.store.audit.records()) {
          if (r.seq > seen) {
            io.stdout(`${JSON.stringify(r)}\n`);
            seen = r.seq;
          }
        }
      }
      return EXIT.ok;
    } finally {
      state.store.close();
    }
  }
  throw usageError(`unknown action "${action}" (verify, export, public-key, tail)\n\n${AUDIT_HELP}`);
}
