import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import {
  ALNUM,
  LOWER_HEX,
  base64,
  fakeJwt,
  fakePem,
  fakeUuid,
  randomString as r,
} from './test-support/fake-tokens.js';

const reported = (text: string) => findSecrets(text).filter((m) => m.score >= 0.5);
const spans = (text: string) => reported(text).map((m) => [m.type, text.slice(m.start, m.end)]);
const pw = `${r(ALNUM, 9, 2)}!${r(ALNUM, 4, 3)}`;

describe('passwords in URLs', () => {
  it('reports the password of a connection string, typed by scheme', () => {
    for (const scheme of [
      'postgres',
      'postgresql',
      'mysql',
      'mongodb+srv',
      'redis',
      'rediss',
      'amqp',
      'jdbc:mysql',
    ]) {
      const text = `url = "${scheme}://app:${pw}@db.internal:5432/app?sslmode=require"`;
      expect(spans(text), scheme).toEqual([['connection-string-password', pw]]);
    }
    expect(spans(`https://ci:${pw}@git.example.com/org/repo.git`)).toEqual([['url-password', pw]]);
  });

  it('takes the last @ as the end of the user info (passwords may contain @)', () => {
    const tricky = `${r(ALNUM, 6, 4)}@${r(ALNUM, 6, 5)}`;
    expect(spans(`mongodb://root:${tricky}@cluster0.example.net/db`)).toEqual([
      ['connection-string-password', tricky],
    ]);
  });

  it('reports a token used as the user name', () => {
    const token = r(ALNUM, 32, 6);
    expect(spans(`https://${token}@github.com/org/repo.git`)).toEqual([['url-password', token]]);
  });

  it('does not report placeholders, references, identical user and password, or no password', () => {
    for (const text of [
      'https://user:pass@example.com',
      'https://username:password@example.com/api',
      'https://YOUR_USERNAME:YOUR_PASSWORD@api.example.com',
      'postgres://user:${PASSWORD}@db:5432/app',
      'postgresql://{username}:{password}@{{host}}:5432/{database}',
      'DB_URL = postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST)/$(PGDATABASE)',
      'postgres://postgres:postgres@localhost:5432/app',
      'https://user:abc@api.example.com',
      'https://user:1111@service.example.com',
      'postgres://postgres@${POSTGRES_HOST:-localhost}:${POSTGRES_PORT:-5432}/app',
      'https://example.com/user@v1',
      'mongodb://localhost:27017/database',
    ]) {
      expect(reported(text), text).toEqual([]);
    }
  });
});

describe('HTTP Authorization and API-key headers', () => {
  it('Basic: reports the base64 credential when it decodes to user:password', () => {
    const cred = base64(`deploy:${pw}`);
    expect(spans(`Authorization: Basic ${cred}`)).toEqual([['http-basic-auth', cred]]);
    expect(spans(`curl -H "Authorization: Basic ${cred}" https://api.example.com`)).toEqual([
      ['http-basic-auth', cred],
    ]);
  });

  it('Basic: a user-name-only credential is reported with less confidence; placeholders and non-base64 are not', () => {
    const userOnly = base64(`${r(ALNUM, 24, 7)}:`);
    expect(findSecrets(`Authorization: Basic ${userOnly}`)[0]).toMatchObject({
      type: 'http-basic-auth',
      score: 0.6,
    });
    expect(reported(`Authorization: Basic ${base64('user:password')}`)).toEqual([]);
    expect(reported('Authorization: Basic ...')).toEqual([]);
    expect(reported('Authorization: basic {base64(email:password)}')).toEqual([]);
  });

  it('Bearer and other token schemes: the token is the span, UUIDs and hex count', () => {
    const hex = r(LOWER_HEX, 32, 8);
    expect(spans(`-H "Authorization: Bearer ${hex}"`)).toEqual([['http-bearer-token', hex]]);
    const uuid = fakeUuid(9);
    expect(spans(`--header 'Authorization:  ${uuid}'`)).toEqual([['http-bearer-token', uuid]]);
    expect(spans(`headers: { Authorization: "Token ${hex}" }`)).toEqual([['http-bearer-token', hex]]);
  });

  it('a JWT in a header is reported as a JWT', () => {
    const jwt = fakeJwt(4);
    expect(spans(`Authorization: Bearer ${jwt}`)).toEqual([['jwt', jwt]]);
  });

  it('API-key headers in curl and HTTP dumps', () => {
    const uuid = fakeUuid(10);
    expect(spans(`curl -X GET -H "apikey: ${uuid}" https://api.example.com`)).toEqual([
      ['http-api-key-header', uuid],
    ]);
    expect(spans(`GET /v1 HTTP/1.1\nX-Api-Key: ${uuid}\n`)).toEqual([['http-api-key-header', uuid]]);
  });

  it('does not report header placeholders or references', () => {
    for (const text of [
      'Authorization: Bearer XXXXXXXXXXXX',
      'Authorization: Bearer <Openverse API token>',
      'Authorization: Token **********',
      'Authorization: Bearer $API_KEY',
      'Authorization: Bearer $(gcloud auth print-access-token)',
      "headers: { Authorization: 'Bearer ' + token }",
      'headers: { Authorization: `Bearer ${token}` }',
      "curl -H 'Authorization:_Bearer_token' https://example.com",
      'Authorization: Digest username="a", realm="b", response="c"',
      '-H "apikey: $API_KEY"',
    ]) {
      expect(reported(text), text).toEqual([]);
    }
  });
});

describe('curl --user', () => {
  it('reports the password, across line continuations and shell quoting', () => {
    expect(spans(`curl -u elastic:${pw} https://localhost:9200`)).toEqual([['cli-password', pw]]);
    expect(spans(`curl --user 'johns:${pw}' $API`)).toEqual([['cli-password', pw]]);
    expect(
      spans(`curl -k -X POST https://h/x \\\n  -H 'Content-Type: text/plain' \\\n  -u developer:${pw}`),
    ).toEqual([['cli-password', pw]]);
    expect(spans(`curl --user kevin:'${pw}' -X PATCH`)).toEqual([['cli-password', pw]]);
    expect(spans(`curl --user "{${fakeUuid(1)}}":"{${pw}}" https://h`)).toEqual([
      ['cli-password', `{${pw}}`],
    ]);
  });

  it('reports the user part when it is the credential (`-u token:`)', () => {
    const token = r(ALNUM, 24, 11);
    expect(spans(`curl -u "${token}:" https://api.example.com`)).toEqual([['cli-password', token]]);
  });

  it('does not report placeholders, references or a user without a password', () => {
    for (const text of [
      "curl -i -u 'test:test'",
      'curl -sL --user "$1:$2" "$3"',
      'curl -u <user:password> https://test.com/endpoint',
      'curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/',
      'curl -u "myusername" http://localhost:15130/api/',
      'curl -u username:token',
      'curl -u "${username}":"${password}"',
      'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"',
      'curl http://127.0.0.1:5000/file --user user:pass --digest',
      'curl --user "xxx:yyy"',
      'curl -XGET -i -u "${{ env.ELK_ID }}:${{ build.env.ELK_PASS }}"',
    ]) {
      expect(reported(text), text).toEqual([]);
    }
  });
});

describe('private keys', () => {
  it('reports the whole block for every private key label', () => {
    for (const label of [
      'PRIVATE KEY',
      'RSA PRIVATE KEY',
      'EC PRIVATE KEY',
      'DSA PRIVATE KEY',
      'OPENSSH PRIVATE KEY',
      'ENCRYPTED PRIVATE KEY',
      'PGP PRIVATE KEY BLOCK',
    ]) {
      const pem = fakePem(label, label.length);
      const text = `before\n${pem}\nafter`;
      expect(spans(text), label).toEqual([['private-key', pem]]);
    }
  });

  it('reads blocks with escaped line breaks (JSON) and CRLF', () => {
    const escaped = fakePem('PRIVATE KEY', 5, 600, '\\n');
    expect(spans(`{"key": "${escaped}"}`)).toEqual([['private-key', escaped]]);
    const crlf = fakePem('RSA PRIVATE KEY', 6, 600, '\r\n');
    expect(spans(crlf)).toEqual([['private-key', crlf]]);
  });

  it('reports a cut-off block with enough key material, with less confidence', () => {
    const pem = fakePem('RSA PRIVATE KEY', 7, 900);
    const cut = pem.slice(0, pem.indexOf('-----END'));
    const [m] = findSecrets(`output:\n${cut}`);
    expect(m).toMatchObject({ type: 'private-key', score: 0.75 });
  });

  it('names a key inside a service-account JSON file', () => {
    const pem = fakePem('PRIVATE KEY', 8, 600, '\\n');
    const json = `{"type": "service_account", "private_key": "${pem}", "client_email": "a@p.iam.gserviceaccount.com"}`;
    expect(spans(json)).toEqual([['gcp-service-account-key', pem]]);
  });
});

describe('Twilio account SID and auth token', () => {
  it('reports the 32-hex token that follows an account SID, not the SID', () => {
    const sid = `AC${r(LOWER_HEX, 32, 12)}`;
    const auth = r(LOWER_HEX, 32, 13);
    expect(spans(`client = Client("${sid}", "${auth}")`)).toEqual([['twilio-auth-token', auth]]);
    expect(spans(`curl -X POST https://api.twilio.com -u ${sid}:${auth}`)).toEqual([
      ['twilio-auth-token', auth],
    ]);
  });

  it('a SID alone, or one followed by no token, reports nothing', () => {
    expect(reported(`account AC${r(LOWER_HEX, 32, 14)} is active`)).toEqual([]);
  });
});
