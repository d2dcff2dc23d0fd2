import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal values always serialise identically.
 * Approvals and policy versions hash this form.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  // Values whose keys are already in order (records we built, or parsed back from their canonical
  // text) serialise natively, which is several times faster than building the string here.
  if (isInCanonicalOrder(value)) return JSON.stringify(value) ?? 'null';
  return buildCanonical(value);
}

/**
 * True when `JSON.stringify(value)` already is the canonical form: plain objects and arrays only
 * (no `toJSON`, no class instances), every object's keys in sorted order, no value JSON would drop
 * or convert differently (undefined, functions, symbols, bigints).
 */
function isInCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!isInCanonicalOrder(value[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    // `<` compares UTF-16 code units, as the default sort does.
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    if (!isInCanonicalOrder(record[keys[i]!])) return false;
  }
  return true;
}

function buildCanonical(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // undefined, functions, symbols and bigints have no JSON form; treat them as null like arrays do.
      return 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += buildCanonical(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += `${quoteKey(key)}:${buildCanonical(v)}`;
  }
  return `${out}}`;
}

const PLAIN_KEY = /^[A-Za-z0-9_$.-]*$/;

/** A JSON object key; plain identifiers need no escaping, so skip the serializer for them. */
export function quoteKey(key: string): string {
  return PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key);
}

/** SHA-256 of the canonical JSON, hex. */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
