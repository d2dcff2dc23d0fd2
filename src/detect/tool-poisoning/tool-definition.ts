/** An MCP-style tool definition as a server lists it. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
}

/** What is wrong with a tool definition. */
export type ToolPoisoningType =
  | 'hidden-instructions'
  | 'sensitive-file-reference'
  | 'cross-tool-reference'
  | 'model-directed-instruction'
  | 'hidden-characters'
  | 'exfiltration';

/** One finding in a tool definition. */
export interface ToolPoisoningFinding {
  type: ToolPoisoningType;
  /** JSON path of the string inside the definition: `description`, `inputSchema.properties.note.description`. */
  path: string;
  /** UTF-16 offsets into that string (end exclusive). */
  start: number;
  end: number;
  /** Confidence 0..1. */
  score: number;
  /** Why, for people. */
  message: string;
}

export interface ScanToolDefinitionOptions {
  /** Names of the other tools the agent has: a description that mentions them may shadow them. */
  otherToolNames?: readonly string[];
}
