import type { CompiledApprovalRule, CompiledProfile, CompiledToolRule } from './compile-profile.js';
import { combine, type Decision, denyReason, type Obligation, type Reason } from './decision.js';
import type { ToolRequest } from './request.js';
import { type ArgSemantic, BUILTIN_TOOLS, defaultArgSemantics, isCwdArg } from './rules/arg-semantics.js';
import { checkBuiltinShape } from './rules/args-shape.js';
import { isCodeExecutionTool } from './rules/code-execution-tools.js';
import { checkCommand } from './rules/commands/index.js';
import { getArg } from './rules/conditions.js';
import { checkPath } from './rules/file-scope.js';
import { checkUrl } from './rules/urls/index.js';

const MAX_TOOL_NAME = 256;
const MAX_ARGS_DEPTH = 32;
const MAX_ARGS_NODES = 100_000;
// Letters, digits and `_ . : / -`, starting and ending with a letter, digit or `_`: MCP's tool-name
// alphabet plus the separators gateways add. Anything else (Unicode look-alikes, a trailing `.` or
// `~`) could match a rule differently from how the tool registry resolves it.
const TOOL_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.:/-]*[A-Za-z0-9_])?$/;

function deny(rule: string, message: string, policyVersion = ''): Decision {
  return { effect: 'deny', reasons: [denyReason(rule, message)], obligations: [], policyVersion };
}

/** Arguments must be a plain JSON-like object of bounded size; anything else is refused up front. */
function argsProblem(args: unknown): string | undefined {
  if (args === undefined) return undefined;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return 'arguments must be an object';
  const proto = Object.getPrototypeOf(args);
  if (proto !== Object.prototype && proto !== null) return 'arguments must be a plain object';
  // The depth limit also ends cycles; the node budget ends wide or shared (DAG) structures.
  const budget = { nodes: MAX_ARGS_NODES };
  return walkArgs(args, 0, budget);
}

function walkArgs(value: unknown, depth: number, budget: { nodes: number }): string | undefined {
  if (--budget.nodes < 0) return 'arguments are too large';
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      return `arguments contain a ${typeof value}`;
    }
    return undefined;
  }
  if (depth > MAX_ARGS_DEPTH) return 'arguments are nested too deeply (or contain a cycle)';
  if (Array.isArray(value)) {
    for (const v of value) {
      const problem = walkArgs(v, depth + 1, budget);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // A tool that merges arguments into an object (`Object.assign(defaults, args)`) would take
    // these as its prototype or constructor: values no rule looked at.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      return `arguments contain the key "${key}"`;
    }
    const problem = walkArgs((value as Record<string, unknown>)[key], depth + 1, budget);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Everything about a call that depends on the tool name alone, worked out once per name. Profiles
 * are immutable, so the plan is too; the cache is bounded and simply cleared when full.
 */
interface ToolPlan {
  denied?: { rule: string; message: string };
  allowReason?: Reason;
  rules: CompiledToolRule[];
  approvals: CompiledApprovalRule[];
}

const PLAN_CACHE_LIMIT = 4096;
const planCache = new WeakMap<CompiledProfile, Map<string, ToolPlan>>();

function planFor(profile: CompiledProfile, tool: string): ToolPlan {
  let cache = planCache.get(profile);
  if (!cache) {
    cache = new Map();
    planCache.set(profile, cache);
  }
  let plan = cache.get(tool);
  if (plan) return plan;
  plan = makePlan(profile, tool);
  if (cache.size >= PLAN_CACHE_LIMIT) cache.clear();
  cache.set(tool, plan);
  return plan;
}

function makePlan(profile: CompiledProfile, tool: string): ToolPlan {
  // Tool level: forbid wins, then allow, and nothing else gets through.
  const denied = profile.deny.match(tool);
  if (denied !== undefined) {
    return {
      denied: { rule: 'tools.deny', message: `"${tool}" matches tools.deny "${denied}"` },
      rules: [],
      approvals: [],
    };
  }
  const allowed = profile.allow.match(tool);
  if (allowed === undefined) {
    return {
      denied: { rule: 'tools.not-allowed', message: `"${tool}" is not in tools.allow` },
      rules: [],
      approvals: [],
    };
  }
  if (allowed !== tool && isCodeExecutionTool(tool)) {
    const message = `"${tool}" executes code; only a literal "${tool}" in tools.allow grants it, not "${allowed}"`;
    return { denied: { rule: 'tools.code-execution-not-explicit', message }, rules: [], approvals: [] };
  }
  // Every `tools.rules` entry whose pattern matches, the literal one first.
  const rules: CompiledToolRule[] = [];
  const exact = profile.toolRules.byPattern.get(tool);
  if (exact) rules.push(exact);
  for (const g of profile.toolRules.globs) if (g.rule !== exact && g.regex.test(tool)) rules.push(g.rule);
  return {
    allowReason: {
      rule: 'tools.allow',
      effect: 'allow',
      message: `"${tool}" matches tools.allow "${allowed}"`,
    },
    rules,
    approvals: profile.approvals.filter((a) => a.tools.match(tool) !== undefined),
  };
}

/** Run one rule; an exception inside it is a deny carrying the error, never a skipped check. */
function guarded(reasons: Reason[], rule: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reasons.push(
      denyReason(`${rule}.error`, `rule failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

function checkArgSemantics(
  profile: CompiledProfile,
  semantics: readonly ArgSemantic[],
  args: Record<string, unknown>,
  reasons: Reason[],
  obligations: Obligation[],
): void {
  let cwd: string | undefined;
  for (const s of semantics) {
    const value = getArg(args, s.name);
    if (value === undefined) continue;
    const values: unknown[] = s.list ? (Array.isArray(value) ? value : [value]) : [value];
    for (const v of values) {
      if (s.type === 'path') {
        const result = checkPath(profile.files, v, s.access ?? 'write');
        if (!result.ok) reasons.push(denyReason(result.rule, `${s.name}: ${result.message}`, s.name));
        else {
          if (!s.list) obligations.push({ kind: 'use-resolved-path', arg: s.name, path: result.path });
          if (isCwdArg(s.name)) cwd = result.path;
        }
      } else if (s.type === 'url') {
        const result = checkUrl(profile.network, v);
        if (!result.ok) reasons.push(denyReason(result.rule, `${s.name}: ${result.message}`, s.name));
        else if (!s.list) obligations.push({ kind: 'use-normalized-url', arg: s.name, url: result.url });
      } else {
        for (const r of checkCommand(profile.commands, v, {
          scope: profile.files,
          ...(cwd ? { cwd } : {}),
        })) {
          reasons.push(r.arg === undefined ? { ...r, arg: s.name } : r);
        }
      }
    }
  }
}

/**
 * Decide one tool call against a compiled profile. Pure and deterministic for a given profile and
 * filesystem: deny by default, deny overrides ask overrides allow, and an error inside any rule is
 * a deny whose reason carries the error. Never throws.
 *
 * @example
 * decide(profile, { agent: 'researcher', tool: 'fs.read', args: { path: '../../etc/passwd' } }).effect // 'deny'
 */
export function decide(profile: CompiledProfile | undefined, request: ToolRequest): Decision {
  try {
    if (request === null || typeof request !== 'object')
      return deny('request.invalid', 'request must be an object');
    if (!profile) return deny('agent.unknown', `no agent profile named "${String(request.agent)}"`);
    const version = profile.version;
    const tool = request.tool;
    if (
      typeof tool !== 'string' ||
      tool.length === 0 ||
      tool.length > MAX_TOOL_NAME ||
      !TOOL_NAME.test(tool)
    ) {
      return deny(
        'request.invalid-tool',
        'tool name must use letters, digits and _ . : / - only, and start and end with a letter, digit or _',
        version,
      );
    }
    const problem = argsProblem(request.args);
    if (problem) return deny('request.invalid-args', problem, version);
    const args = (request.args ?? {}) as Record<string, unknown>;

    const plan = planFor(profile, tool);
    // Fresh objects per decision: callers may mutate what they get; the cached plan must not change.
    if (plan.denied) return deny(plan.denied.rule, plan.denied.message, version);
    const reasons: Reason[] = [{ ...plan.allowReason! }];
    const obligations: Obligation[] = [];

    const builtin = Object.hasOwn(BUILTIN_TOOLS, tool) ? BUILTIN_TOOLS[tool] : undefined;
    const rules = plan.rules;
    if (builtin) {
      guarded(reasons, 'args.shape', () => {
        const required = builtin.args.filter((a) => a.required).map((a) => a.name);
        reasons.push(...checkBuiltinShape(builtin.props, required, args, builtin.values));
      });
    }
    for (const rule of rules) {
      guarded(reasons, 'args.schema', () => {
        if (rule.schema) reasons.push(...rule.schema(args));
      });
      guarded(reasons, 'args.rule', () => {
        for (const d of rule.deny) {
          if (d.when(args))
            reasons.push(
              denyReason('args.rule', `${d.reason} (tools.rules["${rule.pattern}"].deny[${d.index}])`),
            );
        }
      });
    }

    guarded(reasons, 'args.semantics', () => {
      // Which arguments are paths, URLs or commands. A built-in tool's own arguments come first and
      // cannot be weakened: an annotation (even from a `*` rule) only adds checks to other
      // arguments. For other tools: annotations, then the conservative default for known names.
      const semantics: ArgSemantic[] = [];
      const covered = new Set<string>();
      const add = (list: readonly ArgSemantic[]) => {
        for (const s of list) {
          if (covered.has(s.name)) continue;
          semantics.push(s);
          covered.add(s.name);
        }
      };
      if (builtin) add(builtin.args);
      for (const rule of rules) {
        add(rule.semantics);
        for (const name of rule.ignored) covered.add(name);
      }
      if (!builtin) add(defaultArgSemantics(tool, args));
      // The working directory first, so commands are checked relative to it.
      semantics.sort((a, b) => (isCwdArg(b.name) ? 1 : 0) - (isCwdArg(a.name) ? 1 : 0));
      checkArgSemantics(profile, semantics, args, reasons, obligations);
    });

    guarded(reasons, 'approval', () => {
      for (const rule of plan.approvals) {
        if (rule.when && !rule.when(args)) continue;
        reasons.push({
          rule: 'approval.require',
          effect: 'ask',
          message:
            rule.reason ??
            `"${tool}" matches ${rule.id} "${rule.pattern}"${rule.when ? ' and its conditions' : ''}`,
        });
        const timeoutMs = rule.timeoutMs ?? profile.approvalTimeoutMs;
        obligations.push({
          kind: 'approval',
          rule: rule.id,
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        });
      }
    });

    const effect = combine(reasons);
    return { effect, reasons, obligations: effect === 'deny' ? [] : obligations, policyVersion: version };
  } catch (error) {
    return deny(
      'engine.error',
      `policy engine error: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
