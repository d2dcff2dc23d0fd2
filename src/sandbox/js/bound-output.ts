// The output budget of a JS sandbox run: result JSON plus logs together stay within maxOutputBytes
// (UTF-8). A result that alone is too large is a violation (the caller cannot get a truncated value
// and mistake it for the real one); logs are cut instead, with a final line saying how many went.
import { SandboxError } from '../sandbox-error.js';

export interface BoundedOutput {
  valueJson: string | null;
  logs: string[];
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cut `text` to at most `max` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, max).toString('utf8');
  // A split character decodes to U+FFFD at the end; drop it so the line stays honest.
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}

/**
 * Enforce the output budget. Throws SandboxError `output-limit` when the result alone is larger
 * than `maxOutputBytes`; otherwise returns the result and as many log lines as fit after it.
 *
 * @example
 * boundOutput('"ok"', ['a', 'b'], 0, 1024); // { valueJson: '"ok"', logs: ['a', 'b'] }
 */
export function boundOutput(
  valueJson: string | null,
  logs: readonly string[],
  logsDropped: number,
  maxOutputBytes: number,
): BoundedOutput {
  const valueBytes = valueJson === null ? 0 : bytes(valueJson);
  if (valueBytes > maxOutputBytes) {
    throw new SandboxError(
      'output-limit',
      `the JS sandbox result is ${valueBytes} bytes, over the ${maxOutputBytes}-byte output limit`,
      { limit: maxOutputBytes },
    );
  }
  let budget = maxOutputBytes - valueBytes;
  const kept: string[] = [];
  let dropped = logsDropped;
  for (const [i, line] of logs.entries()) {
    const size = bytes(line) + 1;
    if (size <= budget) {
      kept.push(line);
      budget -= size;
      continue;
    }
    if (budget > 1) kept.push(cutToBytes(line, budget - 1));
    dropped += logs.length - i - (budget > 1 ? 1 : 0);
    break;
  }
  if (dropped > 0 || kept.length < logs.length) {
    kept.push(
      `[warden: log output truncated at the ${maxOutputBytes}-byte limit; ${dropped} more lines dropped]`,
    );
  }
  return { valueJson, logs: kept };
}
