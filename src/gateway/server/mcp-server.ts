// One MCP server session as a client sees it: the gateway's tools for the client's agent, calls
// routed through the gateway, cancellation passed on, and list changes announced.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Gateway, GatewayCaller } from './gateway.js';

export const GATEWAY_INFO = { name: 'warden-gateway', version: '0.1.0' } as const;

/**
 * An SDK `Server` bound to one caller. Connect it to any server transport (streamable HTTP, stdio).
 *
 * @example
 * const server = createGatewayServer(gateway, { agent: 'coder', session: 's1' });
 * await server.connect(new StdioServerTransport());
 */
export function createGatewayServer(gateway: Gateway, caller: GatewayCaller): Server {
  const server = new Server(GATEWAY_INFO, {
    capabilities: { tools: { listChanged: true } },
    instructions: 'Tools of several MCP servers behind Warden: calls are checked by policy and audited.',
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await gateway.listTools(caller) }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) =>
    gateway.callTool(caller, request.params.name, request.params.arguments, extra.signal),
  );
  const off = gateway.onToolsChanged(() => {
    void server.sendToolListChanged().catch(() => undefined);
  });
  const previous = server.onclose;
  server.onclose = () => {
    off();
    previous?.();
  };
  return server;
}
