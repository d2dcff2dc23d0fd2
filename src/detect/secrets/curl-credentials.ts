// `curl -u user:password` / `--user user:password`: the password (or, for `-u token:`, the
// user part) of a curl command, across `\` line continuations and shell quoting.
import { codeAt, isBlank, isQuote, isSpace, isTokenChar } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { startsWithKnownPrefix } from './known-prefixes.js';
import { isPlaceholder } from './placeholders.js';
import { characterClasses } from './randomness.js';

const MAX_COMMAND = 4096;
const MAX_LINES = 12;

/** End of the command that starts at `at`: the first line break not escaped by a backslash. */
function commandEnd(text: string, at: number): number {
  const stop = Math.min(text.length, at + MAX_COMMAND);
  let lines = 0;
  for (let i = at; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a) continue;
    const prev = codeAt(text, i - 1) === 0x0d ? i - 2 : i - 1;
    if (codeAt(text, prev) !== 0x5c || ++lines > MAX_LINES) return i;
  }
  return stop;
}

interface Word {
  chars: string;
  /** Offset in `text` of each character of `chars`. */
  offsets: number[];
}

/** A shell word at `i`: unquoted runs and quoted segments glued together, with their offsets. */
function readWord(text: string, i: number, end: number): Word {
  const word: Word = { chars: '', offsets: [] };
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) break;
    if (isQuote(c)) {
      const close = text.indexOf(text[i]!, i + 1);
      if (close < 0 || close > end) break;
      for (let j = i + 1; j < close; j++) {
        word.chars += text[j];
        word.offsets.push(j);
      }
      i = close + 1;
      continue;
    }
    word.chars += text[i];
    word.offsets.push(i);
    i++;
  }
  return word;
}

export const curlCredentialDetector: Detector = {
  anchors: ['curl'],
  detect(text, at, _anchor, state, out) {
    const next = at + 4;
    if (at < state.commandUntil) return next;
    const before = codeAt(text, at - 1);
    if (isTokenChar(before) || before === 0x2f || before === 0x2e || !isBlank(codeAt(text, next)))
      return next;
    const end = commandEnd(text, at);
    state.commandUntil = end;
    for (let i = next; i < end; i++) {
      if (!isSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i) !== 0x2d) continue;
      let p: number;
      if (text.startsWith('--user', i)) {
        p = i + 6;
        const c = codeAt(text, p);
        if (c !== 0x3d && !isBlank(c)) continue;
      } else if (text.startsWith('-u', i)) {
        p = i + 2;
      } else continue;
      if (codeAt(text, p) === 0x3d) p++;
      while (p < end && isBlank(text.charCodeAt(p))) p++;
      const word = readWord(text, p, end);
      const colon = word.chars.indexOf(':');
      if (colon < 0) continue;
      const user = word.chars.slice(0, colon);
      const password = word.chars.slice(colon + 1);
      // `-u token:` sends a token as the user name with an empty password.
      const secret = password.length > 0 ? password : user;
      const from = password.length > 0 ? colon + 1 : 0;
      const to = password.length > 0 ? word.chars.length : colon;
      if (secret.length < 4 || isPlaceholder(secret) || password === user) continue;
      if (password.length === 0 && (secret.length < 8 || characterClasses(secret) < 2)) continue;
      const start = word.offsets[from]!;
      if (startsWithKnownPrefix(text, start)) continue;
      out.push({
        type: 'cli-password',
        start,
        end: word.offsets[to - 1]! + 1,
        score: 0.85,
        message: 'password in a curl --user option',
        priority: PRIORITY.auth,
      });
    }
    return next;
  },
};
