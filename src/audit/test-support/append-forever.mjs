// Child process for the crash test: appends records to a JSONL audit store through the built
// package and prints each record's sequence number once `append` has returned (acknowledged),
// until it is killed.
import { AuditLog, JsonlAuditStore, signingKeyFromPem } from '../../../dist/audit/index.js';

const [file, pemBase64] = process.argv.slice(2);
const key = signingKeyFromPem(Buffer.from(pemBase64, 'base64').toString(), 'test');
const log = new AuditLog({ store: new JsonlAuditStore(file), key, checkpointEvery: 7 });
for (let i = 0; ; i++) {
  const record = log.append({
    kind: 'decision',
    agent: 'crash',
    tool: 'fs.read',
    effect: 'allow',
    data: { i },
  });
  process.stdout.write(`${record.seq}\n`);
}
