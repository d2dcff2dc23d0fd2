/**
 * Stable codes for every error a user (or an attacker) can cause. Codes are part of the public
 * contract: scripts match on them, so they never change meaning.
 */
export enum WardenErrorCode {
  /** A config file could not be read. */
  ConfigNotFound = 'CONFIG_NOT_FOUND',
  /** A config file is not valid YAML / frontmatter. */
  ConfigSyntax = 'CONFIG_SYNTAX',
  /** A config file parsed but failed validation (see `issues`). */
  ConfigInvalid = 'CONFIG_INVALID',
  /** `${VAR}` referenced an environment variable that is not set. */
  ConfigEnvMissing = 'CONFIG_ENV_MISSING',
  /** A command-line argument was missing or malformed. */
  InvalidArgument = 'INVALID_ARGUMENT',
  /** A request named an agent the config does not define. */
  UnknownAgent = 'UNKNOWN_AGENT',
  /** A required runtime dependency (e.g. the shell grammar) failed to load. */
  DependencyUnavailable = 'DEPENDENCY_UNAVAILABLE',
  /** A tool call was denied by policy. */
  Denied = 'DENIED',
  /** A human (or the approval timeout) refused a call that needed approval. */
  ApprovalDenied = 'APPROVAL_DENIED',
  /** A call, rate, iteration or budget limit was reached. */
  LimitExceeded = 'LIMIT_EXCEEDED',
  /** The kill switch covers this agent, session or everything. */
  Killed = 'KILLED',
  /** The tool ran past its time limit. */
  Timeout = 'TIMEOUT',
  /** An output stage (detectors, redaction) refused the result. */
  OutputBlocked = 'OUTPUT_BLOCKED',
  /** The sandbox cannot run here (no bubblewrap, user namespaces off, seccomp refused): nothing ran. */
  SandboxUnavailable = 'SANDBOX_UNAVAILABLE',
  /** The sandbox stopped or refused what ran inside it: a limit, a denied path or host (see `SandboxError.reason`). */
  SandboxViolation = 'SANDBOX_VIOLATION',
  /** Anything unexpected inside Warden itself. */
  Internal = 'INTERNAL',
}

/** Where in which file a problem sits, 1-based line and column. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
}

/** One problem found while validating input; errors that collect several carry a list of these. */
export interface WardenIssue extends SourceLocation {
  /** Dotted path of the offending field, e.g. `agents[0].tools.allow[2]`. */
  path: string;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
  /** Stable id of the kind of problem, where one is known (`config.literal-secret`, `config.yaml`). */
  code?: string;
}

export interface WardenErrorOptions {
  cause?: unknown;
  issues?: WardenIssue[];
  location?: SourceLocation;
  reasons?: readonly { rule: string; message: string }[];
}

const BRAND = Symbol.for('warden.error');

/**
 * The one error type Warden throws for user-caused problems.
 *
 * @example
 * try { await loadConfig('warden.yaml'); }
 * catch (e) { if (WardenError.isInstance(e) && e.code === WardenErrorCode.ConfigInvalid) console.error(e.issues); }
 */
export class WardenError extends Error {
  readonly code: WardenErrorCode;
  readonly issues: readonly WardenIssue[];
  readonly location: SourceLocation | undefined;
  /** For policy refusals: the reasons of the decision. */
  readonly reasons: readonly { rule: string; message: string }[];
  readonly [BRAND] = true;

  constructor(code: WardenErrorCode, message: string, options: WardenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WardenError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.location = options.location;
    this.reasons = options.reasons ?? [];
  }

  /** Works across package copies and realms, unlike `instanceof`. */
  static isInstance(value: unknown): value is WardenError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  toJSON(): { code: WardenErrorCode; message: string; issues: readonly WardenIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** `file:line:column` (as far as known), for human messages. */
export function formatLocation(loc: SourceLocation): string {
  if (!loc.file) return '';
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`;
}
