// Resources and prompts through the gateway, against the real "everything" MCP server from npm:
// shown only to agents whose profile grants `server:resources` / `server:prompts`, read through
// the guard (scanned and audited).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, type Warden } from '../../guard/warden.js';
import { MemoryStore } from '../../store/memory-store.js';
import { MemoryPinStore } from '../pins/index.js';
import { Gateway } from './gateway.js';

const modules = fileURLToPath(new URL('../../../node_modules', import.meta.url));
let warden: Warden;
let gateway: Gateway;
let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  warden = await createWarden({
    config: {
      version: 1,
      agents: [
        { name: 'reader', tools: { allow: ['everything:resources', 'everything:prompts'] } },
        { name: 'outsider', tools: { allow: ['everything__echo'] } },
      ],
    },
    store,
  });
  gateway = new Gateway({
    warden,
    servers: {
      everything: {
        command: [process.execPath, join(modules, '@modelcontextprotocol/server-everything/dist/index.js')],
      },
    },
    pins: new MemoryPinStore(),
    trustOnFirstUse: true,
    upstream: { baseDir: process.cwd(), runtimeRead: [modules] },
  });
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await warden.close();
});

describe('resources and prompts through the gateway', () => {
  it('lists and reads resources for an agent granted everything:resources, audited', async () => {
    const resources = await gateway.listResources({ agent: 'reader' });
    expect(resources.length).toBeGreaterThan(0);
    const text = resources.find((r) => r.mimeType === 'text/plain') ?? resources[0]!;
    const read = await gateway.readResource({ agent: 'reader', session: 'r1' }, text.uri);
    expect(read.contents[0]!.uri).toBe(text.uri);
    const audited = store.audit.recordList.filter((r) => r.tool === 'everything:resources');
    expect(audited.map((r) => r.kind)).toEqual(expect.arrayContaining(['decision', 'execution']));
  });

  it('shows nothing to an agent without the grant, and refuses a read by URI', async () => {
    expect(await gateway.listResources({ agent: 'outsider' })).toEqual([]);
    expect(await gateway.listPrompts({ agent: 'outsider' })).toEqual([]);
    const [first] = await gateway.listResources({ agent: 'reader' });
    await expect(gateway.readResource({ agent: 'outsider' }, first!.uri)).rejects.toMatchObject({
      code: 'DENIED',
    });
  });

  it('lists namespaced prompts and gets one through the guard', async () => {
    const prompts = await gateway.listPrompts({ agent: 'reader' });
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.every((p) => p.name.startsWith('everything__'))).toBe(true);
    const simple = prompts.find((p) => !p.arguments || p.arguments.every((a) => !a.required))!;
    const got = await gateway.getPrompt({ agent: 'reader' }, simple.name, undefined);
    expect(got.messages.length).toBeGreaterThan(0);
    await expect(gateway.getPrompt({ agent: 'reader' }, 'other__prompt', undefined)).rejects.toMatchObject({
      code: 'DENIED',
    });
  });
});
