import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import {
  ALNUM,
  BASE64URL,
  LOWER_HEX,
  UPPER_ALNUM,
  base64,
  fakeAwsKeyId,
  fakeChecksummedToken,
  fakePem,
  randomDigits,
  randomString as r,
} from './test-support/fake-tokens.js';
import { SAMPLES } from './test-support/samples.js';

/** Reported at the default threshold (what redaction and blocking act on). */
const reported = (text: string) => findSecrets(text).filter((m) => m.score >= 0.5);

describe('prefixed tokens: near misses that must not fire', () => {
  const cases: Array<[string, string]> = [
    ['masked with x', `ghp_${'x'.repeat(36)}`],
    ['masked upper X', `github_pat_${'X'.repeat(22)}_${'X'.repeat(59)}`],
    ['one repeated character', `sk_live_${'A'.repeat(24)}`],
    ['one character dominates', `glpat-${'a'.repeat(6)}b${'a'.repeat(6)}c${'a'.repeat(6)}`],
    ['repeating pattern (low entropy)', `GR1348941${'123'.repeat(7)}`],
    ['too short', `xoxb-${r(ALNUM, 8, 1)}`],
    [
      'slack token without numeric ids',
      `xoxb-${r('abcdefgh', 6, 2)}-${r('abcdefgh', 6, 3)}-${r(ALNUM, 12, 4)}`,
    ],
    ['slack token with short numeric segments', `xoxp-1234-5678-9012-${r(LOWER_HEX, 32, 5)}`],
    ['AWS documentation example suffix', `AKIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 9, 6)}EXAMPLE`],
    ['AWS prefix inside a word', `TODAYINASIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 16, 7)}`],
    ['sk- without the OpenAI marker', `sk-${r(ALNUM, 48, 8)}`],
    ['sk-proj- without the OpenAI marker', `sk-proj-${r(BASE64URL, 156, 9)}`],
    ['Anthropic key with the wrong tail', `sk-ant-api03-${r(BASE64URL, 93, 10)}BB`],
    ['Anthropic key too short', `sk-ant-api03-${r(BASE64URL, 60, 11)}AA`],
    ['Hugging Face body with digits', `hf_${r(ALNUM, 17, 12)}1${r(ALNUM, 16, 13)}`],
    ['Hugging Face prefix in an identifier', 'hf_requiredCharacteristicTypesForDisplayMetadata'],
    ['Notion id without letters', `ntn_${randomDigits(46, 14)}`],
    ['Octopus-like id without digits', `API-${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 26, 15)}`],
    ['Octopus-like id glued to a name', `GSSAPI-${r(UPPER_ALNUM, 26, 16)}`],
    ['vault legacy prefix on a property access', 's.AcceptanceTimeoutSeconds'],
    ['vault legacy all upper case', `s.${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 24, 17)}`],
    ['Bedrock prefix whose body does not decode', `ABSK${r(ALNUM, 140, 18)}`],
    ['token glued to a preceding word', `my${fakeChecksummedToken('ghp_', 19)}`],
    ['token that runs on (wrong length)', `${fakeChecksummedToken('ghp_', 20)}abc`],
    ['masked display after the prefix', `${fakeChecksummedToken('ghp_', 21).slice(0, 12)}****`],
    ['Shopify lookalike', 'shpssSSSSS_SSSS_sssss is not a key'],
    ['GitHub-like prefix of another vendor', `gXX_${r(ALNUM, 36, 22)}`],
    ['Databricks body too long', `dapi${r(LOWER_HEX, 34, 23)}`],
    ['Groq key with an invalid character', `gsk_${r(ALNUM, 40, 24)}-${r(ALNUM, 11, 25)}`],
    ['Grafana cloud token that is not base64 JSON', `glc_${r(ALNUM, 40, 26)}`],
    ['1Password token that is not base64 JSON', `ops_${r(ALNUM, 300, 27)}`],
    ['1Password secret key filler', 'A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX'],
    ['Azure AD secret with a too long tail', `${r(ALNUM, 3, 28)}8Q~${r(ALNUM, 37, 29)}`],
    ['Azure AD secret filler', `abc8Q~${'x'.repeat(34)}`],
    ['Telegram-like id with too few digits', `12345:AA${r(BASE64URL, 33, 30)}`],
    ['Facebook-like app id too short', `${randomDigits(9, 31)}|${r(ALNUM, 27, 32)}`],
    ['Slack webhook placeholder', 'https://hooks.slack.com/services/TXXXXX/BXXXXX/XXXXXXXXXX'],
    ['Slack webhook without the secret part', 'https://hooks.slack.com/services/'],
    ['Stripe publishable key', `pk_live_${r(ALNUM, 24, 33)}`],
    ['Twilio-like SID glued to text', `DISK${r(LOWER_HEX, 32, 34)}`],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      expect(reported(`value ${text} end`)).toEqual([]);
    });
  }
});

describe('private keys and JWTs: near misses', () => {
  it('placeholder key bodies (dots, stars, xxx, empty, a sentence) are not keys', () => {
    for (const body of ['...', '***', 'xxx', '', 'anything', base64('abcdefghijklmnopqrstuvwxyz')]) {
      expect(reported(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`), body).toEqual([]);
    }
  });

  it('base64 of text is not key material, even when long', () => {
    const body = base64('this is documentation about keys, not a key. '.repeat(6)).replace(/.{64}/g, '$&\n');
    expect(reported(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`)).toEqual([]);
  });

  it('public keys and certificates are not secrets', () => {
    expect(reported(fakePem('PUBLIC KEY', 3))).toEqual([]);
    expect(reported(fakePem('CERTIFICATE', 4))).toEqual([]);
    expect(reported(fakePem('PGP PUBLIC KEY BLOCK', 5))).toEqual([]);
  });

  it('three dotted base64url parts whose header is not JSON with an algorithm are not a JWT', () => {
    const part = () => r(BASE64URL, 30, 6);
    expect(reported(`${part()}.${part()}.${part()}`)).toEqual([]);
    const noAlg = `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.${Buffer.from('{"a":1}').toString('base64url')}.${r(BASE64URL, 43, 7)}`;
    expect(reported(noAlg)).toEqual([]);
  });

  it('an unsigned JWT (alg none) is reported below the threshold only', () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"demo"}').toString('base64url');
    expect(findSecrets(`${header}.${payload}.`)).toEqual([
      expect.objectContaining({ type: 'jwt', score: 0.4 }),
    ]);
  });
});

describe('context rules: near misses', () => {
  it('a provider-named key with a value of the wrong shape is not that provider', () => {
    expect(reported('DD_API_KEY=not-a-datadog-key')).toEqual([]);
    // Still a random value under an API key name: generic, not Heroku.
    expect(reported(`HEROKU_API_KEY=${r(LOWER_HEX, 20, 8)}`).map((m) => m.type)).toEqual([
      'generic-secret-assignment',
    ]);
  });

  it('an AWS secret key name claims its value: an encrypted blob under it is not reported', () => {
    expect(reported(`AWS_SECRET_ACCESS_KEY = ${base64(r(ALNUM, 42, 9))}`)).toEqual([]);
  });

  it('an AWS key id next to its documentation example is quiet, a random one is not', () => {
    expect(reported(`aws_access_key_id = AKIA${'IOSFODNN7'}EXAMPLE`)).toEqual([]);
    expect(reported(`aws_access_key_id = ${fakeAwsKeyId(9)}`)).toHaveLength(1);
  });

  it('a sample moved out of its context loses what made it a secret', () => {
    const { secret } = SAMPLES['datadog-api-key']!(1);
    expect(reported(`commit ${secret}`)).toEqual([]);
  });
});
