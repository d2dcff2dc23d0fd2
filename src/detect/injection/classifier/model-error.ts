import { WardenError, WardenErrorCode } from '../../../errors/warden-error.js';

/** The classifier cannot run: its weights file is missing, unreadable or not a model. */
export function modelUnavailable(message: string, cause?: unknown): WardenError {
  return new WardenError(
    WardenErrorCode.DependencyUnavailable,
    `prompt-injection classifier unavailable: ${message}`,
    cause === undefined ? {} : { cause },
  );
}
