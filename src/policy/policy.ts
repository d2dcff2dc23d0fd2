import { type ConfigInput, type LoadedConfig, loadConfig } from '../config/load-config.js';
import { WardenError, WardenErrorCode, type WardenIssue } from '../errors/warden-error.js';
import { type CompiledProfile, type CompileOptions, compileProfile } from './compile-profile.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import type { ToolRequest } from './request.js';
import { initShellParser } from './rules/commands/index.js';

export interface PolicyOptions extends CompileOptions {
  /**
   * `eager` (default) loads the shell grammar when any profile allows commands. `on-demand` leaves
   * it to the caller (`initShellParser()`); until then command checks deny with
   * `commands.parser-unavailable`. For the CLI, which decides one call and exits.
   */
  shellParser?: 'eager' | 'on-demand';
}

/** A loaded, compiled config: one `decide` for every agent it defines. */
export interface Policy {
  readonly config: LoadedConfig;
  /** Agent names, in config order. */
  readonly agents: readonly string[];
  profile(agent: string): CompiledProfile | undefined;
  /** Decide a tool call. Never throws; an unknown agent is a deny. */
  decide(request: ToolRequest): Decision;
}

/**
 * Compile every profile of a loaded config. Throws WardenError(CONFIG_INVALID) listing every
 * profile that fails to compile, and DEPENDENCY_UNAVAILABLE when a profile allows shell commands
 * but the shell grammar cannot be loaded.
 */
export async function compilePolicy(config: LoadedConfig, options: PolicyOptions = {}): Promise<Policy> {
  const profiles = new Map<string, CompiledProfile>();
  const issues: WardenIssue[] = [];
  for (const agent of config.agents) {
    try {
      profiles.set(agent.profile.name, compileProfile(agent, config.dir, options));
    } catch (error) {
      issues.push({
        file: agent.file,
        ...(agent.line !== undefined ? { line: agent.line } : {}),
        path: `agents.${agent.profile.name}`,
        severity: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (issues.length > 0) {
    throw new WardenError(
      WardenErrorCode.ConfigInvalid,
      `invalid config:\n${issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join('\n')}`,
      {
        issues,
      },
    );
  }
  const needsShell = config.agents.some((a) => (a.profile.commands?.allow?.length ?? 0) > 0);
  if (needsShell && options.shellParser !== 'on-demand') {
    try {
      await initShellParser();
    } catch (error) {
      throw new WardenError(
        WardenErrorCode.DependencyUnavailable,
        'cannot load the shell grammar (tree-sitter-bash); shell commands would all be denied',
        {
          cause: error,
        },
      );
    }
  }
  return {
    config,
    agents: config.agents.map((a) => a.profile.name),
    profile: (agent) => profiles.get(agent),
    decide: (request) =>
      decide(request && typeof request === 'object' ? profiles.get(request.agent) : undefined, request),
  };
}

/**
 * Load a config file (or inline object) and compile it.
 *
 * @example
 * const policy = await createPolicy({ configFile: 'warden.yaml' });
 * policy.decide({ agent: 'researcher', tool: 'fs.read', args: { path: 'notes.txt' } });
 */
export async function createPolicy(
  input: ConfigInput | LoadedConfig,
  options: PolicyOptions = {},
): Promise<Policy> {
  const loaded = 'agents' in input && 'dir' in input ? input : loadConfig(input);
  return compilePolicy(loaded, options);
}
