// Telegram bot tokens: the bot's numeric id, `:`, then `AA` and 33 more characters. Anchored on
// `:AA`, reading the id backwards.
import { codeAt, isAlnum, isDigit, isTokenChar, runEnd, runStart } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

export const TELEGRAM_BOT_TOKEN = {
  type: 'telegram-bot-token',
  provider: 'Telegram',
  title: 'Telegram bot token',
} as const;

export const telegramBotTokenDetector: Detector = {
  anchors: [':AA'],
  detect(text, at, _anchor, _state, out) {
    const start = runStart(text, at, 11, isDigit);
    const digits = at - start;
    if (digits < 8 || digits > 10) return at + 3;
    // `bot123:AA…` is how the token appears in API URLs; otherwise the id stands alone.
    const before = codeAt(text, start - 1);
    if (isAlnum(before) && text.slice(Math.max(0, start - 3), start) !== 'bot') return at + 3;
    const end = runEnd(text, at + 1, 36, isTokenChar);
    if (end - (at + 1) !== 35 || isTokenChar(codeAt(text, end))) return at + 3;
    if (isFillerToken(text.slice(at + 3, end))) return at + 3;
    out.push({
      type: TELEGRAM_BOT_TOKEN.type,
      start,
      end,
      score: 0.9,
      message: TELEGRAM_BOT_TOKEN.title,
      priority: PRIORITY.format,
    });
    return end;
  },
};
