// One place that turns refusals and OS errors into WardenErrors, so every tool names the offending
// argument the same way and no message ever carries file or response content.
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';

/** A policy-style refusal: code `DENIED` with one reason, the rule id and the message. */
export function denied(rule: string, message: string): WardenError {
  return new WardenError(WardenErrorCode.Denied, message, { reasons: [{ rule, message }] });
}

/** A malformed argument; `arg` names it (`path`, `headers["X-A"]`, `content`). */
export function invalidArgument(arg: string, message: string, cause?: unknown): WardenError {
  return new WardenError(
    WardenErrorCode.InvalidArgument,
    `${arg}: ${message}`,
    cause === undefined ? {} : { cause },
  );
}

/** A size, count or redirect limit. */
export function limitExceeded(arg: string, message: string): WardenError {
  return new WardenError(WardenErrorCode.LimitExceeded, `${arg}: ${message}`);
}

/** The `code` of a Node system error (`ENOENT`), if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Map an OS error on `shown` (the canonical path, quoted in messages) to a WardenError that names the
 * argument. Permission errors are DENIED (the OS refused, not the caller's spelling); everything the
 * caller can fix is INVALID_ARGUMENT; anything else is INTERNAL with the errno, never the content.
 */
export function fsError(arg: string, shown: string, error: unknown): WardenError {
  if (WardenError.isInstance(error)) return error;
  const code = errnoCode(error);
  const where = `"${shown}"`;
  switch (code) {
    case 'ENOENT':
      return invalidArgument(arg, `${where} does not exist`, error);
    case 'ENOTDIR':
      return invalidArgument(arg, `${where}: a parent of it is not a directory`, error);
    case 'EISDIR':
      return invalidArgument(arg, `${where} is a directory`, error);
    case 'EEXIST':
      return invalidArgument(arg, `${where} already exists`, error);
    case 'ENOTEMPTY':
      return invalidArgument(arg, `${where} is a non-empty directory`, error);
    case 'ENAMETOOLONG':
      return invalidArgument(arg, `${where} is too long`, error);
    case 'ELOOP':
      return denied('fs.symlink', `${arg}: ${where} is or goes through a symbolic link`);
    case 'EACCES':
    case 'EPERM':
      return denied('fs.os-permission', `${arg}: the operating system refused access to ${where}`);
    case 'EROFS':
      return denied('fs.read-only', `${arg}: ${where} is on a read-only file system`);
    case 'ENXIO':
      return denied('fs.not-regular-file', `${arg}: ${where} is not a regular file`);
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new WardenError(
        WardenErrorCode.LimitExceeded,
        `${arg}: no space left to write ${where} (${code})`,
        {
          cause: error,
        },
      );
    default:
      return new WardenError(
        WardenErrorCode.Internal,
        `${arg}: file operation on ${where} failed (${code ?? 'unknown error'})`,
        { cause: error },
      );
  }
}

/**
 * The error a file tool rejects with: WardenErrors, aborts and non-system errors unchanged, system
 * errors (`code: 'ENOENT'`...) mapped by {@link fsError}.
 */
export function toolError(arg: string, shown: string, error: unknown, signal?: AbortSignal): unknown {
  if (WardenError.isInstance(error) || signal?.aborted || errnoCode(error) === undefined) return error;
  return fsError(arg, shown, error);
}

/** What an aborted call rejects with: the signal's own reason, like `fetch` does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}
