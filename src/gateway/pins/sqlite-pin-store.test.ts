import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WardenError } from '../../errors/warden-error.js';
import { evaluateTools, isCallAllowed } from './evaluate-tools.js';
import { MemoryPinStore, type PinStore, type QuarantineRecord } from './pin-store.js';
import { SqlitePinStore } from './sqlite-pin-store.js';
import { canonicalToolJson, toolFingerprint } from './tool-fingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-pins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tool = { name: 'search', description: 'Search the docs.', inputSchema: { type: 'object' } };
const record = (reason: QuarantineRecord['reason']): QuarantineRecord => ({
  fingerprint: toolFingerprint(tool),
  definition: canonicalToolJson(tool),
  reason,
  findings: [{ type: 'hidden-instructions', message: 'an <IMPORTANT> block', score: 0.8 }],
  detectedAt: '2026-01-01T00:00:00.000Z',
});

describe('SqlitePinStore', () => {
  it('persists pins, quarantine records and lastSeen across reopen', () => {
    const file = join(dir, 'persist.db');
    let store = new SqlitePinStore(file, { now: () => new Date('2026-02-03T04:05:06Z') });
    for (let i = 0; i < 50; i++)
      store.approve(`s${i % 5}`, `t${i}`, { name: `t${i}`, description: `d${i}` }, 'ops');
    store.quarantine('docs', 'search', record('poisoned'));
    evaluateTools(
      's0',
      store.list('s0').map((p) => JSON.parse(p.definition) as typeof tool),
      { store },
    );
    store.close();

    store = new SqlitePinStore(file);
    expect(store.list()).toHaveLength(50);
    expect(store.list('s0')).toHaveLength(10);
    const pin = store.get('s0', 't0')!;
    expect(pin).toMatchObject({ approvedBy: 'ops', approvedAt: '2026-02-03T04:05:06.000Z' });
    expect(pin.lastSeen).toBe(pin.fingerprint);
    expect(isCallAllowed('s0', 't0', store)).toBe(true);
    expect(isCallAllowed('s1', 't1', store)).toBe(false);
    expect(store.getQuarantine('docs', 'search')).toEqual({
      server: 'docs',
      tool: 'search',
      ...record('poisoned'),
    });
    expect(store.listQuarantine()).toHaveLength(1);
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('names the path when it cannot open', () => {
    const missing = join(dir, 'no', 'such', 'dir', 'pins.db');
    expect(() => new SqlitePinStore(missing)).toThrow(missing);
    const notDb = join(dir, 'not-a-db.db');
    writeFileSync(
      notDb,
      'this is not a sqlite file, just some text that is long enough to matter'.repeat(20),
    );
    try {
      new SqlitePinStore(notDb);
      expect.unreachable();
    } catch (e) {
      expect(WardenError.isInstance(e) && e.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect((e as Error).message).toContain(notDb);
    }
    mkdirSync(join(dir, 'a-dir'));
    expect(() => new SqlitePinStore(join(dir, 'a-dir'))).toThrow(join(dir, 'a-dir'));
  });

  it('shares a borrowed Database and leaves it open', () => {
    const db = new Database(':memory:');
    const store = new SqlitePinStore(db);
    store.approve('a', 'search', tool);
    store.close();
    expect(db.open).toBe(true);
    expect(db.prepare('SELECT count(*) FROM warden_tool_pins').pluck().get()).toBe(1);
    db.close();
  });
});

describe.each<[string, () => PinStore]>([
  ['MemoryPinStore', () => new MemoryPinStore()],
  ['SqlitePinStore', () => new SqlitePinStore(':memory:')],
])('%s rejects nothing silently', (_label, makeStore) => {
  it('throws on a definition whose name is not the tool', () => {
    const store = makeStore();
    expect(() => store.approve('a', 'other', tool)).toThrow(/named "search"/);
    expect(() => store.approve('', 'search', tool)).toThrow(/server/);
    expect(store.list()).toEqual([]);
  });

  it('throws on malformed quarantine records', () => {
    const store = makeStore();
    expect(() =>
      store.quarantine('a', 'search', { ...record('changed'), reason: 'whatever' as never }),
    ).toThrow(/reason/);
    expect(() =>
      store.quarantine('a', 'search', { ...record('changed'), fingerprint: 'md5:x' as never }),
    ).toThrow(/fingerprint/);
    expect(() => store.quarantine('a', 'search', { ...record('changed'), detectedAt: 'yesterday' })).toThrow(
      /detectedAt/,
    );
    expect(store.listQuarantine()).toEqual([]);
  });

  it('approve replaces the pin and clears quarantine; release and revoke report what they did', () => {
    const store = makeStore();
    store.approve('a', 'search', tool, 'alice');
    store.quarantine('a', 'search', record('changed'));
    const v2 = { ...tool, description: 'Search the docs (v2).' };
    const pin = store.approve('a', 'search', v2, 'bob');
    expect(store.get('a', 'search')).toEqual(pin);
    expect(pin.fingerprint).toBe(toolFingerprint(v2));
    expect(store.getQuarantine('a', 'search')).toBeUndefined();
    store.quarantine('a', 'search', record('unapproved'));
    expect(store.release('a', 'search')).toBe(true);
    expect(store.release('a', 'search')).toBe(false);
    expect(store.revoke('a', 'search')).toBe(true);
    expect(store.revoke('a', 'search')).toBe(false);
    expect(store.get('a', 'search')).toBeUndefined();
  });
});
