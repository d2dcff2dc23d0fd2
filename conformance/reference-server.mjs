/* global console, process, setTimeout, URL */
// A conformance reference server: the tools, resources and prompts that the server scenarios of
// @modelcontextprotocol/conformance call by name (test_simple_text, test://static-text,
// test_simple_prompt, ...), served over streamable HTTP with one SDK Server per session.
//
// The suite's own "everything-server" lives only in its Git repository (the npm package ships the
// CLI alone), so this is Warden's implementation of the same contract, written against the
// scenarios' checks. It is run directly (baseline) and behind the gateway (what we measure).
//
//   node conformance/reference-server.mjs [--port N]    -> prints "LISTENING <url>" on stdout
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ElicitResultSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ErrorCode,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  CreateMessageResultSchema,
} from '@modelcontextprotocol/sdk/types.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';
const empty = { type: 'object', properties: {} };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (t) => ({ content: [{ type: 'text', text: t }] });

/** name -> { description, inputSchema, run(args, extra, server) } */
const TOOLS = {
  test_simple_text: {
    description: 'Simple text content',
    run: () => text('This is a simple text response for testing.'),
  },
  test_image_content: {
    description: 'Image content',
    run: () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }),
  },
  test_audio_content: {
    description: 'Audio content',
    run: () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }),
  },
  test_embedded_resource: {
    description: 'Embedded resource content',
    run: () => ({
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ],
    }),
  },
  test_multiple_content_types: {
    description: 'Text, image and resource content in one result',
    run: () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    }),
  },
  test_tool_with_logging: {
    description: 'Sends log notifications while it runs',
    run: async (_args, extra) => {
      for (const data of ['Tool execution started', 'Tool processing data', 'Tool execution completed']) {
        await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data } });
        await sleep(50);
      }
      return text('Tool with logging executed successfully');
    },
  },
  test_tool_with_progress: {
    description: 'Sends progress notifications while it runs',
    run: async (_args, extra) => {
      const progressToken = extra._meta?.progressToken ?? 0;
      for (const progress of [0, 50, 100]) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` },
        });
        await sleep(50);
      }
      return text(String(progressToken));
    },
  },
  test_error_handling: {
    description: 'Always fails',
    run: () => ({
      isError: true,
      content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
    }),
  },
  test_reconnection: {
    description: 'Closes its SSE stream mid-call (SEP-1699)',
    run: async (_args, extra, ctx) => {
      ctx.transport?.closeSSEStream?.(extra.requestId);
      await sleep(100);
      return text('Reconnection test completed successfully.');
    },
  },
  test_sampling: {
    description: 'Asks the client for an LLM completion',
    inputSchema: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    run: async (args, extra) => {
      const r = await extra.sendRequest(
        {
          method: 'sampling/createMessage',
          params: {
            messages: [{ role: 'user', content: { type: 'text', text: String(args.prompt) } }],
            maxTokens: 100,
          },
        },
        CreateMessageResultSchema,
      );
      return text(`LLM response: ${r.content?.text ?? 'No response'}`);
    },
  },
  test_elicitation: {
    description: 'Asks the user for input',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    run: (args, extra) =>
      elicit(extra, String(args.message), {
        type: 'object',
        properties: { response: { type: 'string', description: "User's response" } },
        required: ['response'],
      }),
  },
  test_elicitation_sep1034_defaults: {
    description: 'Elicitation with defaults (SEP-1034)',
    run: (_args, extra) =>
      elicit(extra, 'Please review and update the form fields with defaults', {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'User name', default: 'John Doe' },
          age: { type: 'integer', description: 'User age', default: 30 },
          score: { type: 'number', description: 'User score', default: 95.5 },
          status: {
            type: 'string',
            description: 'User status',
            enum: ['active', 'inactive', 'pending'],
            default: 'active',
          },
          verified: { type: 'boolean', description: 'Verification status', default: true },
        },
        required: [],
      }),
  },
  test_elicitation_sep1330_enums: {
    description: 'Elicitation with the enum variants (SEP-1330)',
    run: (_args, extra) => {
      const titled = (prefix) => [1, 2, 3].map((i) => ({ const: `value${i}`, title: `${prefix} ${i}` }));
      return elicit(extra, 'Please select options from the enum fields', {
        type: 'object',
        properties: {
          untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
          titledSingle: { type: 'string', oneOf: titled('Option') },
          legacyEnum: {
            type: 'string',
            enum: ['opt1', 'opt2', 'opt3'],
            enumNames: ['Option One', 'Option Two', 'Option Three'],
          },
          untitledMulti: {
            type: 'array',
            minItems: 1,
            maxItems: 3,
            items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
          },
          titledMulti: { type: 'array', minItems: 1, maxItems: 3, items: { anyOf: titled('Choice') } },
        },
        required: [],
      });
    },
  },
  json_schema_2020_12_tool: {
    description: 'Input schema with JSON Schema 2020-12 keywords (SEP-1613)',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
      },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    },
    run: (args) => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
  },
};

async function elicit(extra, message, requestedSchema) {
  const r = await extra.sendRequest(
    { method: 'elicitation/create', params: { mode: 'form', message, requestedSchema } },
    ElicitResultSchema,
  );
  return text(`Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`);
}

const RESOURCES = [
  { uri: 'test://static-text', name: 'static-text', title: 'Static Text Resource', mimeType: 'text/plain' },
  {
    uri: 'test://static-binary',
    name: 'static-binary',
    title: 'Static Binary Resource',
    mimeType: 'image/png',
  },
  {
    uri: 'test://watched-resource',
    name: 'watched-resource',
    title: 'Watched Resource',
    mimeType: 'text/plain',
  },
];

function readResource(uri) {
  if (uri === 'test://static-text')
    return { uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' };
  if (uri === 'test://static-binary') return { uri, mimeType: 'image/png', blob: PNG };
  if (uri === 'test://watched-resource')
    return { uri, mimeType: 'text/plain', text: 'Watched resource content' };
  const m = /^test:\/\/template\/([^/]+)\/data$/.exec(uri);
  if (m) {
    const id = decodeURIComponent(m[1]);
    return {
      uri,
      mimeType: 'application/json',
      text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
    };
  }
  // SEP-2164: an unknown resource is a -32602 error, not an empty result.
  throw new McpError(ErrorCode.InvalidParams, `Resource not found: ${uri}`, { uri });
}

const PROMPTS = {
  test_simple_prompt: {
    description: 'A simple prompt without arguments',
    get: () => [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }],
  },
  test_prompt_with_arguments: {
    description: 'A prompt with required arguments',
    arguments: [
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ],
    get: (a) => [
      {
        role: 'user',
        content: { type: 'text', text: `Prompt with arguments: arg1='${a.arg1}', arg2='${a.arg2}'` },
      },
    ],
  },
  test_prompt_with_embedded_resource: {
    description: 'A prompt that embeds a resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
    get: (a) => [
      {
        role: 'user',
        content: {
          type: 'resource',
          resource: {
            uri: a.resourceUri,
            mimeType: 'text/plain',
            text: 'Embedded resource content for testing.',
          },
        },
      },
      { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
    ],
  },
  test_prompt_with_image: {
    description: 'A prompt with image content',
    get: () => [
      { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ],
  },
};

function createMcpServer(ctx) {
  const server = new Server(
    { name: 'warden-conformance-reference', version: '1.0.0' },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
      },
    },
  );
  const log = (data) =>
    server
      .notification({ method: 'notifications/message', params: { level: 'info', logger: 'reference', data } })
      .catch(() => {});
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: Object.entries(TOOLS).map(([name, t]) => ({
      name,
      description: t.description,
      inputSchema: t.inputSchema ?? empty,
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const tool = TOOLS[req.params.name];
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${req.params.name}`);
    return tool.run(req.params.arguments ?? {}, extra, ctx);
  });
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: RESOURCES }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: 'test://template/{id}/data',
        name: 'template',
        title: 'Resource Template',
        mimeType: 'application/json',
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (req) => ({
    contents: [readResource(req.params.uri)],
  }));
  server.setRequestHandler(SubscribeRequestSchema, (req) => {
    log(`Subscribed to resource: ${req.params.uri}`);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (req) => {
    log(`Unsubscribed from resource: ${req.params.uri}`);
    return {};
  });
  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: Object.entries(PROMPTS).map(([name, p]) => ({
      name,
      description: p.description,
      ...(p.arguments ? { arguments: p.arguments } : {}),
    })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, (req) => {
    const p = PROMPTS[req.params.name];
    if (!p) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${req.params.name}`);
    return { messages: p.get(req.params.arguments ?? {}) };
  });
  server.setRequestHandler(SetLevelRequestSchema, (req) => {
    log(`Log level set to: ${req.params.level}`);
    return {};
  });
  server.setRequestHandler(CompleteRequestSchema, () => ({
    completion: { values: [], total: 0, hasMore: false },
  }));
  return server;
}

/** Resumability (SEP-1699): events kept in memory, replayed after Last-Event-ID. */
function memoryEventStore() {
  const events = [];
  return {
    async storeEvent(streamId, message) {
      const eventId = `${streamId}::${String(events.length).padStart(8, '0')}`;
      events.push({ eventId, streamId, message });
      return eventId;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const streamId = lastEventId.split('::')[0];
      for (const e of events) {
        if (e.streamId === streamId && e.eventId > lastEventId && Object.keys(e.message).length > 0)
          await send(e.eventId, e.message);
      }
      return streamId;
    },
  };
}

/**
 * Serve on 127.0.0.1. Resolves to { url, close() }.
 *
 * @example
 * const ref = await startReferenceServer({ port: 0 }); // ref.url === 'http://127.0.0.1:PORT/mcp'
 */
export async function startReferenceServer({ port = 0 } = {}) {
  const sessions = new Map();
  let listenPort = port;
  const reply = (res, status, message) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };
  const http = createServer(async (req, res) => {
    try {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp') return reply(res, 404, 'not found');
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') {
        const s = sessions.get(sid);
        if (!s) return reply(res, 404, 'unknown session');
        return await s.transport.handleRequest(req, res);
      }
      if (req.method !== 'POST') return reply(res, 400, 'missing session id');
      const ctx = {};
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: memoryEventStore(),
        retryInterval: 1000,
        enableDnsRebindingProtection: true,
        allowedHosts: [`127.0.0.1:${listenPort}`, `localhost:${listenPort}`],
        onsessioninitialized: (id) => sessions.set(id, { transport, server }),
      });
      ctx.transport = transport;
      const server = createMcpServer(ctx);
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch {
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.end();
    }
  });
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  listenPort = http.address().port;
  return {
    url: `http://127.0.0.1:${listenPort}/mcp`,
    close: async () => {
      for (const s of sessions.values()) await s.server.close().catch(() => {});
      sessions.clear();
      http.closeAllConnections();
      await new Promise((r) => http.close(() => r()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--port');
  const ref = await startReferenceServer({ port: i > 0 ? Number(process.argv[i + 1]) : 0 });
  console.log(`LISTENING ${ref.url}`);
  const stop = () => ref.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
