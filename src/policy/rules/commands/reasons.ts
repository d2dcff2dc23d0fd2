import { denyReason, type Reason } from '../../decision.js';

/** A deny reason about the `command` argument; `rule` is the suffix after `commands.`. */
export function commandDeny(rule: string, message: string): Reason {
  return denyReason(`commands.${rule}`, message, 'command');
}

/** Collects reasons, dropping exact repeats (the same problem found through two routes). */
export class ReasonList {
  readonly reasons: Reason[] = [];
  private readonly seen = new Set<string>();

  deny(rule: string, message: string): void {
    const key = `${rule}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.reasons.push(commandDeny(rule, message));
  }

  get size(): number {
    return this.reasons.length;
  }
}

/** Shorten a token for a message, so a 60 KiB argument does not flood the log. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${shown}"`;
}
