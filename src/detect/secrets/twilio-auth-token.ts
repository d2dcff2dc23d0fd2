// Twilio auth tokens next to their account SID: `AC` + 32 hex (the account, an identifier) and,
// shortly after, a 32-hex string (the auth token, the secret), as in `Client("AC…", "…")` or
// `-u AC…:…`. The SID anchors; the token is the span.
import { codeAt, isAlnum, isHex, runEnd } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

/** How far after the SID the token may appear. */
const WINDOW = 160;
const TOKEN = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])/;

export const twilioAuthTokenDetector: Detector = {
  anchors: ['AC'],
  detect(text, at, _anchor, _state, out) {
    if (isAlnum(codeAt(text, at - 1))) return at + 2;
    const sidEnd = runEnd(text, at + 2, 33, isHex);
    if (sidEnd - at !== 34 || isAlnum(codeAt(text, sidEnd))) return at + 2;
    const m = TOKEN.exec(text.slice(sidEnd, sidEnd + WINDOW));
    if (!m) return sidEnd;
    const start = sidEnd + m.index;
    if (isFillerToken(m[0])) return sidEnd;
    out.push({
      type: 'twilio-auth-token',
      start,
      end: start + 32,
      score: 0.8,
      message: 'Twilio auth token (next to its account SID)',
      priority: PRIORITY.keyed,
    });
    return start + 32;
  },
};
