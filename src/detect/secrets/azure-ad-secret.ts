// Azure AD (Entra ID) client secrets: three characters, a digit, `Q~`, then 31 or 34 more. The
// `Q~` marker is rare enough to anchor on; the token starts four characters before it.
import { codeAt, isAlnum, isDigit, runEnd } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

const isSecretChar = (c: number) => isAlnum(c) || c === 0x5f || c === 0x7e || c === 0x2e;
const isTailChar = (c: number) => isSecretChar(c) || c === 0x2d;
const SECRET_CONTEXT = /secret|client|azure|entra|\bad\b|aad|tenant|password|credential/i;

export const AZURE_AD_SECRET = {
  type: 'azure-ad-client-secret',
  provider: 'Microsoft Azure',
  title: 'Azure AD (Entra ID) client secret',
} as const;

export const azureAdSecretDetector: Detector = {
  anchors: ['Q~'],
  detect(text, at, _anchor, _state, out) {
    const start = at - 4;
    if (start < 0 || !isDigit(text.charCodeAt(at - 1))) return at + 2;
    for (let i = start; i < at - 1; i++) if (!isSecretChar(text.charCodeAt(i))) return at + 2;
    if (isTailChar(codeAt(text, start - 1))) return at + 2;
    const end = runEnd(text, at + 2, 35, isTailChar);
    const tail = end - (at + 2);
    if ((tail !== 31 && tail !== 34) || isTailChar(codeAt(text, end))) return at + 2;
    if (isFillerToken(text.slice(at + 2, end))) return at + 2;
    const context = SECRET_CONTEXT.test(text.slice(Math.max(0, start - 80), start));
    out.push({
      type: AZURE_AD_SECRET.type,
      start,
      end,
      score: context ? 0.95 : 0.85,
      message: AZURE_AD_SECRET.title,
      priority: PRIORITY.format,
    });
    return end;
  },
};
