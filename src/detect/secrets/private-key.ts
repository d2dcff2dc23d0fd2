// PEM and PGP private key blocks, with real or escaped (`\n` in JSON) line breaks. The span is
// the whole block. A block inside a Google service-account JSON key is reported as that.
import { decodeBase64, printableShare } from './base64.js';
import { isBase64Char } from './char-codes.js';
import { PRIORITY, type Detector, type ScanState } from './detector.js';

export const PRIVATE_KEY = {
  type: 'private-key',
  provider: 'PEM / PGP',
  title: 'private key block',
} as const;
export const GCP_SERVICE_ACCOUNT_KEY = {
  type: 'gcp-service-account-key',
  provider: 'Google Cloud',
  title: 'Google Cloud service-account key (JSON with private_key and client_email)',
} as const;

const BEGIN = '-----BEGIN ';
const LABEL = /^[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?$/;
/** Largest block considered (an RSA 16384-bit or a PGP key with subkeys fits). */
const MAX_BLOCK = 64 * 1024;
/** Fewer base64 characters than this is a stub or a placeholder, not key material. */
const MIN_BODY = 50;
/** Unterminated blocks (cut-off output) count when this much key material is visible. */
const MIN_UNTERMINATED_BODY = 200;

/** Where the next `-----` marker after `from` is, cached so stacked BEGIN lines stay linear. */
function nextMarker(text: string, from: number, state: ScanState): number {
  if (state.pemSearchFrom <= from && (state.pemSearchAt >= from || state.pemSearchAt === -1))
    return state.pemSearchAt;
  const at = text.indexOf('-----', from);
  state.pemSearchFrom = from;
  state.pemSearchAt = at;
  return at;
}

interface Body {
  base64: string;
  /** Characters that are neither base64, line breaks (real or escaped) nor header lines. */
  stray: number;
  escaped: boolean;
}

/** The key material of a block body: base64 characters, skipping line breaks and header lines. */
function readBody(raw: string): Body {
  const escaped = raw.includes('\\n');
  const lines = raw.split(escaped ? /\\r|\\n|[\r\n]/ : /[\r\n]/);
  let base64 = '';
  let stray = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t.length === 0 || /^[A-Za-z-]+: /.test(t) || /^=[A-Za-z0-9+/]{4}$/.test(t)) continue;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (isBase64Char(c) || c === 0x3d) base64 += t[i];
      else stray++;
    }
  }
  return { base64, stray, escaped };
}

/** Key material is binary (DER, OpenSSH, OpenPGP packets); base64 of text is a placeholder. */
function looksLikeKeyMaterial(body: Body, min: number): boolean {
  const b = body.base64.replace(/=+$/, '');
  if (b.length < min || body.stray > b.length * 0.05) return false;
  if (/x{4}|X{4}|\.{3}|\*{3}/.test(b)) return false;
  const sample = b.slice(0, 1024);
  const decoded = decodeBase64(sample.slice(0, sample.length - (sample.length % 4)));
  return decoded !== null && printableShare(decoded) < 0.8;
}

/** A service-account JSON key around the block: `client_email` and the service-account type. */
function inServiceAccountJson(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 4096), Math.min(text.length, end + 4096));
  return (
    around.includes('"client_email"') && /"type"\s*:\s*"service_account"|gserviceaccount\.com/.test(around)
  );
}

export const privateKeyDetector: Detector = {
  anchors: ['-----BEGIN'],
  detect(text, at, _anchor, state, out) {
    if (!text.startsWith(BEGIN, at)) return at + 10;
    const labelStart = at + BEGIN.length;
    const dashes = text.slice(labelStart, labelStart + 64).indexOf('-----');
    if (dashes < 0) return at + 10;
    const labelEnd = labelStart + dashes;
    const label = text.slice(labelStart, labelEnd);
    if (!LABEL.test(label)) return at + 10;
    const bodyStart = labelEnd + 5;
    const marker = nextMarker(text, bodyStart, state);
    const endMarker = `-----END ${label}-----`;
    let end: number;
    let terminated = false;
    if (marker >= 0 && marker - bodyStart <= MAX_BLOCK && text.startsWith(endMarker, marker)) {
      end = marker + endMarker.length;
      terminated = true;
    } else {
      // Cut-off output: the key material up to the next marker or the end of the base64 lines.
      const limit = Math.min(text.length, bodyStart + MAX_BLOCK, marker >= 0 ? marker : text.length);
      end = bodyStart;
      const lineish = /[A-Za-z0-9+/=\r\n\\ \t]/;
      while (end < limit && lineish.test(text[end]!)) end++;
    }
    const body = readBody(text.slice(bodyStart, terminated ? end - endMarker.length : end));
    if (!looksLikeKeyMaterial(body, terminated ? MIN_BODY : MIN_UNTERMINATED_BODY)) return bodyStart;
    const encrypted =
      label.includes('ENCRYPTED') || /Proc-Type: 4,ENCRYPTED/.test(text.slice(bodyStart, end));
    const gcp = body.escaped && inServiceAccountJson(text, at, end);
    out.push({
      type: gcp ? GCP_SERVICE_ACCOUNT_KEY.type : PRIVATE_KEY.type,
      start: at,
      end,
      score: gcp ? 0.99 : !terminated ? 0.75 : encrypted ? 0.8 : 0.95,
      message: gcp
        ? GCP_SERVICE_ACCOUNT_KEY.title
        : `${label.toLowerCase()} block${encrypted ? ' (encrypted)' : ''}${terminated ? '' : ' (unterminated)'}`,
      priority: PRIORITY.block,
    });
    return end;
  },
};
