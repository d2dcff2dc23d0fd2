// MCP gateway costs: the latency a `tools/call` gains through the gateway (policy, pins, guard,
// detectors, audit, a second HTTP hop) over calling the same upstream directly, throughput with 32
// concurrent clients, and heap growth over 100,000 calls. Upstream, gateway and clients share this
// one Node process (one event loop) on loopback; every comparison is measured in this one run,
// interleaved. One JSON line per result.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { MemoryPinStore } from '../dist/gateway/pins/index.js';
import { Gateway } from '../dist/gateway/server/gateway.js';
import { startHttpGateway } from '../dist/gateway/server/http-gateway.js';
import { createWarden } from '../dist/guard/index.js';
import { MemoryStore } from '../dist/store/index.js';

const emit = (o) => console.log(JSON.stringify(o));
const r1 = (x) => Math.round(x * 10) / 10;
const r3 = (x) => Math.round(x * 1000) / 1000;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const MB = 1024 * 1024;

// Forced GC without needing `node --expose-gc` (run-all spawns benches with plain process.execPath).
if (typeof globalThis.gc !== 'function') setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? runInNewContext('gc');

// Calls in the heap-growth phase (100,000 takes ~5 minutes on a 2-core VM; see its note).
const MEMORY_CALLS = Number(process.env.GATEWAY_BENCH_MEMORY_CALLS ?? 20_000);

// Count (not print) the MaxListenersExceededWarning that undici raises once per request past
// 1,500 listeners on a long-lived AbortSignal (see the gateway-abort-listeners line); print others.
let listenerWarnings = 0;
let maxAbortListeners = 0;
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'MaxListenersExceededWarning') {
    listenerWarnings++;
    const m = /(\d+) abort listeners/.exec(w.message);
    if (m) maxAbortListeners = Math.max(maxAbortListeners, Number(m[1]));
  } else console.error(`${w.name}: ${w.message}`);
});

/** p50/p90/p99 in ms (3 decimals), nearest-rank. */
function fineMs(samples) {
  const s = Float64Array.from(samples).sort();
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  let total = 0;
  for (const x of s) total += x;
  return {
    n: s.length,
    p50_ms: r3(at(50)),
    p90_ms: r3(at(90)),
    p99_ms: r3(at(99)),
    mean_ms: r3(total / s.length),
    max_ms: r3(s[s.length - 1]),
  };
}

// A realistic short tool result: a sentence the detectors scan (no secret, no PII, no injection).
const TEXT = 'The build finished in 42 seconds; 318 tests passed and the coverage report is ready.';

// 1. The upstream: a streamable-HTTP MCP server with stateful sessions and one `echo` tool.
async function startUpstream() {
  const sessions = new Map();
  const newServer = () => {
    const server = new Server({ name: 'bench-upstream', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [
        {
          name: 'echo',
          description: 'Echo the text back.',
          inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
        },
      ],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      if (request.params.name !== 'echo') throw new Error(`unknown tool ${request.params.name}`);
      return { content: [{ type: 'text', text: String(request.params.arguments?.text ?? '') }] };
    });
    return server;
  };
  const handle = async (req, res) => {
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const session = sessions.get(sid);
      if (!session) {
        res.writeHead(404).end();
        return;
      }
      return session.transport.handleRequest(req, res);
    }
    const server = newServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => sessions.set(id, { transport, server }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };
  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    close: async () => {
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.server.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** A Warden + Gateway + HTTP endpoint in front of `upstreamUrl`, the agent `bench` allowed `up__echo`. */
async function startGateway(upstreamUrl, { detectors }) {
  const store = new MemoryStore();
  const warden = await createWarden({
    config: { version: 1, agents: [{ name: 'bench', tools: { allow: ['up__echo'] } }] },
    baseDir: process.cwd(),
    store,
    ...(detectors ? {} : { detectors: false }),
  });
  const gateway = new Gateway({
    warden,
    servers: { up: { url: upstreamUrl } },
    pins: new MemoryPinStore(),
    trustOnFirstUse: true,
    upstream: { baseDir: process.cwd() },
  });
  const http = await startHttpGateway({ gateway, host: '127.0.0.1', port: 0, anonymousAgent: 'bench' });
  return {
    url: http.url,
    /** The MemoryStore's audit records (kept in the heap, one per call). */
    auditRecords: store.audit.recordList,
    close: async () => {
      await http.close();
      await gateway.close();
      await warden.close();
    },
  };
}

async function connect(url) {
  const client = new Client({ name: 'bench-agent', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** One echo call; throws unless the text came back unchanged (a refusal would be cheap and wrong). */
async function echo(client, name) {
  const r = await client.callTool({ name, arguments: { text: TEXT } });
  if (r.isError || r.content?.[0]?.text !== TEXT) {
    throw new Error(`${name} did not echo: ${JSON.stringify(r).slice(0, 300)}`);
  }
}

const upstream = await startUpstream();
const gwOn = await startGateway(upstream.url, { detectors: true });
const gwOff = await startGateway(upstream.url, { detectors: false });
const clients = [];
const open = async (url) => {
  const c = await connect(url);
  clients.push(c);
  return c;
};

try {
  // 1. Sequential latency: direct, gateway (detectors on), gateway (detectors off), interleaved
  // and rotating which arm goes first.
  {
    const arms = {
      direct: { client: await open(upstream.url), tool: 'echo' },
      gateway: { client: await open(gwOn.url), tool: 'up__echo' },
      gatewayNoDetectors: { client: await open(gwOff.url), tool: 'up__echo' },
    };
    const list = Object.values(arms);
    const warmup = 200;
    const n = 2_000;
    for (let i = 0; i < warmup; i++) for (const a of list) await echo(a.client, a.tool);
    const samples = list.map(() => []);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < list.length; k++) {
        const j = (i + k) % list.length;
        const t = nowMs();
        await echo(list[j].client, list[j].tool);
        samples[j].push(nowMs() - t);
      }
    }
    const [direct, gateway, noDet] = samples.map(fineMs);
    const common = `SDK Client -> streamable HTTP (SSE responses) on 127.0.0.1, stateful sessions, echo of ${TEXT.length} chars; ${warmup} warm-up then ${n} calls per arm, interleaved rotating order; upstream, gateway and client in one Node process`;
    emit({ bench: 'gateway-direct', ...direct, note: `direct to the upstream; ${common}` });
    emit({
      bench: 'gateway-call',
      ...gateway,
      added_p50_ms: r3(gateway.p50_ms - direct.p50_ms),
      added_p99_ms: r3(gateway.p99_ms - direct.p99_ms),
      p99_ratio: r3(gateway.p99_ms / direct.p99_ms),
      direct_p50_ms: direct.p50_ms,
      direct_p99_ms: direct.p99_ms,
      note: `through the gateway (pins, policy, guard, default detectors, MemoryStore audit, a second HTTP hop); ${common}`,
    });
    emit({
      bench: 'gateway-call-no-detectors',
      ...noDet,
      added_p50_ms: r3(noDet.p50_ms - direct.p50_ms),
      p99_ratio: r3(noDet.p99_ms / direct.p99_ms),
      detector_share_p50_ms: r3(gateway.p50_ms - noDet.p50_ms),
      note: `the gateway with createWarden({ detectors: false }); detector_share = gateway p50 - this p50; ${common}`,
    });
  }

  // 2. Throughput: 32 clients, each calling echo back to back; direct and gateway alternate in
  // rounds (rotating which goes first), calls counted over each arm's total time.
  {
    const concurrency = 32;
    const roundMs = 1_250;
    const rounds = 4;
    const direct = [];
    const gateway = [];
    for (let i = 0; i < concurrency; i++) {
      direct.push(await open(upstream.url));
      gateway.push(await open(gwOn.url));
    }
    const burst = async (pool, tool, ms) => {
      let calls = 0;
      const t = nowMs();
      const end = t + ms;
      await Promise.all(
        pool.map(async (c) => {
          while (nowMs() < end) {
            await echo(c, tool);
            calls++;
          }
        }),
      );
      return { calls, ms: nowMs() - t };
    };
    await burst(direct, 'echo', 500);
    await burst(gateway, 'up__echo', 500);
    const totals = { direct: { calls: 0, ms: 0 }, gateway: { calls: 0, ms: 0 } };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
      for (const arm of order) {
        const got =
          arm === 'direct' ? await burst(direct, 'echo', roundMs) : await burst(gateway, 'up__echo', roundMs);
        totals[arm].calls += got.calls;
        totals[arm].ms += got.ms;
      }
    }
    const perS = (t) => Math.round(t.calls / (t.ms / 1000));
    emit({
      bench: 'gateway-throughput',
      concurrency,
      calls: totals.gateway.calls,
      seconds: r1(totals.gateway.ms / 1000),
      calls_per_s: perS(totals.gateway),
      direct_calls: totals.direct.calls,
      direct_calls_per_s: perS(totals.direct),
      gateway_over_direct: r3(perS(totals.gateway) / perS(totals.direct)),
      note: `${concurrency} SDK clients each calling echo back to back (default detectors on), ${rounds} rounds of ${roundMs} ms per arm alternating with the direct arm after a 500 ms warm-up each; the gateway shares one upstream session; clients, gateway and upstream share one event loop, so calls/s is the whole process's (client + gateway + upstream work), not the gateway's alone`,
    });
    await Promise.all(direct.map((c) => c.close().catch(() => undefined)));
  }

  // 3. Heap growth: gateway calls from 16 clients, heapUsed after forced GC at 10% and at 100% of
  // the run. The MemoryStore keeps every audit record in the heap by design (production uses
  // SQLite), so each checkpoint is read twice: as is, then with the audit records dropped.
  {
    const concurrency = 16;
    const pool = [];
    for (let i = 0; i < concurrency; i++) pool.push(await open(gwOn.url));
    let done = 0;
    const runTo = async (target) => {
      await Promise.all(
        pool.map(async (c) => {
          while (done < target) {
            done++;
            await echo(c, 'up__echo');
          }
        }),
      );
    };
    // undici removes its per-request abort listeners from FinalizationRegistry callbacks, which run
    // after a GC, as tasks: collect, let them run, collect again.
    const heap = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      gc();
      return process.memoryUsage().heapUsed;
    };
    const records = gwOn.auditRecords;
    const checkpoint = async () => {
      const withAudit = await heap();
      const kept = records.length;
      records.splice(0, kept - 1);
      return { withAudit, withoutAudit: await heap(), auditRecords: kept };
    };
    const first = Math.round(MEMORY_CALLS / 10);
    const t0 = nowMs();
    await runTo(first);
    const atFirst = await checkpoint();
    const t1 = nowMs();
    await runTo(MEMORY_CALLS);
    const atLast = await checkpoint();
    const t2 = nowMs();
    const between = MEMORY_CALLS - first;
    const growth = atLast.withoutAudit - atFirst.withoutAudit;
    const auditBytes = atLast.withAudit - atLast.withoutAudit;
    emit({
      bench: 'gateway-memory',
      calls: done,
      first_checkpoint_calls: first,
      concurrency,
      heap_first_mb: r1(atFirst.withoutAudit / MB),
      heap_last_mb: r1(atLast.withoutAudit / MB),
      growth_mb: r3(growth / MB),
      growth_bytes_per_call: r1(growth / between),
      projected_growth_10k_to_100k_mb: r3(((growth / between) * 90_000) / MB),
      audit_records_in_memory_mb: r1(auditBytes / MB),
      audit_bytes_per_record: Math.round(auditBytes / Math.max(1, atLast.auditRecords - 1)),
      calls_per_s: Math.round(between / ((t2 - t1) / 1000)),
      seconds: r1((t2 - t0) / 1000),
      note: `heapUsed after forced GC at ${first} and ${MEMORY_CALLS} gateway calls (${concurrency} clients, default detectors, after the phases above; ${MEMORY_CALLS < 100_000 ? `${MEMORY_CALLS} calls, not 100,000, to keep the bench near 2 minutes on a small VM: GATEWAY_BENCH_MEMORY_CALLS=100000 runs the full count; projected_* scales the measured per-call growth linearly` : 'the full count'}); growth excludes the MemoryStore's audit records (dropped before each reading: that store keeps every record in the heap by design; audit_records_in_memory_mb is the size of the ${between} records between the readings); the heap also holds the clients and the upstream of this process`,
    });
  }

  emit({
    bench: 'gateway-abort-listeners',
    max_listeners_seen: maxAbortListeners,
    warnings: listenerWarnings,
    note: "MaxListenersExceededWarning on an AbortSignal, counted here instead of printed: the SDK's StreamableHTTPClientTransport passes one AbortSignal per transport to every fetch, and undici adds an abort listener per request that it removes only once the Request is garbage-collected, so a busy client (the gateway's upstream connection included) holds thousands of listeners between GCs, and undici's per-request getEventListeners() check walks them all",
  });
} finally {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await gwOn.close();
  await gwOff.close();
  await upstream.close();
}
