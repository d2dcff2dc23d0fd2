// Token formats of messaging, payment, commerce and productivity services.
import { isAlnum } from './char-codes.js';
import type { TokenFormat } from './token-format.js';

/**
 * Slack tokens are dash-separated segments with numeric team / user ids (8+ digits); fillers
 * like `xoxb-12345-abcd` or `xoxp-1234-1234-1234-…` lack them.
 */
function slackShape(token: string): boolean {
  const segments = token.split('-').slice(1);
  if (segments.length < 2 || segments.some((s) => s.length === 0)) return false;
  return segments.some((s) => /^[0-9]{8,}$/.test(s));
}

export const SAAS_FORMATS: readonly TokenFormat[] = [
  {
    type: 'slack-bot-token',
    provider: 'Slack',
    title: 'Slack bot token',
    prefixes: ['xoxb-'],
    pattern: 'xoxb-[A-Za-z0-9-]{15,250}',
    validate: slackShape,
  },
  {
    type: 'slack-user-token',
    provider: 'Slack',
    title: 'Slack user token',
    prefixes: ['xoxp-'],
    pattern: 'xoxp-[A-Za-z0-9-]{15,250}',
    validate: slackShape,
  },
  {
    type: 'slack-legacy-token',
    provider: 'Slack',
    title: 'Slack legacy or workspace token',
    prefixes: ['xoxa-', 'xoxo-', 'xoxs-', 'xoxr-'],
    pattern: 'xox[aosr]-[A-Za-z0-9-]{15,250}',
    validate: slackShape,
  },
  {
    type: 'slack-app-token',
    provider: 'Slack',
    title: 'Slack app-level token',
    prefixes: ['xapp-'],
    pattern: 'xapp-[0-9]-[A-Za-z0-9-]{15,250}',
    validate: slackShape,
  },
  {
    type: 'slack-config-token',
    provider: 'Slack',
    title: 'Slack configuration access or refresh token',
    prefixes: ['xoxe.xoxb-', 'xoxe.xoxp-', 'xoxe-'],
    pattern: 'xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,170}',
  },
  {
    type: 'stripe-secret-key',
    provider: 'Stripe',
    title: 'Stripe secret key',
    prefixes: ['sk_live_', 'sk_test_', 'sk_prod_'],
    pattern: 'sk_(?:live|test|prod)_[A-Za-z0-9]{24,247}',
    // Test-mode keys reach only test data, but still authenticate.
    score: (token) => (token.startsWith('sk_test_') ? 0.75 : 0.95),
  },
  {
    type: 'stripe-restricted-key',
    provider: 'Stripe',
    title: 'Stripe restricted key',
    prefixes: ['rk_live_', 'rk_test_', 'rk_prod_'],
    pattern: 'rk_(?:live|test|prod)_[A-Za-z0-9]{24,247}',
    score: (token) => (token.startsWith('rk_test_') ? 0.75 : 0.95),
  },
  {
    type: 'stripe-webhook-secret',
    provider: 'Stripe',
    title: 'Stripe webhook signing secret',
    prefixes: ['whsec_'],
    pattern: 'whsec_[A-Za-z0-9+/=]{32,88}',
  },
  {
    type: 'twilio-api-key',
    provider: 'Twilio',
    title: 'Twilio API key SID',
    prefixes: ['SK'],
    pattern: 'SK[0-9a-fA-F]{32}',
    right: isAlnum,
    score: 0.8,
    distinctive: false,
  },
  {
    type: 'sendgrid-api-key',
    provider: 'SendGrid',
    title: 'SendGrid API key',
    prefixes: ['SG.'],
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    score: 0.95,
  },
  {
    type: 'mailgun-api-key',
    provider: 'Mailgun',
    title: 'Mailgun private API key',
    prefixes: ['key-'],
    pattern: 'key-[0-9a-f]{32}',
    score: 0.8,
    distinctive: false,
  },
  {
    type: 'shopify-access-token',
    provider: 'Shopify',
    title: 'Shopify access token',
    prefixes: ['shpat_', 'shpca_', 'shppa_'],
    pattern: 'shp(?:at|ca|pa)_[A-Za-z0-9]{32,64}',
  },
  {
    type: 'shopify-shared-secret',
    provider: 'Shopify',
    title: 'Shopify app shared secret',
    prefixes: ['shpss_'],
    pattern: 'shpss_[A-Za-z0-9]{32,64}',
  },
  {
    type: 'notion-api-token',
    provider: 'Notion',
    title: 'Notion integration token',
    prefixes: ['ntn_'],
    pattern: 'ntn_[0-9]{11}[A-Za-z0-9]{35}',
    validate: (token) => /[A-Za-z]/.test(token.slice(15)),
  },
  {
    type: 'square-access-token',
    provider: 'Square',
    title: 'Square access token or OAuth secret',
    prefixes: ['sq0atp-', 'sq0csp-', 'EAAA'],
    pattern: 'sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60}',
  },
  {
    type: 'facebook-access-token',
    provider: 'Meta',
    title: 'Facebook access token',
    prefixes: ['EAA'],
    pattern: 'EAA[A-Z][A-Za-z0-9]{100,400}',
    score: 0.85,
  },
  {
    type: 'shippo-api-token',
    provider: 'Shippo',
    title: 'Shippo API token',
    prefixes: ['shippo_live_', 'shippo_test_'],
    pattern: 'shippo_(?:live|test)_[a-fA-F0-9]{40}',
  },
  {
    type: 'adobe-client-secret',
    provider: 'Adobe',
    title: 'Adobe client secret',
    prefixes: ['p8e-'],
    pattern: 'p8e-[A-Za-z0-9]{32}',
  },
];
