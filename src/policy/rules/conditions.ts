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

// Characters a tool is likely to drop or that make two strings look equal: controls, zero-width,
// bidi and soft hyphens. `"P\u200bOST"` must not slip past `POST`.
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The spelling strings are compared in: NFKC, invisible characters removed, trimmed, lower case. */
export function foldForMatch(value: string): string {
  return value.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
}

type Scalar = string | number | boolean;

function looseEqual(value: Scalar, want: Scalar): boolean {
  if (typeof value === 'string' || typeof want === 'string')
    return foldForMatch(String(value)) === foldForMatch(String(want));
  return value === want;
}

function asNumber(value: Scalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
  return Number.NaN;
}

function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'si');
}

/** Tests one scalar value. */
type ScalarTest = (value: Scalar) => boolean;

function compileMatcher(matcher: ArgMatcherConfig, where: string): (value: unknown) => boolean {
  const tests: ScalarTest[] = [];
  let exists: boolean | undefined;
  if (typeof matcher !== 'object') {
    tests.push((v) => looseEqual(v, matcher));
  } else {
    exists = matcher.exists;
    if (matcher.equals !== undefined) {
      const want = matcher.equals;
      tests.push((v) => looseEqual(v, want));
    }
    if (matcher.in) {
      const list = matcher.in;
      tests.push((v) => list.some((w) => looseEqual(v, w)));
    }
    if (matcher.notIn) {
      const list = matcher.notIn;
      tests.push((v) => !list.some((w) => looseEqual(v, w)));
    }
    if (matcher.matches !== undefined) {
      let regex: RegExp;
      try {
        regex = new RegExp(matcher.matches, matcher.ignoreCase === false ? 'u' : 'ui');
      } catch (error) {
        throw new Error(`${where}.matches: invalid regular expression: ${(error as Error).message}`);
      }
      // Raw and folded: a zero-width space inside `DROP TABLE` must not hide it.
      tests.push((v) => regex.test(String(v)) || regex.test(foldForMatch(String(v))));
    }
    if (matcher.glob !== undefined) {
      const regex = globRegExp(matcher.glob);
      tests.push((v) => regex.test(String(v)) || regex.test(foldForMatch(String(v))));
    }
    const numeric = (op: (a: number, b: number) => boolean, bound: number | undefined) => {
      if (bound === undefined) return;
      // A value that is not a number (`"5000"` aside, which counts as 5000) cannot be compared:
      // the condition holds, so the approval or deny it guards still applies.
      tests.push((v) => {
        const n = asNumber(v);
        return Number.isNaN(n) || op(n, bound);
      });
    };
    numeric((a, b) => a > b, matcher.gt);
    numeric((a, b) => a >= b, matcher.gte);
    numeric((a, b) => a < b, matcher.lt);
    numeric((a, b) => a <= b, matcher.lte);
    if (matcher.longerThan !== undefined) {
      const max = matcher.longerThan;
      tests.push((v) => String(v).length > max);
    }
  }

  const scalarHolds = (v: Scalar) => tests.every((t) => t(v));
  const holds = (value: unknown): boolean => {
    if (tests.length === 0) return true;
    if (Array.isArray(value)) return value.some(holds);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return scalarHolds(value);
    return true; // an object or null: the matcher cannot judge it, so the condition holds (fail closed)
  };
  return (value) => {
    if (exists !== undefined && (value !== undefined) !== exists) return false;
    if (value === undefined) return tests.length === 0;
    return holds(value);
  };
}

/**
 * Compile `{ method: { in: [POST, PUT] }, path: { glob: "*.env" } }` into a predicate. Conditions
 * guard restrictions (approvals, argument deny rules), so they fail closed: strings are compared
 * case-insensitively after NFKC and with invisible characters removed, numeric strings count as
 * numbers, an array holds when any element does, and a value of a type the matcher cannot judge
 * (an object for `equals`, `"lots"` for `gt`) makes the condition hold. A missing argument holds
 * only for `exists: false` (or a matcher with no value tests).
 *
 * @example
 * compileCondition({ method: { in: ['POST'] } }, 'approval.require[0].when')({ method: ' post' }) // true
 */
export function compileCondition(condition: ConditionConfig, where: string): CompiledCondition {
  const parts = Object.entries(condition).map(([path, matcher]) => {
    const test = compileMatcher(matcher, `${where}.${path}`);
    return (args: Record<string, unknown>) => test(getArg(args, path));
  });
  return (args) => parts.every((p) => p(args));
}
