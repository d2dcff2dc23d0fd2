import type { z } from 'zod';
import type { WardenIssue } from '../errors/warden-error.js';
import type { YamlSource } from './yaml-source.js';

/** `agents[0].tools.allow[2]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

// Keys people reach for by habit, mapped to where the rule really lives.
const KNOWN_MISTAKES: Record<string, string> = {
  forbiddenTools: 'use `tools.deny`',
  deniedTools: 'use `tools.deny`',
  allowedTools: 'use `tools.allow`',
  blockedTools: 'use `tools.deny`',
  disallowedTools: 'use `tools.deny`',
  allowed_hosts: 'use `network.allow`',
  hosts: 'use `network.allow`',
  paths: 'use `files.read` / `files.write`',
  readPaths: 'use `files.read`',
  writePaths: 'use `files.write`',
  requireApproval: 'use `approval.require`',
  approvals: 'inside an agent, use `approval.require`',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length]!;
}

type Def = {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  valueType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
};

/** The keys a strict object at `path` accepts, found by walking the Zod schema. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let defs: Def[] = [(schema as unknown as { _zod: { def: Def } })._zod.def];
  const unwrap = (d: Def): Def[] => {
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable') && d.innerType)
      return unwrap(d.innerType._zod.def);
    if (d.type === 'union' && d.options) return d.options.flatMap((o) => unwrap(o._zod.def));
    return [d];
  };
  defs = defs.flatMap(unwrap);
  for (const seg of path) {
    const next: Def[] = [];
    for (const d of defs) {
      if (d.type === 'object' && typeof seg === 'string' && d.shape?.[seg])
        next.push(...unwrap(d.shape[seg]._zod.def));
      else if (d.type === 'array' && typeof seg === 'number' && d.element)
        next.push(...unwrap(d.element._zod.def));
      else if (d.type === 'record' && d.valueType) next.push(...unwrap(d.valueType._zod.def));
    }
    defs = next;
  }
  return defs.flatMap((d) => (d.type === 'object' && d.shape ? Object.keys(d.shape) : []));
}

function hintForKey(key: string, allowed: readonly string[]): string | undefined {
  const known = KNOWN_MISTAKES[key];
  if (known) return known;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best && bestDistance <= Math.max(2, Math.floor(best.length / 3))) return `did you mean \`${best}\`?`;
  return allowed.length > 0 ? `allowed keys: ${allowed.join(', ')}` : undefined;
}

/**
 * Turn Zod issues into Warden issues with file, line, column and a hint. Every issue is kept: the
 * user fixes the whole file in one pass.
 */
export function toWardenIssues(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  source: YamlSource,
  pathPrefix: readonly (string | number)[] = [],
  sourcePathPrefix: readonly (string | number)[] = [],
): WardenIssue[] {
  const out: WardenIssue[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const hint = hintForKey(key, allowed);
        out.push({
          file: source.file,
          ...source.locate([...sourcePathPrefix, ...path], key),
          path: formatPath([...pathPrefix, ...path, key]),
          severity: 'error',
          message: `unknown key "${key}"`,
          ...(hint ? { hint } : {}),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Report the branch that got furthest: the one whose problems are not a plain type mismatch here.
      const branches = issue.errors.filter(
        (b) => !(b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0),
      );
      if (branches.length === 1) {
        const nested = branches[0]!.map((i) => ({ ...i, path: [...path, ...i.path] })) as z.core.$ZodIssue[];
        out.push(...toWardenIssues(schema, nested, source, pathPrefix, sourcePathPrefix));
        continue;
      }
    }
    out.push({
      file: source.file,
      ...source.locate([...sourcePathPrefix, ...path]),
      path: formatPath([...pathPrefix, ...path]),
      severity: 'error',
      message: issue.message,
    });
  }
  return out;
}
