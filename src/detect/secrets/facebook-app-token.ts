// Facebook app access tokens: the app id (15 or 16 digits), `|` (or `%7C` in a URL), then the
// app secret or a token part. Anchored on the separator, reading the id backwards.
import { codeAt, isAlnum, isDigit, isTokenChar, runEnd, runStart } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

export const FACEBOOK_APP_TOKEN = {
  type: 'facebook-app-token',
  provider: 'Meta',
  title: 'Facebook app access token',
} as const;

export const facebookAppTokenDetector: Detector = {
  anchors: ['|', '%7C'],
  detect(text, at, anchor, _state, out) {
    const next = at + anchor.length;
    if (!isDigit(codeAt(text, at - 1))) return next;
    const start = runStart(text, at, 17, isDigit);
    const digits = at - start;
    if (digits < 15 || digits > 16 || isAlnum(codeAt(text, start - 1))) return next;
    const end = runEnd(text, next, 41, isTokenChar);
    const length = end - next;
    if (length < 27 || length > 40 || isTokenChar(codeAt(text, end))) return next;
    const secret = text.slice(next, end);
    if (isFillerToken(secret) || !/[A-Za-z]/.test(secret)) return next;
    out.push({
      type: FACEBOOK_APP_TOKEN.type,
      start,
      end,
      score: 0.8,
      message: FACEBOOK_APP_TOKEN.title,
      priority: PRIORITY.format,
    });
    return end;
  },
};
