import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { openStore } from './open-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { StoredApproval, WardenStore } from './warden-store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'warden-store-'));

const approval = (id: string): StoredApproval => ({
  id,
  agent: 'a',
  tool: 'fs.write',
  argsDigest: 'd',
  policyVersion: 'v',
  rule: 'approval.require[0]',
  createdAt: new Date(0).toISOString(),
  expiresAt: new Date(60_000).toISOString(),
  status: 'pending',
  mac: 'm',
});

describe.each([
  ['memory', () => new MemoryStore() as WardenStore],
  ['sqlite', () => new SqliteStore(join(tmp(), 'w.db')) as WardenStore],
])('%s store contract', (_name, make) => {
  it('consumes up to the cap and no further', () => {
    const store = make();
    const results = Array.from({ length: 5 }, () => store.consume('k', 1, 3).ok);
    expect(results).toEqual([true, true, true, false, false]);
    expect(store.counter('k')).toBe(3);
    expect(store.add('usage', 2.5)).toBe(2.5);
    store.close();
  });

  it('refills a token bucket over time', () => {
    const store = make();
    expect(store.takeToken('r', 2, 1000, 0).ok).toBe(true);
    expect(store.takeToken('r', 2, 1000, 0).ok).toBe(true);
    expect(store.takeToken('r', 2, 1000, 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(store.takeToken('r', 2, 1000, 1000).ok).toBe(true);
    store.close();
  });

  it('keeps kill entries per scope', () => {
    const store = make();
    store.setKill({ scope: { kind: 'agent', agent: 'a' }, reason: 'x', at: 't' });
    store.setKill({ scope: { kind: 'all' }, reason: 'y', at: 't' });
    expect(store.kills()).toHaveLength(2);
    expect(store.clearKill({ kind: 'agent', agent: 'a' })).toBe(true);
    expect(store.clearKill({ kind: 'agent', agent: 'a' })).toBe(false);
    expect(store.kills().map((k) => k.reason)).toEqual(['y']);
    store.close();
  });

  it('resolves an approval once and uses it once', () => {
    const store = make();
    store.putApproval(approval('id1'));
    expect(store.listApprovals('pending')).toHaveLength(1);
    expect(store.useApproval('id1')).toBe(false);
    expect(store.resolveApproval('id1', 'approved', 'ok', 'g')).toBe(true);
    expect(store.resolveApproval('id1', 'denied', 'no')).toBe(false);
    expect(store.useApproval('id1')).toBe(true);
    expect(store.useApproval('id1')).toBe(false);
    expect(store.getApproval('id1')).toMatchObject({ status: 'used', grant: 'g', reason: 'ok' });
    store.close();
  });
});

describe('SqliteStore', () => {
  it('shares state between connections: a kill or a counter written by one is seen by the other', () => {
    const file = join(tmp(), 'shared.db');
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    a.setKill({ scope: { kind: 'session', session: 's' }, reason: 'from the CLI', at: 't' });
    expect(b.kills()[0]?.reason).toBe('from the CLI');
    a.consume('c', 1, 2);
    b.consume('c', 1, 2);
    expect(a.consume('c', 1, 2).ok).toBe(false);
    a.close();
    b.close();
  });

  it('never overshoots a cap when several processes consume at once', async () => {
    const built = new URL('../../dist/store/sqlite-store.js', import.meta.url);
    expect(existsSync(built), 'run `npm run build` first (npm test does)').toBe(true);
    const file = join(tmp(), 'race.db');
    new SqliteStore(file).close();
    const child = () =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, [
          new URL('./test-support/consume-loop.mjs', import.meta.url).pathname,
          file,
          'calls',
          '50',
          '40',
        ]);
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('error', reject);
        p.on('close', () => resolve(Number(out.trim())));
      });
    const got = await Promise.all([child(), child(), child()]);
    expect(got.reduce((a, b) => a + b, 0)).toBe(50);
    const store = new SqliteStore(file);
    expect(store.counter('calls')).toBe(50);
    store.close();
  });

  it('keeps the audit chain when two loggers append to one database', async () => {
    const { AuditLog } = await import('../audit/audit-log.js');
    const { verifyAudit } = await import('../audit/verify-audit.js');
    const { loadOrCreateKeyFile } = await import('../audit/signing-key.js');
    const dir = tmp();
    const key = loadOrCreateKeyFile(join(dir, 'k'));
    const a = new SqliteStore(join(dir, 'audit.db'));
    const b = new SqliteStore(join(dir, 'audit.db'));
    const la = new AuditLog({ store: a.audit, key });
    const lb = new AuditLog({ store: b.audit, key });
    for (let i = 0; i < 5; i++) {
      la.append({ kind: 'decision', agent: 'a' });
      lb.append({ kind: 'decision', agent: 'b' });
    }
    la.checkpoint();
    expect(verifyAudit(a.audit.records(), a.audit.checkpoints(), key.publicKey)).toMatchObject({
      ok: true,
      records: 10,
    });
    a.close();
    b.close();
  });
});

describe('openStore', () => {
  it('opens sqlite relative to the config directory and refuses unknown stores', () => {
    const dir = tmp();
    const { store, path } = openStore('sqlite:./x.db', dir);
    expect(path).toBe(join(dir, 'x.db'));
    store.close();
    expect(() => openStore('postgres://x', dir)).toThrow(/unknown store/);
    expect(() => openStore('sqlite:', dir)).toThrow(/needs a file path/);
  });
});
