import type { Match } from '../finding.js';
import { isWordCode } from './context.js';

// Domain after the `@`: dot-separated labels (IDN letters allowed), a letter TLD or a punycode one.
// Labels are bounded and separated by literal dots, so backtracking stays linear. The lookahead
// keeps a following `.` + letter from being cut off mid-domain and drops trailing punctuation.
const DOMAIN =
  /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}(?:xn--[a-z0-9-]{1,59}|\p{L}{2,63})(?![\p{L}\p{N}\p{M}_-]|\.[\p{L}\p{N}])/iuy;

const MAX_LOCAL = 64;

/** Characters allowed in the local part: a conservative subset of RFC 5322 (no quotes). */
function isLocalCode(code: number): boolean {
  if (code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d) return true; // . _ % + -
  return isWordCode(code);
}

/**
 * Email addresses: a local part, `@`, and a domain with at least one dot and a letter TLD
 * (Unicode and punycode IDNs included). Trailing dots and punctuation are not part of the match.
 *
 * @example
 * findEmails('write to jo.doe@example.org.') // [{ type: 'email', start: 9, end: 27, score: 0.95 }]
 */
export function findEmails(text: string): Match[] {
  const out: Match[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    const next = scanAt(text, at);
    if (next) out.push(next);
    at = text.indexOf('@', next ? next.end : at + 1);
  }
  return out;
}

function scanAt(text: string, at: number): Match | undefined {
  let start = at;
  while (start > 0 && at - start < MAX_LOCAL && isLocalCode(text.charCodeAt(start - 1))) start--;
  // Ran into the cap with more local characters before: not an address we can bound.
  if (start > 0 && isLocalCode(text.charCodeAt(start - 1))) return undefined;
  // A local part never starts with, ends with, or doubles a dot. (Looked for within the local
  // part only: `lastIndexOf` would read back to the start of the text for every `@`.)
  for (let k = at - 2; k >= start; k--) {
    if (text.charCodeAt(k) === 0x2e && text.charCodeAt(k + 1) === 0x2e) {
      start = k + 2;
      break;
    }
  }
  while (start < at && (text[start] === '.' || text[start] === '-' || text[start] === '+')) start++;
  if (start === at || text[at - 1] === '.') return undefined;
  DOMAIN.lastIndex = at + 1;
  const domain = DOMAIN.exec(text);
  if (!domain) return undefined;
  return { type: 'email', start, end: at + 1 + domain[0].length, score: 0.95 };
}
