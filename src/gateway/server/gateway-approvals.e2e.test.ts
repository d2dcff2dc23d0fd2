// Approvals through the gateway: a call that needs a human waits until it is answered (here the
// same path `warden approvals approve|deny` uses), and a "no" comes back as a tool error.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, type Warden } from '../../guard/warden.js';
import { MemoryStore } from '../../store/memory-store.js';
import { MemoryPinStore } from '../pins/index.js';
import { Gateway } from './gateway.js';

const modules = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const testSupport = fileURLToPath(new URL('../test-support', import.meta.url));
let warden: Warden;
let gateway: Gateway;

beforeAll(async () => {
  warden = await createWarden({
    config: {
      version: 1,
      agents: [
        {
          name: 'coder',
          tools: { allow: ['changing__echo'] },
          approval: { require: ['changing__echo'], timeout: '10s' },
        },
      ],
    },
    store: new MemoryStore(),
  });
  gateway = new Gateway({
    warden,
    servers: { changing: { command: [process.execPath, join(testSupport, 'changing-server.mjs')] } },
    pins: new MemoryPinStore(),
    trustOnFirstUse: true,
    upstream: { baseDir: process.cwd(), runtimeRead: [modules, testSupport] },
  });
}, 30_000);
afterAll(async () => {
  await gateway.close();
  await warden.close();
});

const text = (r: { content: unknown }) =>
  (r.content as { text?: string }[]).map((c) => c.text ?? '').join('');

describe('approvals through the gateway', () => {
  it('holds the call until a human approves it, then runs it', async () => {
    const off = warden.on('approval.requested', (e) => {
      setTimeout(() => warden.resolveApproval(e.id, true, 'looks fine'), 100);
    });
    const r = await gateway.callTool({ agent: 'coder', session: 'a1' }, 'changing__echo', {
      text: 'approved call',
    });
    off();
    expect(r.isError).toBeFalsy();
    expect(text(r)).toBe('approved call');
  });

  it('returns the refusal as a tool error when the human says no', async () => {
    const off = warden.on('approval.requested', (e) => {
      setTimeout(() => warden.resolveApproval(e.id, false, 'not now'), 100);
    });
    const r = await gateway.callTool({ agent: 'coder', session: 'a2' }, 'changing__echo', { text: 'x' });
    off();
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^Warden: approval refused/);
  });
});
