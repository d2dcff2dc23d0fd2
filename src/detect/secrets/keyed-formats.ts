import { decodeBase64 } from './base64.js';

// Provider secrets without a distinctive prefix, recognised by the key that holds them and the
// shape of the value: `aws_secret_access_key = <40 base64>`, `DD_API_KEY=<32 hex>`,
// `AccountKey=<88 base64>`. Here hex strings and UUIDs are the secret, not a hash or an id.

export interface KeyedFormat {
  type: string;
  provider: string;
  title: string;
  /** Tested against the key's lower-case words joined (`awssecretaccesskey`). */
  key: RegExp;
  /** The whole value. */
  value: RegExp;
  score: number;
  /**
   * The key claims its value: when the key matches but the value has another shape (an
   * encrypted blob under `aws_secret_access_key`), no generic rule reports it either.
   */
  strict?: boolean;
  /** Must match the text just before the key (the `.npmrc` registry line). */
  before?: RegExp;
  /** A structural test beyond the value's shape. */
  validate?: (value: string) => boolean;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const KEYED_FORMATS: readonly KeyedFormat[] = [
  {
    type: 'aws-secret-access-key',
    provider: 'AWS',
    title: 'AWS secret access key',
    key: /secretaccesskey|awssecretkey|awssecret$/,
    value: /^[A-Za-z0-9/+]{40}$/,
    score: 0.9,
    strict: true,
  },
  {
    type: 'aws-session-token',
    provider: 'AWS',
    title: 'AWS session token',
    key: /awssessiontoken|awssecuritytoken/,
    value: /^[A-Za-z0-9/+=]{100,2000}$/,
    score: 0.85,
    strict: true,
  },
  {
    type: 'azure-storage-account-key',
    provider: 'Microsoft Azure',
    title: 'Azure storage account key',
    key: /accountkey$|storagekey$|storageaccesskey$/,
    value: /^[A-Za-z0-9+/]{86}==$/,
    score: 0.95,
    strict: true,
  },
  {
    type: 'azure-shared-access-key',
    provider: 'Microsoft Azure',
    title: 'Azure Service Bus / Event Hubs shared access key',
    key: /sharedaccesskey$/,
    value: /^[A-Za-z0-9+/]{42,43}=$/,
    score: 0.9,
    strict: true,
  },
  {
    type: 'datadog-api-key',
    provider: 'Datadog',
    title: 'Datadog API key',
    key: /^(?:dd|datadog)(?:api)?key$|datadog.*apikey|^ddapikey/,
    value: /^[a-f0-9]{32}$/,
    score: 0.9,
  },
  {
    type: 'datadog-app-key',
    provider: 'Datadog',
    title: 'Datadog application key',
    key: /^(?:dd|datadog).*app(?:lication)?key$/,
    value: /^[a-f0-9]{40}$/,
    score: 0.9,
  },
  {
    type: 'heroku-api-key',
    provider: 'Heroku',
    title: 'Heroku API key',
    key: /heroku/,
    value: UUID,
    score: 0.85,
  },
  {
    type: 'twilio-auth-token',
    provider: 'Twilio',
    title: 'Twilio auth token',
    key: /twilio.*(?:token|secret|auth)/,
    value: /^[a-f0-9]{32}$/,
    score: 0.9,
  },
  {
    type: 'sourcegraph-access-token',
    provider: 'Sourcegraph',
    title: 'Sourcegraph access token',
    key: /sourcegraph/,
    value: /^[a-fA-F0-9]{40}$/,
    score: 0.8,
  },
  {
    type: 'npm-access-token',
    provider: 'npm',
    title: 'npm access token (legacy form)',
    key: /^authtoken$/,
    value: UUID,
    score: 0.85,
    before: /(?:registry|npmjs|\/\/)[^\s]*:$/,
  },
  {
    type: 'mailgun-api-key',
    provider: 'Mailgun',
    title: 'Mailgun API key',
    key: /mailgun/,
    value: /^[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}$/,
    score: 0.85,
  },
  {
    type: 'mailchimp-api-key',
    provider: 'Mailchimp',
    title: 'Mailchimp API key',
    key: /mailchimp/,
    value: /^[0-9a-f]{32}-us[0-9]{1,2}$/,
    score: 0.9,
  },
  {
    type: 'cloudflare-api-token',
    provider: 'Cloudflare',
    title: 'Cloudflare API token (legacy form)',
    key: /cloudflare.*(?:token|key)$|^cfapi(?:token|key)$/,
    value: /^[A-Za-z0-9_-]{40}$/,
    score: 0.8,
  },
  {
    type: 'cloudflare-global-api-key',
    provider: 'Cloudflare',
    title: 'Cloudflare global API key',
    key: /cloudflare.*key$/,
    value: /^[a-f0-9]{37}$/,
    score: 0.85,
  },
  {
    type: 'discord-bot-token',
    provider: 'Discord',
    title: 'Discord bot token',
    key: /discord.*token|^bottoken$/,
    value: /^[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}$/,
    // The first part is base64 of the bot's numeric (snowflake) id.
    validate: (value) => /^[0-9]{17,20}$/.test(decodeBase64(value.slice(0, value.indexOf('.'))) ?? ''),
    score: 0.9,
  },
  {
    type: 'discord-client-secret',
    provider: 'Discord',
    title: 'Discord OAuth client secret',
    key: /discord.*secret/,
    value: /^[A-Za-z0-9_-]{32}$/,
    score: 0.8,
  },
  {
    type: 'okta-api-token',
    provider: 'Okta',
    title: 'Okta API token',
    key: /okta.*(?:token|key)$/,
    value: /^00[A-Za-z0-9_-]{40}$/,
    score: 0.85,
  },
];

/** Provider names that anchor keyed formats whose keys may lack a secret noun (`sourcegraph:`). */
export const KEYED_PROVIDER_WORDS: readonly string[] = [
  'sourcegraph',
  'heroku',
  'datadog',
  'twilio',
  'mailgun',
  'mailchimp',
  'cloudflare',
  'okta',
  'discord',
];
