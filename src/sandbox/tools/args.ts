// Argument validation shared by the tools. The guard's policy may already have checked the shape,
// but a tool called directly (or through a looser schema) must not trust it: unknown keys are refused
// so that a misspelt or invented option (`followSymlinks: true`) is an error, not silently ignored.
import { invalidArgument } from './errors.js';

/** The plain object of arguments, with no keys outside `allowed`. */
export function argsObject(args: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw invalidArgument('(arguments)', 'must be an object');
  }
  for (const key of Object.keys(args)) {
    if (!allowed.includes(key)) {
      throw invalidArgument(key, `unknown argument (allowed: ${allowed.join(', ')})`);
    }
  }
  return args as Record<string, unknown>;
}

export function optionalString(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidArgument(key, 'must be a string');
  return v;
}

export function requiredString(args: Record<string, unknown>, key: string): string {
  const v = optionalString(args, key);
  if (v === undefined) throw invalidArgument(key, 'is required');
  return v;
}

export function optionalBoolean(args: Record<string, unknown>, key: string): boolean | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw invalidArgument(key, 'must be a boolean');
  return v;
}

/** A non-negative safe integer, at least `min`. */
export function optionalInteger(args: Record<string, unknown>, key: string, min = 0): number | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw invalidArgument(key, `must be an integer >= ${min}`);
  }
  return v;
}

export function optionalChoice<T extends string>(
  args: Record<string, unknown>,
  key: string,
  choices: readonly T[],
): T | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw invalidArgument(key, `must be one of ${choices.join(', ')}`);
  }
  return v as T;
}

/** A positive integer option of a factory (`maxReadBytes`), or its default. */
export function positiveOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidArgument(name, 'must be a positive integer');
  }
  return value;
}

/** A non-negative integer option of a factory (`maxRedirects` may be 0), or its default. */
export function nonNegativeOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(name, 'must be a non-negative integer');
  }
  return value;
}

/**
 * The length of the longest prefix of `buf` that does not end inside a UTF-8 sequence, so a
 * truncated read decodes without a trailing U+FFFD and `bytes` says exactly where to continue.
 */
export function utf8Boundary(buf: Buffer): number {
  const end = buf.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
  let i = end - 1;
  while (i >= 0 && end - i <= 3 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return end;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - i < need ? i : end;
}
