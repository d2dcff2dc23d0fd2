import type { ArgMatcherConfig, ConditionConfig } from '../../config/schema.js';

/** A compiled `when:` block: true when every argument condition holds. */
export type CompiledCondition = (args: Record<string, unknown>) => boolean;

/** Own-property lookup of a dotted path; never walks the prototype chain (`__proto__`, `constructor`). */
export function getArg(args: unknown, path: string): unknown {
  let current: unknown = args;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function globRegExp(glob: string, ignoreCase: boolean): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'si' : 's');
}

function compileMatcher(matcher: ArgMatcherConfig, where: string): (value: unknown) => boolean {
  if (typeof matcher !== 'object') return (value) => value === matcher;
  const tests: ((value: unknown) => boolean)[] = [];
  if (matcher.exists !== undefined) {
    const want = matcher.exists;
    tests.push((v) => (v !== undefined) === want);
  }
  if (matcher.equals !== undefined) {
    const want = matcher.equals;
    tests.push((v) => v === want);
  }
  if (matcher.in) {
    const set = new Set<unknown>(matcher.in);
    tests.push(
      (v) =>
        set.has(v) ||
        (typeof v === 'string' && set.has(v.toUpperCase())) ||
        (typeof v === 'string' && set.has(v.toLowerCase())),
    );
  }
  if (matcher.notIn) {
    const set = new Set<unknown>(matcher.notIn);
    tests.push((v) => v !== undefined && !set.has(v));
  }
  if (matcher.matches !== undefined) {
    let regex: RegExp;
    try {
      regex = new RegExp(matcher.matches, matcher.ignoreCase ? 'ui' : 'u');
    } catch (error) {
      throw new Error(`${where}.matches: invalid regular expression: ${(error as Error).message}`);
    }
    tests.push((v) => typeof v === 'string' && regex.test(v));
  }
  if (matcher.glob !== undefined) {
    const regex = globRegExp(matcher.glob, matcher.ignoreCase === true);
    tests.push((v) => typeof v === 'string' && regex.test(v));
  }
  const numeric = (op: (a: number, b: number) => boolean, bound: number | undefined) => {
    if (bound !== undefined) tests.push((v) => typeof v === 'number' && op(v, bound));
  };
  numeric((a, b) => a > b, matcher.gt);
  numeric((a, b) => a >= b, matcher.gte);
  numeric((a, b) => a < b, matcher.lt);
  numeric((a, b) => a <= b, matcher.lte);
  if (matcher.maxLength !== undefined) {
    const max = matcher.maxLength;
    tests.push((v) => typeof v === 'string' && v.length <= max);
  }
  return (value) => tests.every((t) => t(value));
}

/**
 * Compile `{ method: { in: [POST, PUT] }, path: { glob: "*.env" } }` into a predicate.
 * `in` also matches the upper- or lower-cased string, so `post` cannot slip past `[POST]`.
 *
 * @example
 * compileCondition({ method: { in: ['POST'] } }, 'approval.require[0].when')({ method: 'post' }) // true
 */
export function compileCondition(condition: ConditionConfig, where: string): CompiledCondition {
  const parts = Object.entries(condition).map(([path, matcher]) => {
    const test = compileMatcher(matcher, `${where}.${path}`);
    return (args: Record<string, unknown>) => test(getArg(args, path));
  });
  return (args) => parts.every((p) => p(args));
}
