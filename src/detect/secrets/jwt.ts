// JSON Web Tokens: base64url parts joined by dots whose header decodes to a JSON object naming
// an algorithm. Also Grafana's legacy API keys, base64 JSON that starts the same way.
import { decodeBase64 } from './base64.js';
import { codeAt, isTokenChar, runEnd } from './char-codes.js';
import { PRIORITY, type Detector, type Hit } from './detector.js';

export const JWT = { type: 'jwt', provider: 'JSON Web Token', title: 'JSON Web Token' } as const;
export const GRAFANA_API_KEY = {
  type: 'grafana-api-key',
  provider: 'Grafana',
  title: 'Grafana API key (legacy)',
} as const;

function decodeJson(part: string): Record<string, unknown> | null {
  const text = decodeBase64(part, 8192);
  if (text === null || !text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The run of base64url characters at `from`, bounded; the end index. */
const part = (text: string, from: number, limit: number) => runEnd(text, from, limit, isTokenChar);

function matchJwt(text: string, at: number): Hit | null {
  const e1 = part(text, at, 2048);
  if (e1 - at < 10 || codeAt(text, e1) !== 0x2e) return null;
  const e2 = part(text, e1 + 1, 16_384);
  if (e2 - (e1 + 1) < 2 || codeAt(text, e2) !== 0x2e) return null;
  let end = part(text, e2 + 1, 4096);
  const header = decodeJson(text.slice(at, e1));
  if (!header) return null;
  let signed = end - (e2 + 1) >= 16;
  if (typeof header.enc === 'string') {
    // JWE: five parts (header, key, iv, ciphertext, tag); the ciphertext carries the claims.
    if (codeAt(text, end) !== 0x2e) return null;
    const e4 = part(text, end + 1, 65_536);
    if (codeAt(text, e4) !== 0x2e) return null;
    end = part(text, e4 + 1, 4096);
    signed = true;
  } else {
    if (typeof header.alg !== 'string') return null;
    if (!decodeJson(text.slice(e1 + 1, e2)) && !text.startsWith('eyJ', e1 + 1)) return null;
    if (header.alg.toLowerCase() === 'none') signed = false;
  }
  if (codeAt(text, end) === 0x2e) return null;
  return {
    type: JWT.type,
    start: at,
    end,
    // An unsigned token authenticates nothing by itself: reported, below the default threshold.
    score: signed ? 0.85 : 0.4,
    message: signed ? JWT.title : `${JWT.title} (unsigned)`,
    priority: PRIORITY.format,
  };
}

function matchGrafanaKey(text: string, at: number): Hit | null {
  const end = runEnd(text, at, 512, (c) => isTokenChar(c) || c === 0x2b || c === 0x2f);
  let stop = end;
  while (codeAt(text, stop) === 0x3d && stop < end + 2) stop++;
  if (end - at < 70 || codeAt(text, stop) === 0x2e) return null;
  const body = decodeJson(text.slice(at, stop));
  if (!body || typeof body.k !== 'string' || typeof body.n !== 'string') return null;
  return {
    type: GRAFANA_API_KEY.type,
    start: at,
    end: stop,
    score: 0.85,
    message: GRAFANA_API_KEY.title,
    priority: PRIORITY.format,
  };
}

export const jwtDetector: Detector = {
  anchors: ['eyJ'],
  detect(text, at, _anchor, _state, out) {
    const before = codeAt(text, at - 1);
    if (isTokenChar(before) || before === 0x2e || before === 0x2b || before === 0x2f) return at + 3;
    const hit = matchJwt(text, at) ?? matchGrafanaKey(text, at);
    if (!hit) return at + 3;
    out.push(hit);
    return hit.end;
  },
};
