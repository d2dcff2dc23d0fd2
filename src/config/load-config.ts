import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { formatLocation, WardenError, WardenErrorCode, type WardenIssue } from '../errors/warden-error.js';
import { interpolateEnv } from './interpolate-env.js';
import {
  AgentProfile,
  type AgentProfileConfig,
  type WardenConfigInput,
  WardenConfigSchema,
} from './schema.js';
import { secretLiteralKind } from './secret-literals.js';
import { parseYamlSource, splitFrontmatter, type YamlSource } from './yaml-source.js';
import { formatPath, toWardenIssues } from './zod-issues.js';

/** An agent profile together with where it was defined. */
export interface LoadedAgent {
  profile: AgentProfileConfig;
  file: string;
  line?: number;
}

/** A validated config: agents resolved (Markdown files read), env interpolated. */
export interface LoadedConfig {
  /** Absolute path of the config file, or `<inline>`. */
  file: string;
  /** Directory that relative paths in the config are resolved against. */
  dir: string;
  config: Omit<WardenConfigInput, 'agents'>;
  agents: LoadedAgent[];
  /** Warnings (e.g. literal secrets); errors never reach a LoadedConfig. */
  warnings: WardenIssue[];
}

export type ConfigInput =
  | { configFile: string; env?: Record<string, string | undefined> }
  | { config: unknown; baseDir?: string; env?: Record<string, string | undefined> };

/** Every problem found, errors and warnings, and the config when there were no errors. */
export interface ConfigReport {
  loaded?: LoadedConfig;
  issues: WardenIssue[];
}

function inlineSource(value: unknown): YamlSource {
  return { file: '<inline>', value, issues: [], locate: () => undefined };
}

function readSource(file: string, display: string): YamlSource | WardenIssue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    return { file: display, path: '', severity: 'error', message: `cannot read file (${code})` };
  }
  if (extname(file).toLowerCase() === '.md') {
    const parts = splitFrontmatter(text);
    if (!parts) {
      return {
        file: display,
        line: 1,
        path: '',
        severity: 'error',
        message: 'Markdown agent file has no YAML frontmatter',
        hint: 'start the file with a `---` line, the profile in YAML, and a closing `---` line',
      };
    }
    const source = parseYamlSource(display, parts.frontmatter, parts.lineOffset);
    // Empty frontmatter is an empty profile (deny everything), named after the file.
    if (source.value === null && !source.issues.some((i) => i.severity === 'error')) source.value = {};
    // The Markdown body is the agent's free-form description.
    if (
      source.value &&
      typeof source.value === 'object' &&
      !('description' in source.value) &&
      parts.body.trim()
    ) {
      (source.value as Record<string, unknown>).description = parts.body.trim();
    }
    return source;
  }
  return parseYamlSource(display, text);
}

/** Warn on string literals that look like credentials; they belong in `${ENV_VAR}`. */
function findSecretLiterals(
  value: unknown,
  source: YamlSource,
  path: (string | number)[],
  out: WardenIssue[],
): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) findSecretLiterals(value[i], source, [...path, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') {
        const kind = secretLiteralKind(k, v);
        if (kind) {
          out.push({
            file: source.file,
            ...source.locate([...path, k]),
            path: formatPath([...path, k]),
            severity: 'warning',
            code: 'config.literal-secret',
            message: `literal secret in config (${kind})`,
            hint: 'move it to the environment and write `${ENV_VAR}` here',
          });
        }
      } else findSecretLiterals(v, source, [...path, k], out);
    }
  }
}

function prepare(source: YamlSource, env: Record<string, string | undefined>, prefix: (string | number)[]) {
  const issues: WardenIssue[] = [...source.issues];
  findSecretLiterals(source.value, source, [], issues);
  const { value, missing } = interpolateEnv(source.value, env);
  for (const m of missing) {
    issues.push({
      file: source.file,
      ...source.locate(m.path),
      path: formatPath([...prefix, ...m.path]),
      severity: 'error',
      message: `environment variable ${m.variable} is not set`,
      hint: `export ${m.variable}=… or write \${${m.variable}:-default}`,
    });
  }
  return { value, issues };
}

/**
 * Read, interpolate and validate a config, collecting every problem instead of stopping at the first.
 *
 * @example
 * const { loaded, issues } = inspectConfig({ configFile: 'warden.yaml' });
 */
export function inspectConfig(input: ConfigInput): ConfigReport {
  const env = input.env ?? process.env;
  let source: YamlSource;
  let file: string;
  let dir: string;
  if ('configFile' in input) {
    file = resolve(input.configFile);
    dir = dirname(file);
    const read = readSource(file, input.configFile);
    if (!('locate' in read)) return { issues: [read] };
    source = read;
  } else {
    file = '<inline>';
    dir = resolve(input.baseDir ?? process.cwd());
    source = inlineSource(input.config);
  }
  if (source.issues.some((i) => i.severity === 'error')) return { issues: source.issues };
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    return {
      issues: [
        {
          file: source.file,
          line: 1,
          path: '',
          severity: 'error',
          message: 'config must be a mapping with `version` and `agents`',
        },
      ],
    };
  }

  const { value, issues } = prepare(source, env, []);
  const parsed = WardenConfigSchema.safeParse(value);
  if (!parsed.success) issues.push(...toWardenIssues(WardenConfigSchema, parsed.error.issues, source));

  // Resolve `file:` agents; each file's problems are reported against that file.
  const agents: LoadedAgent[] = [];
  const rawAgents = Array.isArray((value as { agents?: unknown }).agents)
    ? (value as { agents: unknown[] }).agents
    : [];
  rawAgents.forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || !('file' in entry) || typeof entry.file !== 'string') {
      const ok = AgentProfile.safeParse(entry);
      if (ok.success)
        agents.push({ profile: ok.data, file: source.file, ...lineOf(source, ['agents', index]) });
      return;
    }
    const agentFile = resolve(dir, entry.file);
    const agentSource = readSource(agentFile, 'configFile' in input ? resolve(dir, entry.file) : entry.file);
    if (!('locate' in agentSource)) {
      issues.push({
        ...agentSource,
        path: `agents[${index}].file`,
        ...lineOf(source, ['agents', index, 'file']),
        file: source.file,
        message: `${agentSource.message}: ${entry.file}`,
      });
      return;
    }
    if (agentSource.issues.some((i) => i.severity === 'error')) {
      issues.push(...agentSource.issues);
      return;
    }
    const prepared = prepare(agentSource, env, [`agents[${index}]`]);
    issues.push(...prepared.issues);
    let profileValue = prepared.value;
    if (
      profileValue &&
      typeof profileValue === 'object' &&
      !Array.isArray(profileValue) &&
      !('name' in profileValue)
    ) {
      profileValue = { name: basename(agentFile, extname(agentFile)), ...profileValue };
    }
    const profile = AgentProfile.safeParse(profileValue);
    if (!profile.success) {
      issues.push(...toWardenIssues(AgentProfile, profile.error.issues, agentSource));
      return;
    }
    agents.push({ profile: profile.data, file: agentSource.file, line: 1 });
  });

  const seen = new Map<string, LoadedAgent>();
  for (const agent of agents) {
    const first = seen.get(agent.profile.name);
    if (first) {
      issues.push({
        file: agent.file,
        ...(agent.line === undefined ? {} : { line: agent.line }),
        path: 'agents',
        severity: 'error',
        message: `agent "${agent.profile.name}" is defined twice (first at ${formatLocation(first)})`,
      });
    } else seen.set(agent.profile.name, agent);
  }

  if (!parsed.success || issues.some((i) => i.severity === 'error')) return { issues };
  const { agents: _agents, ...rest } = parsed.data;
  return {
    loaded: { file, dir, config: rest, agents, warnings: issues.filter((i) => i.severity === 'warning') },
    issues,
  };
}

function lineOf(source: YamlSource, path: (string | number)[]): { line?: number } {
  const at = source.locate(path);
  return at ? { line: at.line } : {};
}

/** One line per issue: `file:line:col: error: path: message (hint)`. */
export function formatIssues(issues: readonly WardenIssue[]): string {
  return issues
    .map((i) => {
      const where = formatLocation(i);
      const head = [where, i.severity, i.path].filter(Boolean).join(': ');
      return `${head}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ''}`;
    })
    .join('\n');
}

/**
 * Load a config or throw one WardenError carrying every problem.
 *
 * @example
 * const loaded = loadConfig({ configFile: 'warden.yaml' });
 */
export function loadConfig(input: ConfigInput): LoadedConfig {
  const report = inspectConfig(input);
  if (report.loaded) return report.loaded;
  const errors = report.issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  const code =
    first && /^environment variable/.test(first.message)
      ? WardenErrorCode.ConfigEnvMissing
      : report.issues.some(
            (i) => i.path === '' && i.severity === 'error' && /cannot read file/.test(i.message),
          )
        ? WardenErrorCode.ConfigNotFound
        : report.issues.some(
              (i) =>
                i.path === '' && i.severity === 'error' && i.line !== undefined && !/mapping/.test(i.message),
            )
          ? WardenErrorCode.ConfigSyntax
          : WardenErrorCode.ConfigInvalid;
  throw new WardenError(
    code,
    `invalid config (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${formatIssues(errors)}`,
    {
      issues: report.issues,
    },
  );
}
