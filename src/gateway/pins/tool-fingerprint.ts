// Why: an MCP server can change a tool's definition after the user approved it (a "rug pull").
// Pinning needs a fingerprint that moves on every semantic change (any field, any depth) and on
// nothing else (key order, whitespace, escapes), so approvals survive re-listing but not edits.
import { canonicalJson } from '../../policy/canonical-json.js';
import { createHash } from 'node:crypto';
import type { ToolDefinition } from '../../detect/tool-poisoning/index.js';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

/**
 * A full MCP tool definition as `tools/list` returns it: the fields the detector knows plus
 * `_meta`, `icons` and anything a newer protocol revision (or an attacker) adds.
 */
export interface McpToolDefinition extends ToolDefinition {
  _meta?: unknown;
  [key: string]: unknown;
}

/** `sha256:<64 hex>`: the fingerprint of a tool definition. */
export type ToolFingerprint = `sha256:${string}`;

/**
 * The canonical form of a tool definition: a plain JSON value with object keys sorted at every
 * level and `undefined` members dropped. **Every** field is kept, `_meta` and unknown fields
 * included: `_meta` can carry behaviour (UI resource URIs, vendor hints read by clients) and
 * an unknown field today may be read by a client tomorrow, so a change anywhere must be seen.
 * A server whose `_meta` changes on every listing will therefore be quarantined as `changed`;
 * that is the fail-closed choice. Strings are not Unicode-normalised: a homoglyph swap is a change.
 *
 * Throws `INVALID_ARGUMENT` when `tool` is not an object with a non-empty string `name`.
 *
 * @example
 * canonicalToolDefinition({ name: 'add', inputSchema: { type: 'object' }, description: 'Add.' })
 * // { description: 'Add.', inputSchema: { type: 'object' }, name: 'add' }
 */
export function canonicalToolDefinition(tool: ToolDefinition): Record<string, unknown> {
  return JSON.parse(canonicalToolJson(tool)) as Record<string, unknown>;
}

/**
 * The canonical JSON text of a tool definition (see {@link canonicalToolDefinition}); what pins
 * store and what {@link toolFingerprint} hashes.
 *
 * @example
 * canonicalToolJson({ name: 'add', description: 'Add.' }) // '{"description":"Add.","name":"add"}'
 */
export function canonicalToolJson(tool: ToolDefinition): string {
  assertToolDefinition(tool);
  return canonicalJson(tool);
}

/**
 * `sha256:<hex>` of the canonical JSON of a tool definition. Equal for key order, whitespace and
 * escape differences of the listed JSON; different for any change of any value.
 *
 * @example
 * toolFingerprint({ name: 'add', description: 'Add.' }) === toolFingerprint({ description: 'Add.', name: 'add' }) // true
 */
export function toolFingerprint(tool: ToolDefinition): ToolFingerprint {
  return fingerprintOfCanonical(canonicalToolJson(tool));
}

/** The fingerprint of text that already is canonical tool JSON (e.g. a stored pin's definition). */
export function fingerprintOfCanonical(canonical: string): ToolFingerprint {
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** Throws `INVALID_ARGUMENT` unless `tool` is a plain object with a non-empty string `name`. */
export function assertToolDefinition(tool: unknown): asserts tool is ToolDefinition {
  if (tool === null || typeof tool !== 'object' || Array.isArray(tool)) {
    throw new WardenError(WardenErrorCode.InvalidArgument, 'tool definition must be a JSON object');
  }
  const name = (tool as { name?: unknown }).name;
  if (typeof name !== 'string' || name.length === 0) {
    throw new WardenError(
      WardenErrorCode.InvalidArgument,
      'tool definition field "name" must be a non-empty string',
    );
  }
}
