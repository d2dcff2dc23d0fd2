/** A `${VAR}` that named a variable the environment does not have. */
export interface MissingEnv {
  path: (string | number)[];
  variable: string;
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** True when the string takes (part of) its value from the environment. */
export function hasEnvReference(value: string): boolean {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}/.test(value);
}

/**
 * Replace `${VAR}` and `${VAR:-default}` in every string of a parsed config; `$$` is a literal `$`.
 * Runs on parsed values, never on YAML text, so an environment value cannot inject YAML structure.
 *
 * @example
 * interpolateEnv({ key: '${TOKEN}' }, { TOKEN: 'abc' }) // { value: { key: 'abc' }, missing: [] }
 */
export function interpolateEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  path: (string | number)[] = [],
  missing: MissingEnv[] = [],
): { value: unknown; missing: MissingEnv[] } {
  if (typeof value === 'string') {
    if (!value.includes('$')) return { value, missing };
    const out = value.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
      if (match === '$$') return '$';
      const found = env[name!];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      missing.push({ path, variable: name! });
      return '';
    });
    return { value: out, missing };
  }
  if (Array.isArray(value)) {
    return { value: value.map((item, i) => interpolateEnv(item, env, [...path, i], missing).value), missing };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, [...path, k], missing).value;
    return { value: out, missing };
  }
  return { value, missing };
}
