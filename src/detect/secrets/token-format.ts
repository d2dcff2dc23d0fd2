// Prefixed token formats (`ghp_…`, `xoxb-…`, `AKIA…`): a declarative description and the one
// matcher that applies it at an anchor.
import { codeAt, isAlnum, isLetter, isTokenChar, isWord } from './char-codes.js';
import { PRIORITY, type Hit } from './detector.js';
import { isFillerToken } from './placeholders.js';

/** What may not precede a token's prefix. */
export type LeftBoundary = 'alnum' | 'letter' | 'word' | 'token' | 'strict';

/** One provider token format. */
export interface TokenFormat {
  /** Kebab-case type id reported in matches (`github-pat`). */
  type: string;
  provider: string;
  /** For people: `GitHub personal access token`. Never the value. */
  title: string;
  /** Literal prefixes that anchor the format, case-sensitive. */
  prefixes: readonly string[];
  /** Regex source for the whole token, from its prefix; bounded quantifiers only. */
  pattern: string;
  /** What may not precede the prefix (default `alnum`). */
  left?: LeftBoundary;
  /** Characters that may not follow the token (default: `A-Za-z0-9_-`). */
  right?: (code: number) => boolean;
  /** The format's own checksum; a token that fails it scores low (see `CHECKSUM_FAILED_SCORE`). */
  checksum?: (token: string) => boolean;
  /** A structural test the token must pass (decodes to JSON, has digits, …). */
  validate?: (token: string) => boolean;
  /** The body is base64 of structured data: skip the repetition tests of `isFillerToken`. */
  binary?: boolean;
  /** Confidence for a token that passes (default 0.9). */
  score?: number | ((token: string) => number);
  /** False when the prefix alone is too common to claim a value (a failed match then says nothing). */
  distinctive?: boolean;
}

/**
 * Score of a token whose checksum fails. It is not an issued token (the provider would reject it),
 * so it stays below the default redaction and blocking threshold (0.5) instead of raising an
 * alarm on every hand-typed example; but it is still reported, because a corrupted or
 * hand-edited copy of a real token is usually one character away from the real thing, and a
 * caller that redacts at a lower threshold should still hide it.
 */
export const CHECKSUM_FAILED_SCORE = 0.3;

const compiled = new WeakMap<TokenFormat, RegExp>();

function stickyPattern(format: TokenFormat): RegExp {
  let re = compiled.get(format);
  if (!re) {
    re = new RegExp(format.pattern, 'y');
    compiled.set(format, re);
  }
  return re;
}

function leftOk(text: string, at: number, mode: LeftBoundary): boolean {
  const c = codeAt(text, at - 1);
  if (c < 0) return true;
  switch (mode) {
    case 'letter':
      return !isLetter(c);
    case 'word':
      return !isWord(c);
    case 'token':
      return !isTokenChar(c);
    case 'strict':
      return !isTokenChar(c) && c !== 0x2e && c !== 0x24 && c !== 0x2f;
    default:
      return !isAlnum(c);
  }
}

// A token followed by a mask is a redacted display (`sk_live_abc…****`), not a secret. Two stars
// are markdown bold (`**ghp_…**`), so a mask is three or more.
function maskedAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 0x2026 || c === 0x2022) return true;
  return /^(?:\*{3}|#{3}|\.{3})/.test(text.slice(end, end + 3));
}

/**
 * Match `format` at `at`, where one of its prefixes starts. Null when the text there does not
 * have the format's shape, or is a filler, an example, a masked display or otherwise invalid.
 *
 * @example
 * matchTokenFormat('id ghp_…', 3, githubPat, 'ghp_') // { type: 'github-pat', start: 3, … }
 */
export function matchTokenFormat(text: string, at: number, format: TokenFormat, prefix: string): Hit | null {
  if (!leftOk(text, at, format.left ?? 'alnum')) return null;
  const re = stickyPattern(format);
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m) return null;
  const token = m[0];
  const end = at + token.length;
  const next = codeAt(text, end);
  if (next >= 0 && ((format.right ?? isTokenChar)(next) || maskedAfter(text, end))) return null;
  if (isFillerToken(token.slice(prefix.length), format.binary)) return null;
  if (format.validate && !format.validate(token)) return null;
  let score = typeof format.score === 'function' ? format.score(token) : (format.score ?? 0.9);
  let message = format.title;
  if (format.checksum && !format.checksum(token)) {
    score = CHECKSUM_FAILED_SCORE;
    message = `${format.title} with an invalid checksum (not an issued token)`;
  }
  return { type: format.type, start: at, end, score, message, priority: PRIORITY.format };
}
