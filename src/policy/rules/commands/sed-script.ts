/** What a sed script does beyond editing the stream. */
export interface SedAnalysis {
  /** Reasons the script is refused (`e` runs a command, unknown syntax). */
  problems: string[];
  /** Files read by `r` / `R`. */
  reads: string[];
  /** Files written by `w` / `W` and the `w` flag of `s`. */
  writes: string[];
}

const SIMPLE_COMMANDS = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F']);
const NUMBER_ARG_COMMANDS = new Set(['q', 'Q', 'l', 'L']);
const S_FLAGS = new Set(['g', 'p', 'i', 'I', 'm', 'M', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

/**
 * Read a GNU sed script far enough to find what it does to the system: `e` and the `e` flag of `s`
 * run shell commands, `w`/`W` write files, `r`/`R` read them. Anything it cannot read is a problem,
 * so a script it does not understand is refused rather than guessed at.
 *
 * @example
 * analyzeSedScript('s/a/b/e').problems   // ['the "e" flag of s runs the pattern space as a shell command']
 * analyzeSedScript('1r /etc/passwd').reads // ['/etc/passwd']
 */
export function analyzeSedScript(script: string): SedAnalysis {
  const out: SedAnalysis = { problems: [], reads: [], writes: [] };
  const s = script;
  let i = 0;
  const n = s.length;
  const skipBlank = (): void => {
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const restOfLine = (): string => {
    const end = s.indexOf('\n', i);
    const text = s.slice(i, end < 0 ? n : end);
    i = end < 0 ? n : end;
    return text;
  };
  // Text up to `delim`, honouring backslash escapes; undefined when unterminated.
  const delimited = (delim: string): string | undefined => {
    const from = i;
    while (i < n) {
      const c = s[i]!;
      if (c === '\\') i += 2;
      else if (c === delim) return s.slice(from, i++);
      else if (c === '\n' && delim !== '\n') return undefined;
      else i++;
    }
    return undefined;
  };
  const address = (): boolean => {
    const c = s[i];
    if (c === undefined) return false;
    if (/[0-9]/.test(c)) {
      while (i < n && /[0-9~]/.test(s[i]!)) i++;
      return true;
    }
    if (c === '$') {
      i++;
      return true;
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = s[i + 1] ?? '';
        i++;
      }
      i++;
      if (delimited(delim) === undefined) {
        out.problems.push('unterminated address regex');
        return false;
      }
      while (s[i] === 'I' || s[i] === 'M') i++;
      return true;
    }
    return false;
  };

  while (i < n) {
    while (i < n && /[\s;]/.test(s[i]!)) i++;
    if (i >= n) break;
    if (s[i] === '#') {
      restOfLine();
      continue;
    }
    if (address()) {
      skipBlank();
      if (s[i] === ',') {
        i++;
        skipBlank();
        if (s[i] === '+' || s[i] === '~') {
          i++;
          while (i < n && /[0-9]/.test(s[i]!)) i++;
        } else if (!address()) {
          out.problems.push('malformed address range');
          return out;
        }
      }
    }
    skipBlank();
    while (s[i] === '!') {
      i++;
      skipBlank();
    }
    const cmd = s[i++];
    if (cmd === undefined) {
      out.problems.push('address without a command');
      break;
    }
    if (cmd === '{' || cmd === '}') continue;
    if (SIMPLE_COMMANDS.has(cmd)) continue;
    if (NUMBER_ARG_COMMANDS.has(cmd)) {
      skipBlank();
      while (i < n && /[0-9]/.test(s[i]!)) i++;
      continue;
    }
    switch (cmd) {
      case ':':
      case 'b':
      case 't':
      case 'T':
      case 'v':
        while (i < n && s[i] !== ';' && s[i] !== '\n') i++;
        continue;
      case 'a':
      case 'i':
      case 'c':
        // Text to the end of the line; a trailing backslash continues it.
        while (i < n) {
          const line = restOfLine();
          if (!line.endsWith('\\') || i >= n) break;
          i++;
        }
        continue;
      case 'r':
      case 'R':
        skipBlank();
        out.reads.push(restOfLine());
        continue;
      case 'w':
      case 'W':
        skipBlank();
        out.writes.push(restOfLine());
        continue;
      case 'e':
        out.problems.push('the "e" command runs a shell command');
        restOfLine();
        continue;
      case 'y':
      case 's': {
        const delim = s[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') {
          out.problems.push(`malformed "${cmd}" command`);
          return out;
        }
        if (delimited(delim) === undefined || delimited(delim) === undefined) {
          out.problems.push(`unterminated "${cmd}" command`);
          return out;
        }
        while (cmd === 's' && i < n) {
          const f = s[i]!;
          if (f === 'e') {
            out.problems.push('the "e" flag of s runs the pattern space as a shell command');
            i++;
          } else if (f === 'w') {
            i++;
            skipBlank();
            out.writes.push(restOfLine());
          } else if (S_FLAGS.has(f)) i++;
          else break;
        }
        // GNU sed requires the command to end here; refuse rather than guess what follows.
        skipBlank();
        if (i < n && !';\n}#'.includes(s[i]!)) {
          out.problems.push(`unexpected ${JSON.stringify(s[i])} after the "${cmd}" command`);
          return out;
        }
        continue;
      }
      default:
        out.problems.push(`unknown sed command ${JSON.stringify(cmd)}`);
        return out;
    }
  }
  return out;
}
