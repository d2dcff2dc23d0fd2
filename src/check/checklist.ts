import { homedir } from 'node:os';
import type { LoadedConfig } from '../config/load-config.js';
import type { WardenIssue } from '../errors/warden-error.js';
import type { CompiledProfile } from '../policy/compile-profile.js';
import { isCodeExecutionTool } from '../policy/rules/code-execution-tools.js';
import { isWithin } from '../policy/rules/resolve-path.js';

/** One risk found before deployment. `error` findings fail `warden check`. */
export interface Finding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  agent?: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  hint?: string;
}

// Tool names that change the world; each should sit behind an approval rule.
const STATE_CHANGING =
  /(^|[._/:-])(write|create|delete|remove|rm|move|rename|update|edit|patch|put|post|send|upload|publish|merge|push|deploy|exec|execute|run|transfer|pay|drop|insert|commit)([._/:-]|$)/i;

// Representative tools of each family, to ask "does this allow glob let them through?".
const PROBE_TOOLS = [
  'fs.write',
  'fs.delete',
  'shell.run',
  'code.execute',
  'http.fetch',
  'github.create_issue',
  'email.send',
];

/** True when `root` is or contains someone's home: `/root`, `/home/*`, `/Users/*`, or $HOME. */
function coversHome(root: string): boolean {
  if (root === '/' || isWithin('/root', root) || isWithin('/home', root) || isWithin('/Users', root))
    return true;
  // Any user's home below /home or /Users, not just the current one.
  if (/^\/(home|Users)\/[^/]+(\/|$)/.test(root) && root.split('/').length === 3) return true;
  try {
    return isWithin(homedir(), root);
  } catch {
    return false; // no home directory: the fixed candidates above still applied
  }
}

function at(profile: CompiledProfile): Pick<Finding, 'agent' | 'file' | 'line'> {
  return {
    agent: profile.name,
    file: profile.source.file,
    ...(profile.source.line !== undefined ? { line: profile.source.line } : {}),
  };
}

/**
 * Pre-deployment checklist over a validated config and its compiled profiles: each risky setting
 * becomes a finding. Config warnings (literal secrets) are included as findings too.
 *
 * @example
 * const findings = runChecklist(policy.config, policy.agents.map((a) => policy.profile(a)!));
 */
export function runChecklist(config: LoadedConfig, profiles: readonly CompiledProfile[]): Finding[] {
  const findings: Finding[] = config.warnings.map((w: WardenIssue) => ({
    id: w.code ?? 'config.warning',
    severity: 'warning' as const,
    message: w.message,
    ...(w.file ? { file: w.file } : {}),
    ...(w.line !== undefined ? { line: w.line } : {}),
    ...(w.column !== undefined ? { column: w.column } : {}),
    path: w.path,
    ...(w.hint ? { hint: w.hint } : {}),
  }));

  if (!config.config.audit) {
    findings.push({
      id: 'audit.missing',
      severity: 'warning',
      message: 'no audit log configured: decisions leave no tamper-evident record',
      file: config.file,
      hint: 'add `audit: { store: "sqlite:./warden-audit.db", signingKey: "${WARDEN_AUDIT_KEY}" }`',
    });
  }

  for (const [name, server] of Object.entries(config.config.servers ?? {})) {
    const [program, ...inline] =
      typeof server.command === 'string' ? [server.command] : (server.command ?? []);
    const args = [...inline, ...(server.args ?? [])];
    if (program && /(^|\/)npx$/.test(program)) {
      const pkg = args.find((a) => !a.startsWith('-'));
      const pinned = pkg !== undefined && /^(@[^/]+\/)?[^@]+@\d+\.\d+\.\d+/.test(pkg);
      if (!pinned) {
        findings.push({
          id: 'servers.unpinned-npx',
          severity: 'warning',
          message: `server "${name}" runs ${args.includes('-y') || args.includes('--yes') ? '`npx -y`' : '`npx`'} on ${pkg ?? 'a package'} without an exact version: the next publish runs with your agent's rights`,
          file: config.file,
          path: `servers.${name}`,
          hint: 'pin an exact version, e.g. `@modelcontextprotocol/server-filesystem@2025.8.21`',
        });
      }
    }
  }

  for (const profile of profiles) {
    const where = at(profile);
    const allowAll = profile.allow.match('some.unlisted_tool_name');
    if (allowAll !== undefined) {
      findings.push({
        id: 'tools.allow-all',
        severity: 'warning',
        ...where,
        message: `tools.allow "${allowAll}" allows every tool, including ones added later`,
      });
    }
    // Code execution is granted only literally, so the literal allow entries are the whole list.
    for (const tool of profile.allow.patterns) {
      if (
        isCodeExecutionTool(tool) &&
        profile.allow.hasExact(tool) &&
        profile.deny.match(tool) === undefined
      ) {
        findings.push({
          id: 'tools.code-execution',
          severity: 'warning',
          ...where,
          message: `"${tool}" is allowed: the agent can run code${tool === 'shell.run' ? ' (within commands.allow)' : ''}`,
          hint: 'run it in the sandbox, and require approval',
        });
      }
    }
    for (const root of profile.files.write) {
      if (coversHome(root)) {
        findings.push({
          id: 'files.write-too-broad',
          severity: 'error',
          ...where,
          message: `files.write "${root}" covers ${root === '/' ? 'the whole filesystem' : 'a home directory'} (shell profiles, SSH keys, credentials)`,
          hint: 'grant a project directory instead',
        });
      }
    }
    for (const root of profile.files.read) {
      if (coversHome(root)) {
        findings.push({
          id: 'files.read-too-broad',
          severity: 'warning',
          ...where,
          message: `files.read "${root}" covers ${root === '/' ? 'the whole filesystem' : 'a home directory'}, including credentials`,
        });
      }
    }
    for (const rule of profile.toolRules.byPattern.values()) {
      for (const name of rule.ignored) {
        findings.push({
          id: 'args.check-disabled',
          severity: 'warning',
          ...where,
          path: `tools.rules["${rule.pattern}"].args.${name}`,
          message: `argument "${name}" of "${rule.pattern}" is exempt from path, URL and command checks (type: none)`,
          hint: 'annotate what it is instead; built-in tools ignore type: none on their own arguments',
        });
      }
    }
    const l = profile.limits;
    if (
      l.maxToolCalls === undefined &&
      l.rate === undefined &&
      l.budget === undefined &&
      l.maxIterations === undefined
    ) {
      findings.push({
        id: 'limits.missing',
        severity: 'warning',
        ...where,
        message: 'no limits: a looping or hijacked agent can call tools without bound',
        hint: 'set limits.maxToolCalls and limits.rate',
      });
    }
    // Allowed tools that change state, with no approval rule covering them.
    const candidates = new Set<string>([...PROBE_TOOLS]);
    for (const rule of profile.toolRules.byPattern.keys()) candidates.add(rule);
    for (const tool of profile.allow.patterns) candidates.add(tool);
    for (const tool of candidates) {
      if (tool.includes('*') || !STATE_CHANGING.test(tool) || tool === 'http.fetch') continue;
      if (profile.allow.match(tool) === undefined || profile.deny.match(tool) !== undefined) continue;
      if (isCodeExecutionTool(tool) && !profile.allow.hasExact(tool)) continue;
      if (profile.approvals.some((a) => a.tools.match(tool) !== undefined)) continue;
      findings.push({
        id: 'approval.missing',
        severity: 'warning',
        ...where,
        message: `"${tool}" changes state and needs no approval`,
        hint: `add it to approval.require`,
      });
    }
  }
  return findings;
}
