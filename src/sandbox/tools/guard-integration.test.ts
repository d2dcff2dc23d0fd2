// The tools as the guard runs them: the policy decides first and hands the tool the canonical path or
// URL it checked (obligations); the tool re-checks and opens it safely.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarden, type Warden } from '../../guard/warden.js';
import { MemoryStore } from '../../store/memory-store.js';
import { createFsTools, createHttpFetch } from './index.js';
import { expectCode, makeTree } from './test-support/fixture.js';

let warden: Warden;
let server: Server;
let port = 0;
const tree = makeTree();

beforeAll(async () => {
  server = createServer((_req, res) => res.end('from server'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  warden = await createWarden({
    config: {
      version: 1,
      agents: [
        {
          name: 'bot',
          workspace: './ws',
          tools: { allow: ['fs.*', 'http.fetch'] },
          files: { read: ['./ws'], write: ['./ws/out'], deny: ['**/.env'] },
          network: { allow: [`http://api.allowed.test:${port}`] },
        },
      ],
    },
    baseDir: dirname(tree.ws),
    store: new MemoryStore(),
  });
});

afterAll(async () => {
  await warden.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('tools behind guard.wrap', () => {
  const fsTools = createFsTools({
    scope: { workspace: tree.ws, read: [tree.ws], write: [tree.out], deny: ['**/.env'] },
  });

  it('reads, lists and writes through the guard', async () => {
    const guard = warden.guard({ agent: 'bot', session: 's1' });
    const read = guard.wrap('fs.read', fsTools['fs.read']);
    const list = guard.wrap('fs.list', fsTools['fs.list']);
    const write = guard.wrap('fs.write', fsTools['fs.write']);
    expect(await read({ path: 'sub/../notes.txt' })).toMatchObject({ content: 'hello notes\n' });
    expect((await list({ path: 'sub' })).entries).toEqual([{ name: 'inner.txt', type: 'file', size: 7 }]);
    await write({ path: 'out/log.txt', content: 'a', append: true });
    await write({ path: 'out/log.txt', content: 'b', append: true });
    expect(readFileSync(join(tree.out, 'log.txt'), 'utf8')).toBe('ab');
  });

  it('is refused by the policy before the tool runs', async () => {
    const guard = warden.guard({ agent: 'bot', session: 's2' });
    const read = guard.wrap('fs.read', fsTools['fs.read']);
    await expectCode(read({ path: '../outside/secret.txt' }), 'DENIED');
    await expectCode(read({ path: '.env' }), 'DENIED');
  });

  it('fetches through the guard with the normalised URL', async () => {
    const guard = warden.guard({ agent: 'bot', session: 's3' });
    const fetchUrl = guard.wrap(
      'http.fetch',
      createHttpFetch({
        network: { allow: [`http://api.allowed.test:${port}`] },
        lookup: async () => [{ address: '127.0.0.1', family: 4 }],
        isAddressAllowed: (ip) => ip === '127.0.0.1',
      })['http.fetch'],
    );
    expect(await fetchUrl({ url: `http://API.allowed.test.:${port}/x` })).toMatchObject({
      status: 200,
      body: 'from server',
      url: `http://api.allowed.test:${port}/x`,
    });
    await expectCode(fetchUrl({ url: 'http://169.254.169.254/' }), 'DENIED');
  });
});
