// Incoming webhook URLs (Slack, Discord, Microsoft Teams): the URL itself is the credential, so
// the span is the whole URL.
import { codeAt, isAlnum, runEnd } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { isFillerToken } from './placeholders.js';

export const WEBHOOK_TYPES = [
  { type: 'slack-webhook-url', provider: 'Slack', title: 'Slack incoming webhook or workflow URL' },
  { type: 'discord-webhook-url', provider: 'Discord', title: 'Discord webhook URL' },
  {
    type: 'microsoft-teams-webhook-url',
    provider: 'Microsoft',
    title: 'Microsoft Teams incoming webhook URL',
  },
] as const;

const isPathChar = (c: number) =>
  isAlnum(c) || c === 0x2f || c === 0x5f || c === 0x2d || c === 0x2b || c === 0x40;

interface Shape {
  type: (typeof WEBHOOK_TYPES)[number]['type'];
  /** Path after the anchor; bounded quantifiers only. */
  path: RegExp;
}

const SHAPES: Record<string, Shape> = {
  'hooks.slack.com/': {
    type: 'slack-webhook-url',
    path: /^(?:services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{16,40}|workflows\/T[A-Z0-9]{6,12}\/A[A-Z0-9]{6,12}\/[0-9]{10,25}\/[A-Za-z0-9]{16,40}|triggers\/T[A-Z0-9]{6,12}\/[0-9]{10,25}\/[A-Za-z0-9]{16,40})$/,
  },
  'discord.com/api/webhooks/': { type: 'discord-webhook-url', path: /^[0-9]{17,20}\/[A-Za-z0-9_-]{60,80}$/ },
  'discordapp.com/api/webhooks/': {
    type: 'discord-webhook-url',
    path: /^[0-9]{17,20}\/[A-Za-z0-9_-]{60,80}$/,
  },
  '.webhook.office.com/webhookb2/': {
    type: 'microsoft-teams-webhook-url',
    path: /^[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/[A-Za-z0-9_-]{20,80})?$/,
  },
};

/** Start of the URL: the scheme (and for Teams the tenant host label) before the anchor. */
function urlStart(text: string, at: number, anchor: string): number {
  let start = at;
  if (anchor.startsWith('.')) {
    while (
      start > 0 &&
      start > at - 64 &&
      (isAlnum(codeAt(text, start - 1)) || codeAt(text, start - 1) === 0x2d)
    )
      start--;
  }
  for (const scheme of ['https://', 'http://']) {
    if (text.startsWith(scheme, start - scheme.length)) return start - scheme.length;
  }
  return start;
}

export const webhookUrlDetector: Detector = {
  anchors: Object.keys(SHAPES),
  detect(text, at, anchor, _state, out) {
    const shape = SHAPES[anchor];
    const from = at + anchor.length;
    if (!shape) return from;
    const end = runEnd(text, from, 300, isPathChar);
    let pathEnd = end;
    // A trailing slash or query is not part of the credential.
    while (pathEnd > from && codeAt(text, pathEnd - 1) === 0x2f) pathEnd--;
    const path = text.slice(from, pathEnd);
    if (!shape.path.test(path)) return from;
    const secret = path.slice(path.lastIndexOf('/') + 1);
    if (isFillerToken(secret) || isFillerToken(path.replace(/[/@-]/g, ''))) return from;
    const meta = WEBHOOK_TYPES.find((w) => w.type === shape.type)!;
    out.push({
      type: shape.type,
      start: urlStart(text, at, anchor),
      end: pathEnd,
      score: 0.9,
      message: meta.title,
      priority: PRIORITY.format,
    });
    return end;
  },
};
