// Tool names behind the gateway: `server__tool`, so two upstreams' `read_file` cannot be confused
// and the policy sees which server a call goes to. Names that would collide, exceed MCP's 64
// characters or carry characters outside its tool-name alphabet are refused, never shortened or
// rewritten (a rewritten name is one an attacker could aim at another tool).
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

/** MCP tool names: 1-64 of A-Z a-z 0-9 _ - . (the 2025-11-25 revision's guidance). */
export const MAX_TOOL_NAME_LENGTH = 64;
const TOOL_NAME = /^[A-Za-z0-9_.-]+$/;
export const DEFAULT_SEPARATOR = '__';

export interface UpstreamTool {
  server: string;
  /** The name the upstream uses. */
  tool: string;
}

/** Why an upstream tool got no public name. */
export interface RefusedToolName extends UpstreamTool {
  reason: 'invalid-name' | 'too-long' | 'collision';
  message: string;
}

/** Public name -> upstream tool, built once per listing. */
export interface ToolNameTable {
  readonly byPublicName: ReadonlyMap<string, UpstreamTool>;
  readonly refused: readonly RefusedToolName[];
  publicName(server: string, tool: string): string | undefined;
}

/**
 * Build the table of public names for every upstream tool. A server name may not contain the
 * separator (so the split is unambiguous); tools whose public name would collide are all refused,
 * not first-come-first-served, so that which one a client gets never depends on listing order.
 *
 * @example
 * const t = buildToolNameTable([{ server: 'fs', tool: 'read_file' }]);
 * t.byPublicName.get('fs__read_file') // { server: 'fs', tool: 'read_file' }
 */
export function buildToolNameTable(
  tools: readonly UpstreamTool[],
  separator = DEFAULT_SEPARATOR,
  options: { namespace?: boolean } = {},
): ToolNameTable {
  const namespace = options.namespace ?? true;
  if (separator === '' || !TOOL_NAME.test(separator)) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      `gateway.toolSeparator: "${separator}" is not allowed in tool names`,
    );
  }
  const refused: RefusedToolName[] = [];
  const candidates = new Map<string, UpstreamTool[]>();
  for (const t of tools) {
    if (namespace && t.server.includes(separator)) {
      refused.push({
        ...t,
        reason: 'invalid-name',
        message: `server name "${t.server}" contains the separator "${separator}"`,
      });
      continue;
    }
    if (!TOOL_NAME.test(t.tool) || !TOOL_NAME.test(t.server)) {
      refused.push({
        ...t,
        reason: 'invalid-name',
        message: `"${t.server}${separator}${t.tool}" has characters outside A-Z a-z 0-9 _ - .`,
      });
      continue;
    }
    // Without namespacing (one upstream) the upstream's own names are published as they are.
    const name = namespace ? `${t.server}${separator}${t.tool}` : t.tool;
    if (name.length > MAX_TOOL_NAME_LENGTH) {
      refused.push({
        ...t,
        reason: 'too-long',
        message: `"${name}" is longer than ${MAX_TOOL_NAME_LENGTH} characters`,
      });
      continue;
    }
    const list = candidates.get(name);
    if (list) list.push(t);
    else candidates.set(name, [t]);
  }
  const byPublicName = new Map<string, UpstreamTool>();
  const reverse = new Map<string, string>();
  for (const [name, list] of candidates) {
    if (list.length > 1) {
      for (const t of list)
        refused.push({ ...t, reason: 'collision', message: `"${name}" is listed ${list.length} times` });
      continue;
    }
    byPublicName.set(name, list[0]!);
    reverse.set(`${list[0]!.server}\0${list[0]!.tool}`, name);
  }
  return {
    byPublicName,
    refused,
    publicName: (server, tool) => reverse.get(`${server}\0${tool}`),
  };
}
