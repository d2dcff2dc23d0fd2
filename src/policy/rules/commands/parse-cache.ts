import type { Reason } from '../../decision.js';
import type { CommandLine } from './simple-command.js';

/** What parsing a command line found: its simple commands (when complete) and syntax problems. */
export interface ParsedLine {
  line: CommandLine | undefined;
  /** Deny reasons from the text and the syntax alone (never from the filesystem). */
  reasons: readonly Reason[];
}

/** Lines longer than this are parsed every time: the cache stays small (< 1 MiB). */
const MAX_CACHED_LENGTH = 1024;
const MAX_ENTRIES = 512;

/**
 * A bounded cache of parse results. Parsing depends on the text alone, so agents that repeat
 * commands (`git status`, test runners) skip tree-sitter; everything that depends on the
 * filesystem (paths, globs, symlinks) is still checked on every call. Entries are frozen, so a
 * caller cannot change what the next lookup gets.
 */
export class ParseCache {
  private readonly entries = new Map<string, ParsedLine>();

  get(command: string): ParsedLine | undefined {
    const hit = this.entries.get(command);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order, the oldest goes first.
      this.entries.delete(command);
      this.entries.set(command, hit);
    }
    return hit;
  }

  set(command: string, parsed: ParsedLine): void {
    if (command.length > MAX_CACHED_LENGTH) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(command, deepFreeze(parsed));
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
