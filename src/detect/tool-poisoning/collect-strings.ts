import type { ToolDefinition } from './tool-definition.js';

/** A string inside a tool definition and its JSON path. */
export interface DefinitionString {
  readonly path: string;
  readonly value: string;
}

const MAX_STRINGS = 5000;
const MAX_DEPTH = 32;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Every string a model sees in a tool definition, with its JSON path: the name, title and
 * description, and every string value in the input and output schemas and annotations
 * (descriptions, titles, defaults, enums, examples). Cycle-safe and bounded.
 *
 * @example
 * collectStrings({ name: 'add', inputSchema: { properties: { a: { description: 'first' } } } })
 * // [{ path: 'name', value: 'add' }, { path: 'inputSchema.properties.a.description', value: 'first' }]
 */
export function collectStrings(def: ToolDefinition): DefinitionString[] {
  const out: DefinitionString[] = [];
  const seen = new WeakSet<object>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (out.length >= MAX_STRINGS || depth > MAX_DEPTH) return;
    if (typeof value === 'string') {
      out.push({ path, value });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      visit(item, joinPath(path, key), depth + 1);
    }
  };
  const record = def as unknown as Record<string, unknown>;
  for (const key of ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations']) {
    if (key in record) visit(record[key], key, 0);
  }
  return out;
}

function joinPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
