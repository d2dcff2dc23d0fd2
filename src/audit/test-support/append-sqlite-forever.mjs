// Child process for the SQLite crash test: appends records with group commit (several in flight
// at once) and prints each sequence number once its promise resolved (acknowledged durable).
import { AuditLog, signingKeyFromPem } from '../../../dist/audit/index.js';
import { SqliteStore } from '../../../dist/store/index.js';

const [file, pemBase64] = process.argv.slice(2);
const key = signingKeyFromPem(Buffer.from(pemBase64, 'base64').toString(), 'test');
const store = new SqliteStore(file);
const log = new AuditLog({ store: store.audit, key, checkpointEvery: 50 });
for (;;) {
  const batch = Array.from({ length: 8 }, (_, i) =>
    log.appendDurable({ kind: 'decision', agent: 'crash', data: { i } }),
  );
  for (const record of await Promise.all(batch)) process.stdout.write(`${record.seq}\n`);
}
