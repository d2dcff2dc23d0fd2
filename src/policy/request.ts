/**
 * A tool call to be decided, in Cedar's terms: who (principal, acting through an agent profile),
 * does what (tool) to which resource (args), in which context.
 */
export interface ToolRequest {
  /** Name of the agent profile that governs the call. */
  agent: string;
  /** The identity on whose behalf the agent acts (a user, a service). Informational until identity lands. */
  principal?: string;
  /** Session id: limits, approvals and kill switches are scoped by it. */
  session?: string;
  /** Tool name, e.g. `fs.read` or `github.create_issue`. */
  tool: string;
  /** Tool arguments as the model produced them. Anything but a plain object is denied. */
  args?: unknown;
  /** Extra facts supplied by the caller (e.g. `cwd`, taint labels). Never trusted to widen access. */
  context?: Record<string, unknown>;
}
