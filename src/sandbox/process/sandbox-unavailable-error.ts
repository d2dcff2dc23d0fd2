import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

/** Which preflight check failed. */
export type SandboxRequirement = 'platform' | 'bubblewrap' | 'user-namespaces' | 'seccomp' | 'process-limit';

/**
 * The process sandbox cannot run on this host. Thrown before anything is started: Warden never
 * runs the command without the sandbox instead. `fix` says what to change on the host.
 *
 * @example
 * try { await preflightSandbox(); }
 * catch (e) { if (SandboxUnavailableError.isInstance(e)) console.error(e.message, '\n', e.fix); }
 */
export class SandboxUnavailableError extends WardenError {
  readonly requirement: SandboxRequirement;
  readonly fix: string;

  constructor(requirement: SandboxRequirement, message: string, fix: string, cause?: unknown) {
    super(
      WardenErrorCode.SandboxUnavailable,
      `${message} (fix: ${fix})`,
      cause === undefined ? {} : { cause },
    );
    this.name = 'SandboxUnavailableError';
    this.requirement = requirement;
    this.fix = fix;
  }

  static override isInstance(value: unknown): value is SandboxUnavailableError {
    return WardenError.isInstance(value) && value.code === WardenErrorCode.SandboxUnavailable;
  }
}
