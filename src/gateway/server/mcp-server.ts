// One MCP server session as a client sees it: the gateway's tools, resources and prompts for the
// client's agent, calls routed through the gateway, cancellation passed on, list changes and
// subscribed resource updates announced.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import type { Gateway, GatewayCaller } from './gateway.js';

export const GATEWAY_INFO = { name: 'warden-gateway', version: '0.1.0' } as const;

/** A refusal as a JSON-RPC error the client can read: what was refused and why, nothing internal. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof McpError) throw error;
    if (WardenError.isInstance(error)) {
      const code =
        error.code === WardenErrorCode.InvalidArgument ? ErrorCode.InvalidParams : ErrorCode.InvalidRequest;
      throw new McpError(code, `Warden: ${error.message}`);
    }
    throw new McpError(ErrorCode.InternalError, 'Warden: the upstream server failed to answer');
  }
}

/**
 * An SDK `Server` bound to one caller. Connect it to any server transport (streamable HTTP, stdio).
 *
 * @example
 * const server = createGatewayServer(gateway, { agent: 'coder', session: 's1' });
 * await server.connect(new StdioServerTransport());
 */
export function createGatewayServer(gateway: Gateway, caller: GatewayCaller): Server {
  const server = new Server(GATEWAY_INFO, {
    capabilities: {
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
    },
    instructions: 'Tools of several MCP servers behind Warden: calls are checked by policy and audited.',
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await gateway.listTools(caller) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const token = request.params._meta?.progressToken;
    const onProgress =
      token === undefined
        ? undefined
        : (p: { progress: number; total?: number; message?: string }) =>
            void extra
              .sendNotification({ method: 'notifications/progress', params: { progressToken: token, ...p } })
              .catch(() => undefined);
    return gateway.callTool(caller, request.params.name, request.params.arguments, extra.signal, onProgress);
  });
  server.setRequestHandler(ListResourcesRequestSchema, () =>
    refusing(async () => ({ resources: await gateway.listResources(caller) })),
  );
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () =>
    refusing(async () => ({ resourceTemplates: await gateway.listResourceTemplates(caller) })),
  );
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) =>
    refusing(() => gateway.readResource(caller, request.params.uri, extra.signal)),
  );
  const subscribed = new Set<string>();
  server.setRequestHandler(SubscribeRequestSchema, (request) =>
    refusing(async () => {
      await gateway.subscribeResource(caller, request.params.uri, true);
      subscribed.add(request.params.uri);
      return {};
    }),
  );
  server.setRequestHandler(UnsubscribeRequestSchema, (request) =>
    refusing(async () => {
      subscribed.delete(request.params.uri);
      // Other sessions may still be subscribed upstream; this session just stops hearing about it.
      return {};
    }),
  );
  server.setRequestHandler(ListPromptsRequestSchema, () =>
    refusing(async () => ({ prompts: await gateway.listPrompts(caller) })),
  );
  server.setRequestHandler(GetPromptRequestSchema, (request, extra) =>
    refusing(() => gateway.getPrompt(caller, request.params.name, request.params.arguments, extra.signal)),
  );
  server.setRequestHandler(CompleteRequestSchema, (request) =>
    refusing(() => gateway.complete(caller, request.params)),
  );
  server.setRequestHandler(SetLevelRequestSchema, (request) =>
    refusing(async () => {
      await gateway.setLoggingLevel(request.params.level);
      return {};
    }),
  );
  const offs = [
    gateway.onToolsChanged(() => void server.sendToolListChanged().catch(() => undefined)),
    gateway.onResourceUpdated((uri) => {
      if (subscribed.has(uri)) void server.sendResourceUpdated({ uri }).catch(() => undefined);
    }),
    gateway.onListChanged((what) => {
      const send = what === 'resources' ? server.sendResourceListChanged() : server.sendPromptListChanged();
      void send.catch(() => undefined);
    }),
  ];
  const previous = server.onclose;
  server.onclose = () => {
    for (const off of offs) off();
    previous?.();
  };
  return server;
}
