// One generated positive per rule id: the text it appears in and the exact secret the match
// must cover. Every value is built at run time from a seed (see fake-tokens.ts).
import {
  ALNUM,
  BASE64,
  BASE64URL,
  LETTERS,
  LOWER_HEX,
  UPPER_ALNUM,
  base64,
  fakeAwsKeyId,
  fakeChecksummedToken,
  fakeCloudflareToken,
  fakeJwt,
  fakePem,
  fakeUuid,
  randomBytes,
  randomDigits,
  randomString as r,
} from './fake-tokens.js';

export interface Sample {
  text: string;
  secret: string;
}

/** The secret in a neutral sentence (no secret-named key around it). */
const plain = (secret: string): Sample => ({ text: `found ${secret} in the logs\n`, secret });
/** The secret after `before`, then a newline. */
const after = (before: string, secret: string, rest = '\n'): Sample => ({
  text: `${before}${secret}${rest}`,
  secret,
});

const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const password = (seed: number) => `${r(ALNUM, 10, seed)}!${r(ALNUM, 5, seed + 1)}`;

function onePasswordToken(seed: number): string {
  const json = JSON.stringify({
    signInAddress: 'my.1password.com',
    email: `svc${seed}@1passwordserviceaccounts.com`,
    srpX: r(LOWER_HEX, 64, seed),
    muk: { alg: 'A256GCM', k: r(BASE64URL, 43, seed + 1) },
    secretKey: `A3-${r(UPPER_ALNUM, 6, seed + 2)}`,
  });
  return `ops_${Buffer.from(json).toString('base64url')}`;
}

function grafanaCloudToken(seed: number): string {
  return `glc_${base64(JSON.stringify({ o: '123456', n: `stack-${seed}-token`, k: r(ALNUM, 32, seed) }))}`;
}

function grafanaLegacyKey(seed: number): string {
  return base64(JSON.stringify({ k: r(ALNUM, 32, seed), n: `deploy-key-${seed}`, id: 1 })).replace(/=+$/, '');
}

function bedrockKey(seed: number): string {
  return `ABSK${base64(Buffer.concat([Buffer.from('BedrockAPIKey-'), randomBytes(120, seed)]))}`;
}

function discordBotToken(seed: number): string {
  const id = base64(randomDigits(18, seed));
  return `${id}.${r(BASE64URL, 6, seed + 1)}.${r(BASE64URL, 38, seed + 2)}`;
}

function serviceAccountJson(seed: number): Sample {
  const pem = fakePem('PRIVATE KEY', seed, 600, '\\n');
  const text = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: r(LOWER_HEX, 40, seed),
      private_key: 'PEM',
      client_email: 'runner@demo-project.iam.gserviceaccount.com',
    },
    null,
    2,
  ).replace('"PEM"', `"${pem}"`);
  return { text, secret: pem };
}

function sasUrl(seed: number): Sample {
  const sig = encodeURIComponent(base64(randomBytes(32, seed)));
  return after(
    'https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&sig=',
    sig,
  );
}

/** A positive sample for every rule id that `findSecrets` can report. */
export const SAMPLES: Record<string, (seed: number) => Sample> = {
  'github-pat': (n) => plain(fakeChecksummedToken('ghp_', n)),
  'github-oauth': (n) => plain(fakeChecksummedToken('gho_', n)),
  'github-app-token': (n) => plain(fakeChecksummedToken('ghs_', n)),
  'github-refresh-token': (n) => plain(fakeChecksummedToken('ghr_', n)),
  'github-fine-grained-pat': (n) => plain(`github_pat_${r(ALNUM, 22, n)}_${r(ALNUM, 59, n + 1)}`),
  'gitlab-pat': (n) => plain(`glpat-${r(ALNUM, 20, n)}`),
  'gitlab-deploy-token': (n) => plain(`gldt-${r(ALNUM, 20, n)}`),
  'gitlab-runner-token': (n) => plain(`glrt-${r(ALNUM, 20, n)}`),
  'gitlab-pipeline-trigger-token': (n) => plain(`glptt-${r(LOWER_HEX, 40, n)}`),
  'gitlab-oauth-app-secret': (n) => plain(`gloas-${r(ALNUM, 64, n)}`),
  'gitlab-ci-job-token': (n) => plain(`glcbt-${r(ALNUM, 2, n)}_${r(ALNUM, 20, n + 1)}`),
  'gitlab-feed-token': (n) => plain(`glft-${r(ALNUM, 20, n)}`),
  'gitlab-incoming-mail-token': (n) => plain(`glimt-${r(ALNUM, 25, n)}`),
  'gitlab-agent-token': (n) => plain(`glagent-${r(ALNUM, 50, n)}`),
  'gitlab-scim-token': (n) => plain(`glsoat-${r(ALNUM, 20, n)}`),
  'gitlab-feature-flag-token': (n) => plain(`glffct-${r(ALNUM, 20, n)}`),
  'npm-access-token': (n) => after('//registry.npmjs.org/:_authToken=', fakeChecksummedToken('npm_', n)),
  'pypi-upload-token': (n) => plain(`pypi-AgEIcHlwaS5vcmc${r(BASE64URL, 80, n)}`),
  'docker-hub-token': (n) => plain(`dckr_pat_${r(ALNUM, 27, n)}`),
  'atlassian-api-token': (n) => plain(`ATATT3${r(ALNUM, 180, n)}`),
  'sourcegraph-access-token': (n) => plain(`sgp_${r(LOWER_HEX, 16, n)}_${r(LOWER_HEX, 40, n + 1)}`),
  'artifactory-api-key': (n) => plain(`AKCp${r(ALNUM, 69, n)}`),
  'artifactory-reference-token': (n) => plain(`cmVmdGtu${r(ALNUM, 56, n)}`),
  'octopus-deploy-api-key': (n) => plain(`API-${r('ABCDEFGHJK', 13, n)}${r('23456789', 13, n + 1)}`),
  'postman-api-key': (n) => plain(`PMAK-${r(LOWER_HEX, 24, n)}-${r(LOWER_HEX, 34, n + 1)}`),
  'linear-api-key': (n) => plain(`lin_api_${r(ALNUM, 40, n)}`),
  'figma-pat': (n) => plain(`figd_${r(BASE64URL, 40, n)}`),
  'readme-api-key': (n) => plain(`rdme_${r('abcdefghijklmnopqrstuvwxyz0123456789', 70, n)}`),
  'aws-access-key-id': (n) => plain(fakeAwsKeyId(n)),
  'aws-bedrock-api-key': (n) => plain(bedrockKey(n)),
  'gcp-api-key': (n) => plain(`AIza${r(BASE64URL, 35, n)}`),
  'gcp-oauth-client-secret': (n) => plain(`GOCSPX-${r(BASE64URL, 28, n)}`),
  'gcp-oauth-access-token': (n) => plain(`ya29.${r(BASE64URL, 120, n)}`),
  'digitalocean-pat': (n) => plain(`dop_v1_${r(LOWER_HEX, 64, n)}`),
  'digitalocean-oauth-token': (n) => plain(`doo_v1_${r(LOWER_HEX, 64, n)}`),
  'digitalocean-refresh-token': (n) => plain(`dor_v1_${r(LOWER_HEX, 64, n)}`),
  'heroku-api-key': (n) => plain(`HRKU-AA${r(BASE64URL, 58, n)}`),
  'alibaba-access-key-id': (n) => plain(`LTAI${r(ALNUM, 20, n)}`),
  'cloudflare-api-token': (n) => plain(fakeCloudflareToken('cfat_', n)),
  'databricks-api-token': (n) => plain(`dapi${r(LOWER_HEX, 32, n)}`),
  'vercel-token': (n) => plain(`vcp_${r(ALNUM, 40, n)}`),
  'tailscale-key': (n) => plain(`tskey-auth-${r(ALNUM, 12, n)}-${r(ALNUM, 32, n + 1)}`),
  'hashicorp-vault-token': (n) => plain(`hvs.${r(BASE64URL, 95, n)}`),
  'grafana-cloud-api-token': (n) => plain(grafanaCloudToken(n)),
  'grafana-service-account-token': (n) => plain(`glsa_${r(ALNUM, 32, n)}_${r(LOWER_HEX, 8, n + 1)}`),
  'sentry-token': (n) => plain(`sntryu_${r(LOWER_HEX, 64, n)}`),
  'new-relic-api-key': (n) => plain(`NRAK-${r(UPPER_ALNUM, 27, n)}`),
  'doppler-token': (n) => plain(`dp.pt.${r(ALNUM, 43, n)}`),
  'pulumi-access-token': (n) => plain(`pul-${r(LOWER_HEX, 40, n)}`),
  'flyio-token': (n) => plain(`fo1_${r(BASE64URL, 43, n)}`),
  'supabase-token': (n) => plain(`sbp_${r(LOWER_HEX, 40, n)}`),
  'infracost-api-token': (n) => plain(`ico-${r(ALNUM, 32, n)}`),
  'prefect-api-key': (n) => plain(`pnu_${r(ALNUM, 36, n)}`),
  'intra42-client-secret': (n) => plain(`s-s4t2ud-${r(LOWER_HEX, 64, n)}`),
  'age-secret-key': (n) => plain(`AGE-SECRET-KEY-1${r(BECH32, 58, n)}`),
  'onepassword-service-account-token': (n) => plain(onePasswordToken(n)),
  'onepassword-secret-key': (n) =>
    plain(
      `A3-${r(UPPER_ALNUM, 6, n)}-${r(UPPER_ALNUM, 6, n + 1)}-${[2, 3, 4, 5].map((k) => r(UPPER_ALNUM, 5, n + k)).join('-')}`,
    ),
  'anthropic-api-key': (n) => plain(`sk-ant-api03-${r(BASE64URL, 93, n)}AA`),
  'anthropic-admin-api-key': (n) => plain(`sk-ant-admin01-${r(BASE64URL, 93, n)}AA`),
  'openai-api-key': (n) => plain(`sk-proj-${r(BASE64URL, 74, n)}T3BlbkFJ${r(BASE64URL, 74, n + 1)}`),
  'openrouter-api-key': (n) => plain(`sk-or-v1-${r(LOWER_HEX, 64, n)}`),
  'huggingface-access-token': (n) => plain(`hf_${r(LETTERS, 34, n)}`),
  'groq-api-key': (n) => plain(`gsk_${r(ALNUM, 52, n)}`),
  'perplexity-api-key': (n) => plain(`pplx-${r(ALNUM, 48, n)}`),
  'xai-api-key': (n) => plain(`xai-${r(ALNUM, 80, n)}`),
  'replicate-api-token': (n) => plain(`r8_${r(ALNUM, 37, n)}`),
  'slack-bot-token': (n) =>
    plain(`xoxb-${randomDigits(11, n)}-${randomDigits(13, n + 1)}-${r(ALNUM, 24, n + 2)}`),
  'slack-user-token': (n) =>
    plain(
      `xoxp-${randomDigits(11, n)}-${randomDigits(12, n + 1)}-${randomDigits(12, n + 2)}-${r(LOWER_HEX, 32, n + 3)}`,
    ),
  'slack-legacy-token': (n) =>
    plain(`xoxs-${randomDigits(10, n)}-${randomDigits(10, n + 1)}-${r(LOWER_HEX, 64, n + 2)}`),
  'slack-app-token': (n) =>
    plain(`xapp-1-A${r(UPPER_ALNUM, 10, n)}-${randomDigits(13, n + 1)}-${r(LOWER_HEX, 64, n + 2)}`),
  'slack-config-token': (n) => plain(`xoxe.xoxp-1-${r(UPPER_ALNUM, 160, n)}`),
  'stripe-secret-key': (n) => plain(`sk_live_${r(ALNUM, 99, n)}`),
  'stripe-restricted-key': (n) => plain(`rk_live_${r(ALNUM, 99, n)}`),
  'stripe-webhook-secret': (n) => plain(`whsec_${r(ALNUM, 32, n)}`),
  'twilio-api-key': (n) => plain(`SK${r(LOWER_HEX, 32, n)}`),
  'sendgrid-api-key': (n) => plain(`SG.${r(BASE64URL, 22, n)}.${r(BASE64URL, 43, n + 1)}`),
  'mailgun-api-key': (n) => plain(`key-${r(LOWER_HEX, 32, n)}`),
  'shopify-access-token': (n) => plain(`shpat_${r(LOWER_HEX, 32, n)}`),
  'shopify-shared-secret': (n) => plain(`shpss_${r(LOWER_HEX, 32, n)}`),
  'notion-api-token': (n) => plain(`ntn_${randomDigits(11, n)}${r(ALNUM, 35, n + 1)}`),
  'square-access-token': (n) => plain(`sq0atp-${r(BASE64URL, 22, n)}`),
  'facebook-access-token': (n) => plain(`EAAG${r(ALNUM, 150, n)}`),
  'shippo-api-token': (n) => plain(`shippo_live_${r(LOWER_HEX, 40, n)}`),
  'adobe-client-secret': (n) => plain(`p8e-${r(ALNUM, 32, n)}`),
  'azure-ad-client-secret': (n) => plain(`${r(ALNUM, 3, n)}8Q~${r(`${ALNUM}_~.-`, 34, n + 1)}`),
  'telegram-bot-token': (n) => plain(`${randomDigits(10, n)}:AA${r(BASE64URL, 33, n + 1)}`),
  'facebook-app-token': (n) => plain(`${randomDigits(15, n)}|${r(ALNUM, 27, n + 1)}`),
  'slack-webhook-url': (n) =>
    plain(
      `https://hooks.slack.com/services/T${r(UPPER_ALNUM, 10, n)}/B${r(UPPER_ALNUM, 10, n + 1)}/${r(ALNUM, 24, n + 2)}`,
    ),
  'discord-webhook-url': (n) =>
    plain(`https://discord.com/api/webhooks/${randomDigits(18, n)}/${r(BASE64URL, 68, n + 1)}`),
  'microsoft-teams-webhook-url': (n) =>
    plain(
      `https://contoso.webhook.office.com/webhookb2/${fakeUuid(n)}@${fakeUuid(n + 1)}/IncomingWebhook/${r(LOWER_HEX, 32, n + 2)}/${fakeUuid(n + 3)}`,
    ),
  jwt: (n) => after('Cookie: session=', fakeJwt(n)),
  'grafana-api-key': (n) => plain(grafanaLegacyKey(n)),
  'private-key': (n) => after('key file:\n', fakePem('RSA PRIVATE KEY', n)),
  'gcp-service-account-key': (n) => serviceAccountJson(n),
  'azure-sas-token': (n) => sasUrl(n),
  'aws-secret-access-key': (n) => after('aws_secret_access_key = ', r(BASE64, 40, n)),
  'aws-session-token': (n) => after('aws_session_token = ', r(BASE64, 300, n)),
  'azure-storage-account-key': (n) =>
    after(
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=',
      base64(randomBytes(64, n)),
      ';EndpointSuffix=core.windows.net\n',
    ),
  'azure-shared-access-key': (n) =>
    after(
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=',
      base64(randomBytes(32, n)),
    ),
  'datadog-api-key': (n) => after('DD_API_KEY=', r(LOWER_HEX, 32, n)),
  'datadog-app-key': (n) => after('DD_APP_KEY=', r(LOWER_HEX, 40, n)),
  'twilio-auth-token': (n) => after('TWILIO_AUTH_TOKEN=', r(LOWER_HEX, 32, n)),
  'mailchimp-api-key': (n) => after('MAILCHIMP_API_KEY=', `${r(LOWER_HEX, 32, n)}-us12`),
  'cloudflare-global-api-key': (n) => after('CLOUDFLARE_API_KEY=', r(LOWER_HEX, 37, n)),
  'discord-bot-token': (n) => after('DISCORD_BOT_TOKEN=', discordBotToken(n)),
  'discord-client-secret': (n) => after('DISCORD_CLIENT_SECRET=', r(BASE64URL, 32, n)),
  'okta-api-token': (n) => after('OKTA_API_TOKEN=', `00${r(BASE64URL, 40, n)}`),
  'http-basic-auth': (n) => after('Authorization: Basic ', base64(`deploy:${password(n)}`)),
  'http-bearer-token': (n) => after('Authorization: Bearer ', r(ALNUM, 40, n)),
  'http-api-key-header': (n) => after('X-Api-Key: ', r(ALNUM, 32, n)),
  'connection-string-password': (n) =>
    after('DATABASE_URL=postgres://app:', password(n), '@db.internal:5432/app\n'),
  'url-password': (n) => after('git clone https://deploy:', password(n), '@git.example.com/team/repo.git\n'),
  'password-assignment': (n) => after('DB_PASSWORD="', password(n), '"\n'),
  'generic-secret-assignment': (n) => after('client_secret: "', r(ALNUM, 40, n), '"\n'),
  'cli-password': (n) => after('curl -u admin:', password(n), ' https://api.example.com/v1\n'),
};
