// The built-in tools configured from an agent profile: the same file scopes, network allowlist and
// sandbox limits that the policy enforces, so the tools and the policy cannot drift apart.
import { existsSync } from 'node:fs';
import type { CompiledProfile } from '../../policy/compile-profile.js';
import type { NetworkScope } from '../../policy/rules/urls/network-scope.js';
import { createCodeExecute, type CodeExecuteOptions } from './code-execute.js';
import { createFsTools, type FsTools } from './fs-tools.js';
import { createHttpFetch, type HttpFetchTools } from './http-fetch.js';
import { createShellRun, type ShellRunOptions } from './shell-run.js';

export interface ProfileToolsOptions {
  /** Where `sandbox.env` names are read from (default: this process's environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Languages for code.execute (default all). */
  languages?: CodeExecuteOptions['languages'];
  /** Address allowance for egress and http.fetch (tests: a local server); default public addresses only. */
  isAddressAllowed?: (ip: string) => boolean;
  /** DNS resolution override (tests). */
  lookup?: (host: string) => Promise<readonly { address: string; family: number }[]>;
}

export type ProfileTools = FsTools &
  HttpFetchTools &
  ReturnType<typeof createShellRun> &
  ReturnType<typeof createCodeExecute>;

/** True when the scope allows some host: otherwise sandboxed runs get no network at all. */
function hasHosts(scope: NetworkScope): boolean {
  return scope.allow.exact.size > 0 || scope.allow.wildcard.size > 0;
}

/**
 * Build fs.read/list/write, http.fetch, shell.run and code.execute for one compiled profile. Wrap
 * each with the same agent's guard (`guard.wrap(name, tools[name])`): the policy decides, the tool
 * re-checks, and shell.run and code.execute run in the process sandbox with the profile's read and
 * write directories, network allowlist, `sandbox` limits and `sandbox.env` variables.
 *
 * @example
 * const tools = createProfileTools(warden.policy.profile('coder')!);
 * const guard = warden.guard({ agent: 'coder', session });
 * const shell = guard.wrap('shell.run', tools['shell.run']);
 */
export function createProfileTools(
  profile: CompiledProfile,
  options: ProfileToolsOptions = {},
): ProfileTools {
  const source = options.env ?? process.env;
  const env: Record<string, string> = {};
  for (const name of profile.sandbox.env) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  const egress = hasHosts(profile.network)
    ? {
        scope: profile.network,
        ...(options.isAddressAllowed ? { isAddressAllowed: options.isAddressAllowed } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      }
    : undefined;
  const files = profile.files;
  // A scope directory that does not exist (yet) has nothing to show; it cannot be mounted either.
  const read = files.read.filter((d) => existsSync(d));
  const write = files.write.filter((d) => existsSync(d));
  const shell: ShellRunOptions = {
    workspace: files.workspace,
    read,
    write,
    limits: profile.sandbox.limits,
    env,
    ...(egress ? { network: egress } : {}),
  };
  return {
    ...createFsTools({ scope: files }),
    ...createHttpFetch({
      network: profile.network,
      ...(options.isAddressAllowed ? { isAddressAllowed: options.isAddressAllowed } : {}),
      ...(options.lookup ? { lookup: options.lookup } : {}),
    }),
    ...createShellRun(shell),
    ...createCodeExecute({
      ...(options.languages ? { languages: options.languages } : {}),
      process: {
        read,
        write,
        limits: profile.sandbox.limits,
        ...(egress ? { network: egress } : {}),
      },
    }),
  };
}
