/** An input parameter whose name asks the model for data it holds rather than for tool input. */
export interface SuspiciousParameter {
  /** JSON path of the parameter: `inputSchema.properties.sidenote`. */
  readonly path: string;
  readonly name: string;
  readonly score: number;
}

// Names that ask the model to hand over its context: the tool list, the conversation, secrets.
const STRONG =
  /^(?:tools?_?list|all_?tools|available_?tools|tool_?names|side_?note|system_?prompt|chat_?history|conversation(?:_?history)?|previous_?messages|ssh_?keys?|private_?keys?|env_?vars?|environment_?variables|file_?contents?|memory_?dump)$/i;
// Ordinary for some tools (an LLM proxy takes a prompt, a login tool a password): weak.
const WEAK =
  /^(?:context|history|messages|prompt|instructions|memory|notes?|token|metadata|extra|debug|secrets?|credentials?|passwords?|api_?keys?)$/i;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Input parameters named for data the model holds rather than for the tool's input (`sidenote`,
 * `tools_list`, `chat_history`, `api_key`): a poisoned tool asks the model to fill them with
 * files, secrets or the conversation. Looks at `inputSchema.properties`, nested objects included.
 *
 * @example
 * findSuspiciousParameters({ properties: { a: {}, sidenote: {} } })
 * // [{ path: 'inputSchema.properties.sidenote', name: 'sidenote', score: 0.5 }]
 */
export function findSuspiciousParameters(inputSchema: unknown): SuspiciousParameter[] {
  const out: SuspiciousParameter[] = [];
  const seen = new WeakSet<object>();
  const visit = (schema: unknown, path: string, depth: number) => {
    if (schema === null || typeof schema !== 'object' || depth > 8 || seen.has(schema)) return;
    seen.add(schema);
    const properties = (schema as { properties?: unknown }).properties;
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return;
    for (const [name, child] of Object.entries(properties as Record<string, unknown>)) {
      const childPath = `${path}.properties${IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`}`;
      const score = STRONG.test(name) ? 0.5 : WEAK.test(name) ? 0.2 : 0;
      if (score > 0) out.push({ path: childPath, name, score });
      visit(child, childPath, depth + 1);
    }
  };
  visit(inputSchema, 'inputSchema', 0);
  return out;
}
