import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import { classifyKey } from './secret-keys.js';
import {
  ALNUM,
  LOWER_HEX,
  fakeChecksummedToken,
  fakeUuid,
  randomString as r,
} from './test-support/fake-tokens.js';

const reported = (text: string) => findSecrets(text).filter((m) => m.score >= 0.5);
const spans = (text: string) => reported(text).map((m) => text.slice(m.start, m.end));

const token = r(ALNUM, 32, 1);
const pw = `${r(ALNUM, 9, 2)}!${r(ALNUM, 4, 3)}`;

describe('secret-named keys', () => {
  it('classifies keys by their last word, in every naming style', () => {
    for (const key of ['password', 'DB_PASSWORD', 'dbPassword', 'PGPASSWORD', 'db.pass', 'passwd', 'pwd']) {
      expect(classifyKey(key)?.kind, key).toBe('password');
    }
    for (const key of [
      'client_secret',
      'clientSecret',
      'AWS_SECRET_ACCESS_KEY',
      'apiKey',
      'API_KEY',
      'x-api-key',
    ]) {
      expect(classifyKey(key), key).not.toBeNull();
    }
    for (const key of [
      'auth_token',
      'accessToken',
      'GITHUB_TOKEN',
      'secret_key_base',
      'token2',
      'credentials',
    ]) {
      expect(classifyKey(key), key).not.toBeNull();
    }
  });

  it('rejects keys that name something about a secret, not the secret', () => {
    for (const key of [
      'secret_length',
      'token_url',
      'access_token_url',
      'password_hash_algorithm',
      'secretName',
      'tokenType',
      'credentialsId',
      'publicKey',
      'public_token',
      'csrf-token',
      'xsrfToken',
      'keyVaultToStoreSecrets',
      'tokens',
      'secrets',
      'passwords',
      'key',
      'primaryKey',
      'monkey',
      'keyboard',
      'author',
      'oauth',
      'bypass',
      'compass',
      'passport',
      'tokenizer',
      'secretary',
      'example_password',
      'placeholderToken',
    ]) {
      expect(classifyKey(key), key).toBeNull();
    }
  });
});

describe('assignments in every syntax: the span is the value', () => {
  const positives: Array<[string, string, string]> = [
    ['env file', `API_TOKEN=${token}`, token],
    ['export', `export SECRET_KEY="${token}"`, token],
    ['YAML', `auth:\n  client_secret: ${token}\n`, token],
    ['JSON', `{"api_key": "${token}"}`, token],
    ['escaped JSON in JSON', `"config": "{\\"api_key\\": \\"${token}\\"}"`, token],
    ['Python kwarg', `connect(host="db", password="${pw}")`, pw],
    ['Python bytes literal', `SECRET = b'${token}'`, token],
    ['Ruby hash rocket', `:password => '${pw}'`, pw],
    ['PHP array', `'db_password' => '${pw}',`, pw],
    ['Go short assignment', `apiKey := "${token}"`, token],
    ['JS object', `const cfg = { accessToken: '${token}' };`, token],
    ['XML element', `<password>${pw}</password>`, pw],
    ['INI with spaces', `password = ${pw}`, pw],
    ['query string', `https://api.example.com/v1/items?access_token=${token}&page=2`, token],
    ['CLI flag with =', `mysql --password=${pw} --host db`, pw],
    ['CLI flag with a space', `deploy --api-key ${token} --verbose`, token],
    ['connection string field', `Server=db;Database=app;User Id=app;Password=${pw};`, pw],
    ['code call with a closing bracket', `login(password=${pw})`, pw],
  ];
  for (const [name, text, value] of positives) {
    it(name, () => {
      expect(spans(text)).toEqual([value]);
    });
  }

  it('types passwords, generic secrets and CLI options apart', () => {
    expect(reported(`DB_PASSWORD=${pw}`)[0]!.type).toBe('password-assignment');
    expect(reported(`API_TOKEN=${token}`)[0]!.type).toBe('generic-secret-assignment');
    expect(reported(`mysql --password=${pw}`)[0]!.type).toBe('cli-password');
  });
});

describe('values that must not fire under a secret-named key', () => {
  const negatives: Array<[string, string]> = [
    ['UUID', `api_key = "${fakeUuid(4)}"`],
    ['md5', `token: ${r(LOWER_HEX, 32, 5)}`],
    ['sha1 / git commit id', `secret = "${r(LOWER_HEX, 40, 6)}"`],
    ['sha256', `password_secret: ${r(LOWER_HEX, 64, 7)}`],
    ['short git id', `token = ${r(LOWER_HEX, 7, 8)}`],
    ['angle-bracket placeholder', 'api_key = "<your-token>"'],
    ['xxxx placeholder', `API_KEY=${'x'.repeat(32)}`],
    ['stars', 'password: "********"'],
    ['changeme', 'password: changeme'],
    ['shell variable', 'password: ${DB_PASSWORD}'],
    ['bare shell variable', 'export TOKEN=$GITHUB_TOKEN'],
    ['command substitution', 'SECRET=$(cat /run/secrets/app)'],
    ['template', 'password: "{{ .Values.db.password }}"'],
    ['GitHub Actions expression', 'token: ${{ secrets.GITHUB_TOKEN }}'],
    ['process.env', 'const apiKey = process.env.API_KEY;'],
    ['os.environ', 'password = os.environ["DB_PASSWORD"]'],
    ['function call', 'const token = getToken(user);'],
    ['member access', 'password: this.state.password,'],
    ['optional chaining', 'pass: result?.pass ?? false,'],
    ['TypeScript type annotation', 'function login(user: string, password: BinaryLike): void'],
    ['identifier value', 'const token = nextSignificantToken;'],
    ['boolean', 'secret: false'],
    ['number', 'token_ttl: 3600\ntoken: 3600'],
    ['short word', 'password: hunter'],
    ['word with digits used as a placeholder', 'password: password123'],
    ['url', 'token_endpoint: https://auth.example.com/token'],
    ['url under a token key', 'token: https://auth.example.com/oauth/token'],
    ['file path', 'private_key: ./certs/server.key'],
    ['relative path', 'gocryptfs --passwd path/to/cipher_directory'],
    ['setting list', 'apitoken=PVEAPIToken=user@realm!token=secret,host=addr'],
    ['empty value then next line', 'GITHUB_API_KEY=\nDYNATRACE_API_KEY='],
    ['YAML block scalar', 'private_key: |\n  something'],
    ['constant name', 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'],
    ['dotted name', 'secret_length = X25519.secret_length'],
    ['alphabet filler', 'secret = "abcdefghijklmnopqrstuvwxyz0123456789"'],
    ['comparison', `if (password == "${pw}") {`],
    ['csrf token', `csrf-token=${r(ALNUM, 40, 9)}`],
    ['public token', `publicToken = "${r(ALNUM, 40, 10)}"`],
    ['flag followed by another flag', 'keytool -storepasswd -keystore path/to/file'],
    ['user:placeholder pair', 'jenkins-cli -auth username:api_token'],
    ['provider prefix filler', `token = "ghp_${'x'.repeat(36)}"`],
    ['provider prefix with a bad shape', `DATABRICKS_TOKEN=dapi${r(LOWER_HEX, 28, 11)}defg`],
  ];
  for (const [name, text] of negatives) {
    it(name, () => {
      expect(reported(text)).toEqual([]);
    });
  }

  it('a value with a provider prefix is reported as that provider, never as generic', () => {
    const ghp = fakeChecksummedToken('ghp_', 12);
    expect(reported(`token = "${ghp}"`).map((m) => m.type)).toEqual(['github-pat']);
  });
});
