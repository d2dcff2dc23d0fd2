// A runnable tour of the guard runtime: `npm run build && node examples/guarded-tools.mjs`.
// Wraps two file tools and a slow tool for an agent, then shows an allowed call, a denied one, an
// approval, a rate limit, the kill switch stopping a call in flight, and the audit log verifying.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWarden, SqliteStore, verifyAudit, WardenError } from 'warden';

const root = mkdtempSync(join(tmpdir(), 'warden-example-'));
mkdirSync(join(root, 'ws', 'out'), { recursive: true });
writeFileSync(join(root, 'ws', 'notes.txt'), 'Quarterly notes: ship the policy engine.\n');
writeFileSync(
  join(root, 'warden.yaml'),
  `version: 1
agents:
  - name: assistant
    workspace: ./ws
    tools: { allow: [fs.read, fs.write, report.build] }
    files: { read: [./ws], write: [./ws/out] }
    approval: { require: [fs.write] }
    limits: { maxToolCalls: 20, rate: 5/s }
audit: { store: "sqlite:./warden.db" }
`,
);

const show = async (label, promise) => {
  try {
    console.log(`ok      ${label}: ${JSON.stringify(await promise)}`);
  } catch (error) {
    if (!WardenError.isInstance(error)) throw error;
    console.log(`refused ${label}: ${error.code} ${error.message}`);
  }
};

const warden = await createWarden({
  configFile: join(root, 'warden.yaml'),
  // A human would answer here; this one approves small writes only.
  approve: (request) => ({ approved: JSON.stringify(request.args).length < 200, reason: 'size check' }),
});
warden.on('violation', (e) => console.log(`  event   violation ${e.rule}`));
warden.on('kill', (e) => console.log(`  event   kill ${e.scope}: ${e.reason}`));

const guard = warden.guard({ agent: 'assistant', session: 'demo-1', principal: 'alice' });
const read = guard.wrap('fs.read', ({ path }) => readFileSync(path, 'utf8').trim());
const write = guard.wrap('fs.write', ({ path, content }) => {
  writeFileSync(path, content);
  return `wrote ${content.length} bytes`;
});
const build = guard.wrap(
  'report.build',
  (_args, { signal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('report'), 10_000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
);

await show('read notes.txt', read({ path: 'notes.txt' }));
await show('read ../../../../etc/passwd', read({ path: '../../../../etc/passwd' }));
await show('write out/summary.md (approved)', write({ path: 'out/summary.md', content: '# Summary\n' }));
await show('write outside out/', write({ path: 'notes.txt', content: 'overwritten' }));
const running = show('report.build, killed while running', build({}));
setTimeout(() => warden.kill({ kind: 'session', session: 'demo-1' }, 'operator pressed stop'), 50);
await running;
await show('read after the kill', read({ path: 'notes.txt' }));

// Another session has its own rate bucket: 5 per second, so a burst of 7 lets 5 through.
const other = warden
  .guard({ agent: 'assistant', session: 'demo-2' })
  .wrap('fs.read', ({ path }) => readFileSync(path, 'utf8').length);
const burst = await Promise.allSettled(Array.from({ length: 7 }, () => other({ path: 'notes.txt' })));
console.log(
  `rate    7 reads at once in session demo-2: ${burst.filter((r) => r.status === 'fulfilled').length} allowed (5/s)`,
);
await warden.close();

const store = new SqliteStore(join(root, 'warden.db'));
const result = verifyAudit(store.audit.records(), store.audit.checkpoints(), warden.auditPublicKey);
console.log(
  `audit   ${result.ok ? `${result.records} records, chain and ${result.checkpoints} signed checkpoint(s) verify` : `TAMPERED at ${result.seq}`}`,
);
store.close();
rmSync(root, { recursive: true, force: true });
