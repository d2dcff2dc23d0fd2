// Secrets assigned to secret-named keys, in any of the syntaxes text carries them in:
// `password = "…"`, `token: …` (YAML, headers), `"api_key": "…"` (JSON), `API_KEY=…` (env),
// `--password=…` / `--password …` (CLI), `'secret' => '…'`, `<password>…</password>`,
// `?access_token=…`. Anchored on the secret nouns (and provider names for keyed formats);
// the span is the value.
import { codeAt, isBlank, isQuote, isSpace, isTokenChar, isWord, runEnd, runStart } from './char-codes.js';
import { PRIORITY, type Detector, type Hit } from './detector.js';
import { apiKeyHeaderHit, authorizationHit } from './http-auth.js';
import { KEYED_FORMATS, KEYED_PROVIDER_WORDS } from './keyed-formats.js';
import { startsWithKnownPrefix } from './known-prefixes.js';
import { isFillerToken } from './placeholders.js';
import { classifyKey, keyWords, type SecretKey } from './secret-keys.js';
import { genericValueScore } from './secret-values.js';

export const ASSIGNMENT_TYPES = [
  { type: 'password-assignment', provider: 'Generic', title: 'password assigned to a password-named key' },
  {
    type: 'generic-secret-assignment',
    provider: 'Generic',
    title: 'random-looking value assigned to a secret-named key',
  },
  { type: 'cli-password', provider: 'Generic', title: 'password or token passed as a command-line option' },
] as const;

const MAX_KEY = 64;
const MAX_VALUE = 1024;

const isKeyChar = (c: number) => isTokenChar(c) || c === 0x2e;
// An unquoted value ends at whitespace, a quote, a list or statement separator, a query
// separator, markup, or a bracket that closes the surrounding code (`f(password=abc123)`).
const UNQUOTED_STOP = new Set([0x2c, 0x3b, 0x26, 0x3c, 0x3e]);
const OPEN = '([{';
const CLOSE = ')]}';

function unquotedEnd(text: string, from: number, query: boolean): number {
  const stop = Math.min(text.length, from + MAX_VALUE);
  let depth = 0;
  let i = from;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || isQuote(c) || UNQUOTED_STOP.has(c) || (query && c === 0x23)) break;
    if (OPEN.includes(text[i]!)) depth++;
    else if (CLOSE.includes(text[i]!)) {
      if (depth === 0) break;
      depth--;
    }
  }
  return i;
}

interface Value {
  start: number;
  end: number;
  /** The assignment operator, `:` for headers and YAML, `=` and friends otherwise. */
  op: string;
}

/** A URL query parameter (`?token=…`, `&token=…`): its value ends at the fragment too. */
function isQueryKey(text: string, keyStart: number): boolean {
  const c = codeAt(text, keyStart - 1);
  return c === 0x3f || c === 0x26;
}

/** Read `<op> <value>` after a key ending at `keyEnd`; null when no assignment follows. */
function readValue(
  text: string,
  keyStart: number,
  keyEnd: number,
  flag: boolean,
  toLineEnd: boolean,
): Value | null {
  let i = keyEnd;
  const open = codeAt(text, keyStart - 1);
  // The closing quote of a quoted key (`"password": …`, `\"password\": …`), or `]` of `['password']`.
  if (isQuote(open) && codeAt(text, i) === open) i++;
  else if (isQuote(open) && codeAt(text, i) === 0x5c && codeAt(text, i + 1) === open) i += 2;
  if (codeAt(text, i) === 0x5d) i++;
  const afterKey = i;
  i = runEnd(text, i, 8, isBlank);
  let op: string;
  const c = codeAt(text, i);
  const c2 = codeAt(text, i + 1);
  if (c === 0x3a && c2 === 0x3d) op = ':=';
  else if (c === 0x3d && c2 === 0x3e) op = '=>';
  else if (c === 0x3d && c2 !== 0x3d && c2 !== 0x7e) op = '=';
  else if (c === 0x3a && c2 !== 0x3a) op = ':';
  else if (c === 0x3e && codeAt(text, keyStart - 1) === 0x3c) op = '>';
  else if (flag && i > afterKey && text.startsWith('--', keyStart - 2)) op = ' ';
  else return null;
  i += op === ' ' ? 0 : op.length;
  if (op !== '>') i = runEnd(text, i, 8, isBlank);
  // Python string prefixes: b'…', r"…".
  if (/[bruf]/i.test(text[i] ?? '') && isQuote(codeAt(text, i + 1))) i++;
  let q = codeAt(text, i);
  let escapedQuote = false;
  if (q === 0x5c && isQuote(codeAt(text, i + 1))) {
    escapedQuote = true;
    i++;
    q = codeAt(text, i);
  }
  if (isQuote(q)) {
    const start = i + 1;
    let j = start;
    const stop = Math.min(text.length, start + MAX_VALUE);
    while (j < stop) {
      const d = text.charCodeAt(j);
      if (d === 0x0a || d === 0x0d) return null;
      if (escapedQuote ? d === 0x5c && codeAt(text, j + 1) === q : d === q && codeAt(text, j - 1) !== 0x5c)
        break;
      j++;
    }
    if (j >= stop) return null;
    return { start, end: j, op };
  }
  if (op === '>') {
    const close = text.indexOf('</', i);
    if (close < 0 || close - i > MAX_VALUE) return null;
    return { start: i, end: close, op };
  }
  // YAML block scalars and multi-line values are out of reach; `--flag -next` has no value.
  if (q === 0x7c || q === 0x3e || q === -1 || isSpace(q) || (op === ' ' && q === 0x2d)) return null;
  let end = toLineEnd
    ? runEnd(text, i, MAX_VALUE, (d) => d !== 0x0a && d !== 0x0d && !isQuote(d))
    : unquotedEnd(text, i, isQueryKey(text, keyStart));
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--;
  return end > i ? { start: i, end, op } : null;
}

// Header names as HTTP spells them (`X-Api-Key`, `Api-Token`, `x-auth-token`), not YAML keys
// (`meraki-api-key`), whose values get the generic test.
const HEADER_NAME = /^(?:[Xx]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|[A-Z][a-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+)$/;

/** Cheap pre-check before classifying the key: an assignment operator (or a closing quote) follows. */
function operatorFollows(text: string, keyEnd: number): boolean {
  let i = keyEnd;
  const stop = Math.min(text.length, keyEnd + 12);
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c === 0x3d || c === 0x3a || c === 0x3e) return true;
    if (!isBlank(c) && !isQuote(c) && c !== 0x5d && c !== 0x5c) return false;
    i++;
  }
  return false;
}

/** True when the key is a header name in a curl `-H` argument or an HTTP header line. */
function headerContext(text: string, keyStart: number, key: string, op: string): boolean {
  if (op !== ':') return false;
  let i = keyStart;
  if (isQuote(codeAt(text, i - 1))) i--;
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  const before = text.slice(Math.max(lineStart, i - 16), i);
  if (/(?:^|\s)(?:-H|--header)[ \t=]*$/.test(before)) return true;
  return HEADER_NAME.test(key) && /^[ \t>]*$/.test(text.slice(lineStart, i));
}

function keyedHit(text: string, compact: string, keyStart: number, value: Value): Hit | 'claimed' | null {
  let claimed = false;
  for (const format of KEYED_FORMATS) {
    if (!format.key.test(compact)) continue;
    if (format.before && !format.before.test(text.slice(Math.max(0, keyStart - 100), keyStart))) continue;
    const v = text.slice(value.start, value.end);
    if (format.value.test(v) && !isFillerToken(v.replace(/[-=.]/g, '')) && (format.validate?.(v) ?? true)) {
      return {
        type: format.type,
        start: value.start,
        end: value.end,
        score: format.score,
        message: format.title,
        priority: PRIORITY.keyed,
      };
    }
    if (format.strict) claimed = true;
  }
  return claimed ? 'claimed' : null;
}

function genericHit(text: string, key: SecretKey, value: Value, flag: boolean): Hit | null {
  const score = genericValueScore(text.slice(value.start, value.end), key.kind);
  if (score === 0) return null;
  const type = flag
    ? 'cli-password'
    : key.kind === 'password'
      ? 'password-assignment'
      : 'generic-secret-assignment';
  const noun = key.kind === 'key' ? 'secret key' : key.kind;
  return {
    type,
    start: value.start,
    end: value.end,
    score,
    message: flag ? `${noun} passed as a command-line option` : `${noun} assigned to a secret-named key`,
    priority: PRIORITY.generic,
  };
}

export const assignmentDetector: Detector = {
  anchorsIgnoreCase: [
    'pass',
    'pwd',
    'pswd',
    'secret',
    'token',
    'key',
    'auth',
    'credential',
    'creds',
    ...KEYED_PROVIDER_WORDS,
  ],
  detect(text, at, anchor, state, out) {
    if (at < state.valueUntil) return at + 1;
    let keyStart = runStart(text, at, MAX_KEY, isKeyChar);
    let keyEnd = runEnd(text, at + anchor.length, MAX_KEY, isKeyChar);
    // Inside a long run (base64, minified code) there is no key to read.
    if (at - keyStart >= MAX_KEY || keyEnd - at >= MAX_KEY || isWord(codeAt(text, keyStart - 1)))
      return keyEnd;
    while (keyEnd > at + anchor.length && /[.-]/.test(text[keyEnd - 1]!)) keyEnd--;
    const flag = codeAt(text, keyStart) === 0x2d && (keyStart === 0 || isSpace(codeAt(text, keyStart - 1)));
    if (!flag && !operatorFollows(text, keyEnd)) return keyEnd;
    while (keyStart < at && /[.-]/.test(text[keyStart]!)) keyStart++;
    const name = text.slice(keyStart, keyEnd);
    const key = classifyKey(name);
    const compact = key ? key.compact : keyWords(name).join('');
    const provider = KEYED_PROVIDER_WORDS.some((w) => compact.includes(w));
    if (!key && !provider) return keyEnd;
    const authorization = key?.kind === 'authorization';
    const value = readValue(text, keyStart, keyEnd, flag, authorization);
    if (!value) return keyEnd;
    // Bounded work: a value is read once; secret words inside it (`token=token=…`) are not keys.
    state.valueUntil = value.end;
    if (authorization) {
      const hit = authorizationHit(text, value.start, value.end);
      if (hit) out.push(hit);
      return keyEnd;
    }
    const keyed = keyedHit(text, compact, keyStart, value);
    if (keyed === 'claimed') return keyEnd;
    if (keyed) {
      out.push(keyed);
      return keyEnd;
    }
    // A value with a provider's prefix is that provider's to judge (a filler `ghp_xxxx` stays quiet).
    if (!key || startsWithKnownPrefix(text, value.start)) return keyEnd;
    if (headerContext(text, keyStart, name, value.op)) {
      const lineEnd = runEnd(text, value.start, MAX_VALUE, (d) => d !== 0x0a && d !== 0x0d && !isQuote(d));
      const hit = apiKeyHeaderHit(text, value.start, lineEnd);
      if (hit) out.push(hit);
      return keyEnd;
    }
    const hit = genericHit(text, key, value, flag);
    if (hit) out.push(hit);
    return keyEnd;
  },
};
