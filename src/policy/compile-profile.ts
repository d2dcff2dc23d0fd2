import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedAgent } from '../config/load-config.js';
import type { AgentProfileConfig, ToolRuleConfig } from '../config/schema.js';
import { parseDuration, parseRate, parseSize, type RateLimit } from '../config/units.js';
import { digest } from './canonical-json.js';
import { denyReason } from './decision.js';
import type { ArgSemantic } from './rules/arg-semantics.js';
import { type ArgsValidator, createSchemaCompiler, type SchemaCompiler } from './rules/args-shape.js';
import { type CommandPolicy, compileCommandPolicy } from './rules/commands/index.js';
import { type CompiledCondition, compileCondition } from './rules/conditions.js';
import { compilePathGlob, type FileScope, trustedWorkspaceRoot } from './rules/file-scope.js';
import { compileToolPatterns, globToRegExp, type ToolPatternSet } from './rules/tool-patterns.js';
import { compileNetworkScope, type NetworkScope } from './rules/urls/index.js';

/** Argument rules for one tool or tool glob, compiled. */
export interface CompiledToolRule {
  pattern: string;
  semantics: ArgSemantic[];
  /** Argument names annotated `type: none`: excluded from default checks. */
  ignored: Set<string>;
  schema?: ArgsValidator;
  deny: { when: CompiledCondition; reason: string; index: number }[];
}

export interface CompiledApprovalRule {
  id: string;
  tools: ToolPatternSet;
  pattern: string;
  when?: CompiledCondition;
  timeoutMs?: number;
  reason?: string;
}

export interface CompiledLimits {
  maxToolCalls?: number;
  maxIterations?: number;
  rate?: RateLimit;
  budget?: { tokens?: number; usd?: number; period: 'session' | 'day' };
  timeoutMs?: number;
  sessionTimeMs?: number;
}

/** The profile's process sandbox settings, in the runner's units (see `SandboxLimits`). */
export interface CompiledSandbox {
  limits: {
    timeoutMs?: number;
    cpuSeconds?: number;
    memoryBytes?: number;
    maxProcesses?: number;
    fileSizeBytes?: number;
    openFiles?: number;
    tmpBytes?: number;
  };
  /** Variable names passed from Warden's environment. */
  env: readonly string[];
}

/** An agent profile ready for `decide()`: every list indexed, every path canonical, every regex built. */
export interface CompiledProfile {
  name: string;
  description?: string;
  /** Hash of the resolved profile; changes whenever what it allows changes. */
  version: string;
  allow: ToolPatternSet;
  deny: ToolPatternSet;
  toolRules: { byPattern: Map<string, CompiledToolRule>; globs: { regex: RegExp; rule: CompiledToolRule }[] };
  files: FileScope;
  network: NetworkScope;
  commands: CommandPolicy;
  approvals: CompiledApprovalRule[];
  approvalTimeoutMs?: number;
  limits: CompiledLimits;
  sandbox: CompiledSandbox;
  source: { file: string; line?: number };
}

/** Canonical absolute form of a configured directory; symlinks resolved when it exists. */
function canonicalDir(base: string, dir: string): string {
  const abs = resolve(base, dir);
  return existsSync(abs) ? realpathSync.native(abs) : abs;
}

/** Options for compiling profiles. */
export interface CompileOptions {
  /**
   * Compile argument JSON Schemas on first use instead of at load. For short-lived processes (the
   * CLI) that decide one call: Ajv and its meta-schema cost ~60 ms. A schema that fails to compile
   * then denies every call of its tool, with the error as the reason.
   */
  lazySchemas?: boolean;
}

function lazyValidator(
  schema: Record<string, unknown>,
  where: string,
  compileArgsSchema: SchemaCompiler,
): ArgsValidator {
  let compiled: ArgsValidator | undefined;
  let failure: string | undefined;
  return (args) => {
    if (!compiled && failure === undefined) {
      try {
        compiled = compileArgsSchema(schema);
      } catch (error) {
        failure = `${where}.schema: ${(error as Error).message}`;
      }
    }
    return compiled ? compiled(args) : [denyReason('args.schema-invalid', failure!)];
  };
}

function compileToolRule(
  pattern: string,
  rule: ToolRuleConfig,
  where: string,
  options: CompileOptions,
  compileArgsSchema: SchemaCompiler,
): CompiledToolRule {
  const semantics: ArgSemantic[] = [];
  const ignored = new Set<string>();
  for (const [name, annotation] of Object.entries(rule.args ?? {})) {
    if (annotation.type === 'none') ignored.add(name);
    else
      semantics.push({
        name,
        type: annotation.type,
        ...(annotation.access ? { access: annotation.access } : {}),
      });
    if (annotation.type === 'path' && !annotation.access) semantics[semantics.length - 1]!.access = 'write';
  }
  let schema: ArgsValidator | undefined;
  if (rule.schema && options.lazySchemas) schema = lazyValidator(rule.schema, where, compileArgsSchema);
  else if (rule.schema) {
    try {
      schema = compileArgsSchema(rule.schema);
    } catch (error) {
      throw new Error(`${where}.schema: ${(error as Error).message}`);
    }
  }
  return {
    pattern,
    semantics,
    ignored,
    ...(schema ? { schema } : {}),
    deny: (rule.deny ?? []).map((d, index) => ({
      when: compileCondition(d.when, `${where}.deny[${index}].when`),
      reason: d.reason ?? `argument rule ${where}.deny[${index}]`,
      index,
    })),
  };
}

/**
 * Compile one agent profile. `configDir` anchors relative directories in the config; the agent's
 * `workspace` anchors relative paths in tool arguments. Throws an Error naming the field on a value
 * the schema cannot catch (a bad regex, a malformed host entry).
 *
 * @example
 * const profile = compileProfile(loaded.agents[0], loaded.dir);
 */
export function compileProfile(
  agent: LoadedAgent,
  configDir: string,
  options: CompileOptions = {},
): CompiledProfile {
  const p: AgentProfileConfig = agent.profile;
  const workspace = canonicalDir(configDir, p.workspace ?? '.');
  const write = (p.files?.write ?? []).map((d) => canonicalDir(configDir, d));
  const trustedRoot = trustedWorkspaceRoot(workspace, write, existsSync(workspace));
  const files: FileScope = {
    workspace,
    read: (p.files?.read ?? []).map((d) => canonicalDir(configDir, d)),
    write,
    deny: (p.files?.deny ?? []).map((pattern) => ({ pattern, regex: compilePathGlob(pattern, workspace) })),
    ...(trustedRoot !== undefined ? { trustedRoot } : {}),
  };

  let network: NetworkScope;
  try {
    network = compileNetworkScope({
      allow: p.network?.allow ?? [],
      ...(p.network?.deny ? { deny: p.network.deny } : {}),
      ...(p.network?.schemes ? { schemes: p.network.schemes } : {}),
    });
  } catch (error) {
    throw new Error(`network: ${(error as Error).message}`);
  }
  let commands: CommandPolicy;
  try {
    commands = compileCommandPolicy(p.commands?.allow ?? [], p.commands?.deny ?? []);
  } catch (error) {
    throw new Error(`commands: ${(error as Error).message}`);
  }

  const byPattern = new Map<string, CompiledToolRule>();
  const compileArgsSchema = createSchemaCompiler();
  for (const [pattern, rule] of Object.entries(p.tools?.rules ?? {})) {
    byPattern.set(
      pattern,
      compileToolRule(pattern, rule, `tools.rules["${pattern}"]`, options, compileArgsSchema),
    );
  }

  const approvals: CompiledApprovalRule[] = (p.approval?.require ?? []).map((entry, index) => {
    const id = `approval.require[${index}]`;
    if (typeof entry === 'string') return { id, tools: compileToolPatterns([entry]), pattern: entry };
    return {
      id,
      tools: compileToolPatterns([entry.tool]),
      pattern: entry.tool,
      ...(entry.when ? { when: compileCondition(entry.when, `${id}.when`) } : {}),
      ...(entry.timeout !== undefined ? { timeoutMs: parseDuration(entry.timeout) } : {}),
      ...(entry.reason ? { reason: entry.reason } : {}),
    };
  });

  const l = p.limits ?? {};
  const limits: CompiledLimits = {
    ...(l.maxToolCalls !== undefined ? { maxToolCalls: l.maxToolCalls } : {}),
    ...(l.maxIterations !== undefined ? { maxIterations: l.maxIterations } : {}),
    ...(l.rate !== undefined ? { rate: parseRate(l.rate) } : {}),
    ...(l.budget ? { budget: { ...l.budget, period: l.budget.period ?? 'session' } } : {}),
    ...(l.timeout !== undefined ? { timeoutMs: parseDuration(l.timeout) } : {}),
    ...(l.sessionTime !== undefined ? { sessionTimeMs: parseDuration(l.sessionTime) } : {}),
  };

  const sb = p.sandbox ?? {};
  const sandbox: CompiledSandbox = {
    limits: {
      ...(sb.timeout !== undefined ? { timeoutMs: parseDuration(sb.timeout) } : {}),
      ...(sb.cpu !== undefined ? { cpuSeconds: Math.max(1, Math.ceil(parseDuration(sb.cpu) / 1000)) } : {}),
      ...(sb.memory !== undefined ? { memoryBytes: parseSize(sb.memory) } : {}),
      ...(sb.maxProcesses !== undefined ? { maxProcesses: sb.maxProcesses } : {}),
      ...(sb.fileSize !== undefined ? { fileSizeBytes: parseSize(sb.fileSize) } : {}),
      ...(sb.openFiles !== undefined ? { openFiles: sb.openFiles } : {}),
      ...(sb.tmpSize !== undefined ? { tmpBytes: parseSize(sb.tmpSize) } : {}),
    },
    env: sb.env ?? [],
  };

  return {
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    version: digest({ profile: p, workspace, read: files.read, write: files.write }),
    allow: compileToolPatterns(p.tools?.allow ?? []),
    deny: compileToolPatterns(p.tools?.deny ?? []),
    toolRules: {
      byPattern,
      globs: [...byPattern.values()]
        .filter((rule) => rule.pattern.includes('*') || rule.pattern.includes('?'))
        .map((rule) => ({ regex: globToRegExp(rule.pattern), rule })),
    },
    files,
    network,
    commands,
    approvals,
    ...(p.approval?.timeout !== undefined ? { approvalTimeoutMs: parseDuration(p.approval.timeout) } : {}),
    limits,
    sandbox,
    source: { file: agent.file, ...(agent.line !== undefined ? { line: agent.line } : {}) },
  };
}
