import type { Finding, FindingKind } from '../detect/finding.js';
import { applyRedactions } from '../detect/redact.js';
import { scan } from '../detect/scan.js';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import type { Policy } from '../policy/policy.js';
import { checkUrl } from '../policy/rules/urls/check-url.js';
import type { OutputFinding, OutputStage } from './warden-core.js';

export interface DetectorStageOptions {
  /** Kinds replaced by placeholders in tool results (default: secrets and PII). */
  redact?: readonly FindingKind[];
  /** Findings below this confidence are neither redacted nor reported (default 0.5). */
  minScore?: number;
  /** A tool result carrying prompt injection: recorded (`flag`, default) or refused (`block`). */
  onInjection?: 'flag' | 'block';
  /** Results with more text than this are refused rather than passed on unscanned (default 16 MiB). */
  maxChars?: number;
}

/**
 * The output stage that runs the detectors on every string of a tool result: secrets and PII are
 * redacted in place, injection, exfiltration links and hidden text are reported to the guard
 * (audit record, `detection` event, session taint), and injection can block the result. Values
 * it cannot rewrite safely (a class instance holding a secret, a result too large to scan) are
 * refused, never passed through unscanned.
 *
 * @example
 * const warden = await createWarden({ config, detectors: { onInjection: 'block' } });
 */
export function detectorStage(policy: Policy, options: DetectorStageOptions = {}): OutputStage {
  const minScore = options.minScore ?? 0.5;
  const redactKinds = options.redact ?? ['secret', 'pii'];
  const maxChars = options.maxChars ?? 16 * 1024 * 1024;
  const hostChecks = new Map<string, (host: string) => boolean>();
  const allowedHost = (agent: string) => {
    let check = hostChecks.get(agent);
    if (!check) {
      const network = policy.profile(agent)?.network;
      check = (host) => network !== undefined && checkUrl(network, `https://${host}/`).ok;
      hostChecks.set(agent, check);
    }
    return check;
  };

  return (result, call) => {
    const budget = { chars: maxChars };
    const isAllowedHost = allowedHost(call.agent);
    const visit = (text: string, path: string): string => {
      budget.chars -= text.length;
      if (budget.chars < 0) {
        throw new WardenError(
          WardenErrorCode.OutputBlocked,
          `result has more than ${maxChars} characters of text to scan`,
        );
      }
      const { findings } = scan(text, { channel: 'tool', isAllowedHost });
      const kept = findings.filter((f) => f.score >= minScore);
      for (const f of kept) call.findings.push(summarize(f, path));
      if (options.onInjection === 'block' && kept.some((f) => f.kind === 'injection')) {
        throw new WardenError(
          WardenErrorCode.OutputBlocked,
          `prompt injection in the result of ${call.tool} (${path || 'result'})`,
        );
      }
      return applyRedactions(text, kept, { redact: redactKinds, minScore }).text;
    };
    return walk(result, '', visit, 0);
  };
}

function summarize(f: Finding, path: string): OutputFinding {
  return { ...f, ...(path ? { path } : {}) };
}

const MAX_DEPTH = 64;

/** Rebuild plain objects and arrays with every string passed through `visit`. */
function walk(
  value: unknown,
  path: string,
  visit: (text: string, path: string) => string,
  depth: number,
): unknown {
  if (typeof value === 'string') return visit(value, path);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) {
    throw new WardenError(WardenErrorCode.OutputBlocked, `result nests deeper than ${MAX_DEPTH} levels`);
  }
  if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`, visit, depth + 1));
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
    const out = visit(text, path);
    return out === text ? value : Buffer.from(out, 'utf8');
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, path ? `${path}.${k}` : k, visit, depth + 1);
    return out;
  }
  if (value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [k, walk(v, `${path}[${String(k)}]`, visit, depth + 1)]));
  }
  if (value instanceof Set)
    return new Set([...value].map((v, i) => walk(v, `${path}[${i}]`, visit, depth + 1)));
  // A class instance, Map, stream…: scan what it would serialise to; if that needs rewriting we
  // cannot rewrite the object itself, so the result is refused.
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(value);
  } catch {
    serialized = undefined;
  }
  if (serialized === undefined) {
    throw new WardenError(
      WardenErrorCode.OutputBlocked,
      `cannot scan a ${describe(value)} result at ${path || 'result'}`,
    );
  }
  if (visit(serialized, path) !== serialized) {
    throw new WardenError(
      WardenErrorCode.OutputBlocked,
      `a ${describe(value)} at ${path || 'result'} holds data to redact; return plain objects`,
    );
  }
  return value;
}

function describe(value: object): string {
  return (value.constructor as { name?: string } | undefined)?.name ?? 'non-plain object';
}
