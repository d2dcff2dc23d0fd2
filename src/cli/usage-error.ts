import { WardenError, WardenErrorCode } from '../errors/warden-error.js';

/** A bad command line: printed with the command's usage, exit code 2. */
export function usageError(message: string): WardenError {
  return new WardenError(WardenErrorCode.InvalidArgument, message);
}

/** Exit codes, documented in `warden --help`. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** What a command writes; injectable so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}
