// The catalogue of what `findSecrets` reports: one entry per type id, for documentation and the
// evaluation. Built from the detectors' own metadata so it cannot drift from them.
import { ASSIGNMENT_TYPES } from './assignment.js';
import { AZURE_AD_SECRET } from './azure-ad-secret.js';
import { AZURE_SAS_TOKEN } from './azure-sas.js';
import { FACEBOOK_APP_TOKEN } from './facebook-app-token.js';
import { HTTP_AUTH_TYPES } from './http-auth.js';
import { GRAFANA_API_KEY, JWT } from './jwt.js';
import { KEYED_FORMATS } from './keyed-formats.js';
import { GCP_SERVICE_ACCOUNT_KEY, PRIVATE_KEY } from './private-key.js';
import { TELEGRAM_BOT_TOKEN } from './telegram-bot-token.js';
import { TOKEN_FORMATS } from './token-formats.js';
import { URL_CREDENTIAL_TYPES } from './url-credentials.js';
import { WEBHOOK_TYPES } from './webhook-urls.js';

/** How a rule recognises its secret. */
export type SecretDetection =
  /** A provider's literal prefix and exact shape. */
  | 'prefix'
  /** A structure that is checked by decoding (JWT header, key block, base64 id). */
  | 'structure'
  /** A provider-specific key name with a value of the provider's shape. */
  | 'keyed'
  /** Where it appears: a header, a URL's user info, a command option. */
  | 'context'
  /** A secret-named key and a value that looks random or chosen. */
  | 'generic';

export interface SecretRule {
  /** The `type` of matches (kebab-case). */
  id: string;
  provider: string;
  title: string;
  /** True when the format's checksum is verified (a failing token scores low). */
  checksum: boolean;
  detection: SecretDetection;
}

function fromFormats(): SecretRule[] {
  const byType = new Map<string, SecretRule>();
  for (const f of TOKEN_FORMATS) {
    const known = byType.get(f.type);
    if (known) known.checksum ||= f.checksum !== undefined;
    else {
      byType.set(f.type, {
        id: f.type,
        provider: f.provider,
        title: f.title,
        checksum: f.checksum !== undefined,
        detection: 'prefix',
      });
    }
  }
  return [...byType.values()];
}

const rule = (
  meta: { type: string; provider: string; title: string },
  detection: SecretDetection,
): SecretRule => ({
  id: meta.type,
  provider: meta.provider,
  title: meta.title,
  checksum: false,
  detection,
});

function unique(rules: SecretRule[]): SecretRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Every type `findSecrets` can report, with its provider and whether a checksum is verified. */
export const SECRET_RULES: readonly SecretRule[] = unique([
  ...fromFormats(),
  rule(AZURE_AD_SECRET, 'structure'),
  rule(TELEGRAM_BOT_TOKEN, 'structure'),
  rule(FACEBOOK_APP_TOKEN, 'structure'),
  ...WEBHOOK_TYPES.map((w) => rule(w, 'structure')),
  rule(JWT, 'structure'),
  rule(GRAFANA_API_KEY, 'structure'),
  rule(PRIVATE_KEY, 'structure'),
  rule(GCP_SERVICE_ACCOUNT_KEY, 'structure'),
  rule(AZURE_SAS_TOKEN, 'structure'),
  ...KEYED_FORMATS.map((k) => rule(k, 'keyed')),
  ...HTTP_AUTH_TYPES.map((h) => rule(h, 'context')),
  ...URL_CREDENTIAL_TYPES.map((u) => rule(u, 'context')),
  ...ASSIGNMENT_TYPES.map((a) => rule(a, a.type === 'cli-password' ? 'context' : 'generic')),
]);
