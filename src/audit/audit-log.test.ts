import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, GENESIS_HASH } from './audit-record.js';
import { AuditLog } from './audit-log.js';
import { recordHash, recordText } from './hash-chain.js';
import { redactArgs } from './redact-args.js';
import { loadOrCreateKeyFile, publicKeyPem, type SigningKey, signingKeyFromPem } from './signing-key.js';
import { JsonlAuditStore, readAuditJsonl } from './stores/jsonl-store.js';
import { MemoryAuditStore } from './stores/memory-store.js';
import { verifyAudit } from './verify-audit.js';

function freshKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'test');
}

function logWith(n: number, checkpointEvery = 4) {
  const store = new MemoryAuditStore();
  const key = freshKey();
  const log = new AuditLog({ store, key, checkpointEvery });
  for (let i = 1; i <= n; i++)
    log.append({ kind: 'decision', agent: 'a', tool: `t${i}`, effect: i % 2 ? 'allow' : 'deny' });
  return { store, key, log };
}

/**
 * Run a writer child (test-support/SCRIPT FILE PEM) that prints each acknowledged sequence number,
 * SIGKILL it after `delayMs`, and return the highest number it acknowledged.
 */
async function ackedBeforeKill(script: string, file: string, pem: string, delayMs: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [new URL(`./test-support/${script}`, import.meta.url).pathname, file, pem],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let acked = 0;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) acked = Math.max(acked, Number(l));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  return acked;
}

/** Verify records as objects and as stored texts; both paths must reach the same verdict. */
function verify(records: AuditRecord[], store: MemoryAuditStore, key: SigningKey) {
  const asObjects = verifyAudit(records, store.checkpoints(), key.publicKey);
  const asTexts = verifyAudit(records.map(recordText), store.checkpoints(), key.publicKey);
  expect(asTexts.ok).toBe(asObjects.ok);
  if (!asObjects.ok && !asTexts.ok) expect(asTexts.seq).toBe(asObjects.seq);
  return asObjects;
}

describe('AuditLog', () => {
  it('chains records and signs checkpoints that verify', () => {
    const { store, key } = logWith(10);
    expect(store.recordList[0]!.prev).toBe(GENESIS_HASH);
    expect(store.recordList[1]!.prev).toBe(store.recordList[0]!.hash);
    expect(store.checkpoints().map((c) => c.seq)).toEqual([4, 8]);
    expect(
      verifyAudit(store.recordList, store.checkpoints(), key.publicKey, { allowUnsignedTail: true }),
    ).toMatchObject({
      ok: true,
      records: 10,
      checkpoints: 2,
    });
  });

  it('refuses records after the last signed checkpoint unless told the writer is still running', () => {
    const { store, key, log } = logWith(10);
    expect(verify(store.recordList, store, key)).toMatchObject({ ok: false, seq: 9 });
    log.checkpoint();
    expect(verify(store.recordList, store, key)).toMatchObject({ ok: true, records: 10, checkpoints: 3 });
  });

  it('detects a modified record', () => {
    const { store, key } = logWith(10);
    const records = structuredClone(store.recordList);
    records[4]!.effect = 'allow';
    records[4]!.tool = 't5-evil';
    expect(verify(records, store, key)).toMatchObject({ ok: false, seq: 5 });
  });

  it('catches a re-hashed last record once a signed checkpoint covers it', () => {
    const { store, key } = logWith(10);
    const records = structuredClone(store.recordList);
    records[9]!.effect = 'allow';
    const { hash: _h, ...body } = records[9]!;
    records[9]!.hash = recordHash(body);
    // The last record is re-hashed consistently: only the unsigned-tail rule catches it...
    expect(verify(records, store, key)).toMatchObject({ ok: false, seq: 9 });
    expect(verifyAudit(records, store.checkpoints(), key.publicKey, { allowUnsignedTail: true }).ok).toBe(
      true,
    );
    // ...until a checkpoint (signed at close at the latest) pins record 10.
    const { store: s2, key: k2, log } = logWith(10);
    log.checkpoint();
    const tampered = structuredClone(s2.recordList);
    tampered[9]!.effect = 'allow';
    tampered[9]!.hash = recordHash((({ hash: _x, ...b }) => b)(tampered[9]!));
    expect(verify(tampered, s2, k2)).toMatchObject({ ok: false, seq: 10 });
  });

  it('detects a deleted record', () => {
    const { store, key } = logWith(10);
    const records = store.recordList.filter((r) => r.seq !== 3);
    expect(verify(records, store, key)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects an inserted record', () => {
    const { store, key } = logWith(10);
    const records = structuredClone(store.recordList);
    records.splice(6, 0, { ...records[5]!, tool: 'inserted' });
    expect(verify(records, store, key)).toMatchObject({ ok: false, seq: 7 });
  });

  it('detects reordered records', () => {
    const { store, key } = logWith(10);
    const records = structuredClone(store.recordList);
    [records[2], records[3]] = [records[3]!, records[2]!];
    expect(verify(records, store, key)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects truncation below a signed checkpoint', () => {
    const { store, key } = logWith(10);
    expect(verify(store.recordList.slice(0, 6), store, key)).toMatchObject({ ok: false, seq: 7 });
  });

  it('detects a rewritten chain: every hash recomputed, but the signed checkpoint disagrees', () => {
    const { store, key } = logWith(10);
    let prev = GENESIS_HASH;
    const rewritten = structuredClone(store.recordList).map((r) => {
      const body = { ...r, effect: 'allow' as const, prev };
      const { hash: _h, ...rest } = body;
      const record = { ...rest, hash: recordHash(rest) };
      prev = record.hash;
      return record;
    });
    expect(verify(rewritten, store, key)).toMatchObject({ ok: false, seq: 4 });
  });

  it('refuses checkpoints signed by another key, or with a forged signature', () => {
    const { store } = logWith(10);
    expect(verifyAudit(store.recordList, store.checkpoints(), freshKey().publicKey)).toMatchObject({
      ok: false,
    });
    const { store: s2, key: k2 } = logWith(10);
    const forged = s2.checkpoints().map((c) => ({ ...c, head: GENESIS_HASH }));
    expect(verifyAudit(s2.recordList, forged, k2.publicKey)).toMatchObject({ ok: false, seq: 4 });
  });

  it('continues the chain after reopening a JSONL store, and the file verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-audit-'));
    const file = join(dir, 'audit.jsonl');
    const key = freshKey();
    const first = new AuditLog({ store: new JsonlAuditStore(file), key });
    first.append({ kind: 'config.load' });
    first.append({ kind: 'decision', tool: 'fs.read', effect: 'allow' });
    first.close();
    const second = new AuditLog({ store: new JsonlAuditStore(file), key });
    expect(second.append({ kind: 'decision', tool: 'fs.write', effect: 'ask' }).seq).toBe(3);
    second.close();
    const lines = readAuditJsonl(readFileSync(file, 'utf8'), file);
    const store = new JsonlAuditStore(file);
    expect(verifyAudit(store.records(), store.checkpoints(), key.publicKey)).toMatchObject({
      ok: true,
      records: 3,
    });
    expect(lines.filter((l) => l.type === 'checkpoint')).toHaveLength(2);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('loses no acknowledged record when the writer is SIGKILLed mid-stream', async () => {
    const built = new URL('../../dist/audit/index.js', import.meta.url);
    expect(existsSync(built), 'run `npm run build` first (npm test does)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'warden-crash-'));
    const file = join(dir, 'audit.jsonl');
    const key = freshKey();
    const pem = Buffer.from(key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()).toString(
      'base64',
    );
    for (const delayMs of [400, 900]) {
      const acked = await ackedBeforeKill('append-forever.mjs', file, pem, delayMs);
      expect(acked, 'the child acknowledged records before it was killed').toBeGreaterThan(0);
      const store = new JsonlAuditStore(file);
      const records = [...store.records()];
      expect(records.length).toBeGreaterThanOrEqual(acked);
      // A killed writer never signed its last records: verify as a log whose writer was running.
      expect(
        verifyAudit(records, store.checkpoints(), key.publicKey, { allowUnsignedTail: true }),
      ).toMatchObject({
        ok: true,
      });
      store.close();
    }
  });
});

describe('verifying stored record texts', () => {
  function storedTexts(n = 10) {
    const { store, key, log } = logWith(n);
    log.checkpoint();
    return { texts: store.recordList.map(recordText), cps: store.checkpoints(), key };
  }
  const check = (texts: string[], cps: ReturnType<typeof storedTexts>['cps'], key: SigningKey) =>
    verifyAudit(texts, cps, key.publicKey);

  it('stores canonical JSON with the hash as the last key, and verifies it as stored', () => {
    const { texts, cps, key } = storedTexts();
    expect(texts[0]).toMatch(/^\{"agent":"a","effect":"allow","kind":"decision",.*,"hash":"[0-9a-f]{64}"\}$/);
    expect(check(texts, cps, key)).toMatchObject({ ok: true, records: 10 });
  });

  it('detects an edit of the content and a non-JSON record; reformatting alone changes no meaning', () => {
    const { texts, cps, key } = storedTexts();
    const edit = (i: number, f: (t: string) => string) => texts.map((t, j) => (j === i ? f(t) : t));
    const flipped = check(
      edit(3, (t) => t.replace('"deny"', '"allow"')),
      cps,
      key,
    );
    expect(flipped).toMatchObject({ ok: false, seq: 4, problem: expect.stringContaining('modified') });
    const added = check(
      edit(5, (t) => t.replace('{"agent":"a"', '{"agent":"a","note":"added"')),
      cps,
      key,
    );
    expect(added).toMatchObject({ ok: false, seq: 6 });
    const cut = check(
      edit(2, (t) => t.slice(0, 40)),
      cps,
      key,
    );
    expect(cut).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('not JSON') });
    expect(
      check(
        edit(2, () => 'null'),
        cps,
        key,
      ),
    ).toMatchObject({ ok: false, seq: 3 });
    // Same content in other bytes is verified in canonical form, as an exported JSONL copy would be.
    const spaced = check(
      edit(5, (t) => t.replace('{"agent"', '{ "agent"')),
      cps,
      key,
    );
    expect(spaced).toMatchObject({ ok: true });
  });

  it('detects a re-hashed text once a signed checkpoint covers it', () => {
    const { texts, cps, key } = storedTexts();
    const record = JSON.parse(texts[9]!) as AuditRecord;
    const forged = { ...record, effect: 'allow' as const };
    forged.hash = recordHash(forged);
    expect(check([...texts.slice(0, 9), recordText(forged)], cps, key)).toMatchObject({ ok: false, seq: 10 });
  });

  it('still verifies records stored in the older full-JSON layout', () => {
    const { store, key, log } = logWith(6);
    log.checkpoint();
    const legacy = store.recordList.map((r) => JSON.stringify(r));
    expect(check(legacy, store.checkpoints(), key)).toMatchObject({ ok: true, records: 6 });
    legacy[1] = legacy[1]!.replace('"deny"', '"allow"');
    expect(check(legacy, store.checkpoints(), key)).toMatchObject({ ok: false, seq: 2 });
  });

  it('detects an edit made in the SQLite database itself', async () => {
    const { SqliteStore } = await import('../store/sqlite-store.js');
    const file = join(mkdtempSync(join(tmpdir(), 'warden-sqlite-tamper-')), 'audit.db');
    const key = freshKey();
    const store = new SqliteStore(file);
    const log = new AuditLog({ store: store.audit, key });
    for (let i = 1; i <= 5; i++) log.append({ kind: 'decision', tool: `t${i}`, effect: 'deny' });
    log.checkpoint();
    const intact = verifyAudit(store.audit.recordTexts!(), store.audit.checkpoints(), key.publicKey);
    expect(intact).toMatchObject({ ok: true, records: 5 });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.prepare(`UPDATE audit_records SET record = replace(record, '"deny"', '"allow"') WHERE seq = 3`).run();
    db.close();
    expect(verifyAudit(store.audit.recordTexts!(), store.audit.checkpoints(), key.publicKey)).toMatchObject({
      ok: false,
      seq: 3,
    });
    store.close();
  });
});

describe('SQLite audit durability', () => {
  it('loses no acknowledged record when a group-committing writer is SIGKILLed', async () => {
    const built = new URL('../../dist/store/index.js', import.meta.url);
    expect(existsSync(built), 'run `npm run build` first (npm test does)').toBe(true);
    const { SqliteStore } = await import('../store/sqlite-store.js');
    const file = join(mkdtempSync(join(tmpdir(), 'warden-sqlite-crash-')), 'audit.db');
    const key = freshKey();
    const pem = Buffer.from(key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()).toString(
      'base64',
    );
    for (const delayMs of [500, 1100]) {
      const acked = await ackedBeforeKill('append-sqlite-forever.mjs', file, pem, delayMs);
      expect(acked, 'the child acknowledged records before it was killed').toBeGreaterThan(0);
      const store = new SqliteStore(file);
      const records = [...store.audit.records()];
      expect(records.length).toBeGreaterThanOrEqual(acked);
      expect(
        verifyAudit(records, store.audit.checkpoints(), key.publicKey, { allowUnsignedTail: true }),
      ).toMatchObject({ ok: true });
      store.close();
    }
  });
});

describe('signing keys', () => {
  it('creates a 0600 key file on first run and reloads the same key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-key-'));
    const path = join(dir, 'audit.key');
    const created = loadOrCreateKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(path).keyId).toBe(created.keyId);
    expect(publicKeyPem(created)).toContain('BEGIN PUBLIC KEY');
  });

  it('refuses a key file other users can read, and a non-Ed25519 key, without echoing key material', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-key-'));
    const path = join(dir, 'audit.key');
    loadOrCreateKeyFile(path);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/accessible to other users/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => signingKeyFromPem(rsa, 'audit.signingKey')).toThrow(/Ed25519/);
    const garbage = 'not a key but a secret-ish string s3cr3t';
    writeFileSync(join(dir, 'x'), garbage);
    try {
      signingKeyFromPem(garbage, 'audit.signingKey');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3t');
    }
  });
});

describe('redactArgs', () => {
  it('redacts secret-named fields and token-shaped strings, keeps the rest', () => {
    const token = `ghp_${'a1B2c3D4'.repeat(5)}`;
    const out = redactArgs({
      url: 'https://x',
      headers: { Authorization: 'Bearer abc' },
      password: 'hunter2',
      note: token,
      n: 3,
    });
    expect(out).toEqual({
      url: 'https://x',
      headers: { Authorization: '[REDACTED]' },
      password: '[REDACTED]',
      note: '[REDACTED]',
      n: 3,
    });
    expect(JSON.stringify(out)).not.toContain(token);
    expect(redactArgs({ content: 'db_password=hunter2\nAPI_KEY: "abc123" ok' })).toEqual({
      content: 'db_password=[REDACTED]\nAPI_KEY: "[REDACTED]" ok',
    });
  });
});

describe('timed checkpoints', () => {
  it('signs records appended before a quiet spell within the interval', async () => {
    const store = new MemoryAuditStore();
    const log = new AuditLog({ store, key: freshKey(), checkpointIntervalMs: 30 });
    log.append({ kind: 'decision' });
    expect(store.checkpoints()).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(store.checkpoints().map((c) => c.seq)).toEqual([1]);
    log.close();
  });
});
