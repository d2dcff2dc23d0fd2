// Azure shared access signatures: a query string with a service version (`sv=2022-11-02`),
// permissions or expiry, and the HMAC in `sig=`. The span is the signature.
import { codeAt, isAlnum, isQuote, isSpace, runEnd } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

export const AZURE_SAS_TOKEN = {
  type: 'azure-sas-token',
  provider: 'Microsoft Azure',
  title: 'Azure shared access signature',
} as const;

const isSigChar = (c: number) => isAlnum(c) || c === 0x25 || c === 0x2b || c === 0x2f || c === 0x3d;

export const azureSasDetector: Detector = {
  anchors: ['sig='],
  detect(text, at, _anchor, _state, out) {
    const next = at + 4;
    const before = codeAt(text, at - 1);
    if (before !== 0x3f && before !== 0x26 && before !== 0x3b) return next;
    const end = runEnd(text, next, 200, isSigChar);
    let sig = text.slice(next, end);
    try {
      sig = decodeURIComponent(sig);
    } catch {
      return next;
    }
    if (sig.length < 30 || sig.length > 100 || isFillerToken(sig)) return next;
    // The rest of the query, back to where the URL or connection string starts.
    let from = at;
    while (
      from > 0 &&
      at - from < 1024 &&
      !isSpace(text.charCodeAt(from - 1)) &&
      !isQuote(text.charCodeAt(from - 1))
    ) {
      from--;
    }
    const query = text.slice(from, at);
    if (!/(?:^|[?&;=])sv=\d{4}-\d{2}-\d{2}/.test(query) || !/[?&;](?:se|sp|st|sr|srt|ss|spr)=/.test(query)) {
      return next;
    }
    out.push({
      type: AZURE_SAS_TOKEN.type,
      start: next,
      end,
      score: 0.9,
      message: AZURE_SAS_TOKEN.title,
      priority: PRIORITY.format,
    });
    return end;
  },
};
