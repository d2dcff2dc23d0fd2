import { posix } from 'node:path';
import type { FileAccess } from '../file-scope.js';
import { checkPathWord, type PathContext, resolvedPaths } from './path-args.js';
import type { ArgEnv } from './program-spec.js';
import { quote, type ReasonList } from './reasons.js';
import type { ShellWord } from './shell-word.js';
import type { StdinSource } from './simple-command.js';

// A URL's scheme: `file:` reads local files, and a scheme with glob syntax (`{file,http}://…`,
// curl expands it) hides which one it is.
const SCHEME = /^([^:/?#]*):/;
const PLAIN_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** The {@link ArgEnv} for one simple command: collects reasons, resolves paths from its directories. */
export class CommandEnv implements ArgEnv {
  /** Directories relative paths may start from: the possible working directories, plus `-C` dirs. */
  readonly bases: string[];

  constructor(
    readonly program: string,
    readonly stdin: StdinSource,
    cwds: readonly string[],
    private readonly ctx: PathContext,
    private readonly reasons: ReasonList,
  ) {
    this.bases = [...cwds];
  }

  deny(rule: string, message: string): void {
    this.reasons.deny(rule, message);
  }

  path(word: ShellWord, access: FileAccess, what: string, strict = false): void {
    for (const p of checkPathWord(word, access, strict, this.bases, this.ctx)) {
      this.reasons.deny(p.rule, `${what} ${p.message}`);
    }
  }

  pathFrom(word: ShellWord, access: FileAccess, what: string, dirs: readonly string[]): void {
    const bases: string[] = [];
    for (const base of this.bases) for (const d of dirs) bases.push(posix.resolve(base, d));
    for (const p of checkPathWord(word, access, true, bases, this.ctx)) {
      this.reasons.deny(p.rule, `${what} ${p.message}`);
    }
  }

  url(word: ShellWord, what: string): void {
    const scheme = SCHEME.exec(word.value)?.[1];
    if (scheme === undefined) return;
    if (
      scheme.toLowerCase() === 'file' ||
      (scheme !== '' && !PLAIN_SCHEME.test(scheme) && /[{}[\]]/.test(scheme))
    ) {
      this.reasons.deny(
        'file-url',
        `${what} ${quote(word.value)}: file: URLs (or a hidden scheme) read local files`,
      );
    }
  }

  /** Canonical paths of `word` from each base where it passes the scope check. */
  resolve(word: ShellWord, access: FileAccess): string[] {
    return resolvedPaths(word, access, this.bases, this.ctx);
  }

  addBase(dir: ShellWord, what: string): void {
    this.path(dir, 'write', what, true);
    for (const p of resolvedPaths(dir, 'write', this.bases, this.ctx)) {
      if (!this.bases.includes(p)) this.bases.push(p);
    }
  }
}
