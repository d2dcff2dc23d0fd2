import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifierOptions } from './jwt.js';

const ISS = 'https://idp.test/';
const AUD = 'warden-gateway';
const secret = randomBytes(32);
const now = () => Math.floor(Date.now() / 1000);

function hsVerifier(extra: Partial<JwtVerifierOptions> = {}) {
  return createJwtVerifier({ secret, issuer: ISS, audience: AUD, ...extra });
}

function hsToken(
  claims: JWTPayload = {},
  opts: { alg?: string; key?: Uint8Array; exp?: number | null } = {},
) {
  const jwt = new SignJWT({ warden_agent: 'bot', ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
    .setIssuer(ISS)
    .setAudience(AUD)
    .setSubject('user-1')
    .setIssuedAt();
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 600);
  return jwt.sign(opts.key ?? secret);
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('createJwtVerifier with a shared secret', () => {
  it('accepts a valid HS256/384/512 token and returns agent, subject, expiry', async () => {
    const exp = now() + 600;
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      expect(await hsVerifier().verify(await hsToken({}, { alg, exp }))).toEqual({
        agent: 'bot',
        subject: 'user-1',
        issuer: ISS,
        expiresAt: new Date(exp * 1000),
      });
    }
  });

  it('wrong audience is refused', async () => {
    const token = await new SignJWT({ warden_agent: 'bot' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISS)
      .setAudience('another-service')
      .setExpirationTime('10m')
      .sign(secret);
    const reasons: string[] = [];
    expect(await hsVerifier({ onReject: (r) => reasons.push(r) }).verify(token)).toBeUndefined();
    expect(reasons).toEqual(['ERR_JWT_CLAIM_VALIDATION_FAILED']);
  });

  it('wrong issuer is refused', async () => {
    const token = await new SignJWT({ warden_agent: 'bot' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://evil.example/')
      .setAudience(AUD)
      .setExpirationTime('10m')
      .sign(secret);
    expect(await hsVerifier().verify(token)).toBeUndefined();
  });

  it('expired token is refused (beyond the 5 s tolerance), one within it is accepted', async () => {
    expect(await hsVerifier().verify(await hsToken({}, { exp: now() - 60 }))).toBeUndefined();
    expect(await hsVerifier().verify(await hsToken({}, { exp: now() - 2 }))).toBeDefined();
  });

  it('not-yet-valid token (nbf in the future) is refused', async () => {
    expect(await hsVerifier().verify(await hsToken({ nbf: now() + 120 }))).toBeUndefined();
  });

  it('token without exp is refused unless requireExpiry is false', async () => {
    const token = await hsToken({}, { exp: null });
    expect(await hsVerifier().verify(token)).toBeUndefined();
    expect(await hsVerifier({ requireExpiry: false }).verify(token)).toBeDefined();
  });

  it('alg: none is refused', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISS, aud: AUD, warden_agent: 'bot', exp: now() + 600 })}.`;
    expect(await hsVerifier().verify(unsigned)).toBeUndefined();
  });

  it('algorithm confusion: an RS256 token against the HS secret is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ warden_agent: 'bot' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setExpirationTime('10m')
      .sign(privateKey);
    const reasons: string[] = [];
    expect(await hsVerifier({ onReject: (r) => reasons.push(r) }).verify(token)).toBeUndefined();
    expect(reasons).toEqual(['ERR_JOSE_ALG_NOT_ALLOWED']);
  });

  it('HS token with a forged signature is refused', async () => {
    const forged = await hsToken({}, { key: randomBytes(32) });
    expect(await hsVerifier().verify(forged)).toBeUndefined();
    // Payload swapped under the real signature.
    const [h, , s] = (await hsToken()).split('.');
    const swapped = `${h}.${b64({ iss: ISS, aud: AUD, warden_agent: 'admin', exp: now() + 600 })}.${s}`;
    expect(await hsVerifier().verify(swapped)).toBeUndefined();
  });

  it('missing agent claim is refused; agentClaim "sub" uses the subject', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject('bot')
      .setExpirationTime('10m')
      .sign(secret);
    expect(await hsVerifier().verify(token)).toBeUndefined();
    expect(await hsVerifier({ agentClaim: 'sub' }).verify(token)).toMatchObject({ agent: 'bot' });
    expect(await hsVerifier().verify(await hsToken({ warden_agent: 42 }))).toBeUndefined();
  });

  it('garbage and oversized tokens are refused without throwing', async () => {
    for (const t of ['', 'a.b.c', 'not a jwt', 'x'.repeat(20_000), '...']) {
      expect(await hsVerifier().verify(t)).toBeUndefined();
    }
  });
});

describe('createJwtVerifier config errors', () => {
  const base = { issuer: ISS, audience: AUD };
  it.each([
    ['a secret shorter than 32 bytes', { ...base, secret: randomBytes(16) }, 'gateway.auth.jwt.secret'],
    ['both secret and jwksUrl', { ...base, secret, jwksUrl: 'https://idp.test/jwks' }, 'gateway.auth.jwt'],
    ['neither secret nor jwksUrl', { ...base }, 'gateway.auth.jwt'],
    ['no issuer', { secret, issuer: '', audience: AUD }, 'gateway.auth.jwt.issuer'],
    ['no audience', { secret, issuer: ISS, audience: [] }, 'gateway.auth.jwt.audience'],
    [
      'RS256 allowed with an HS secret',
      { ...base, secret, algorithms: ['RS256'] },
      'gateway.auth.jwt.algorithms',
    ],
    ['none allowed', { ...base, secret, algorithms: ['none'] }, 'gateway.auth.jwt.algorithms'],
    [
      'HS256 allowed with a JWKS',
      { ...base, jwksUrl: 'https://idp.test/jwks', algorithms: ['HS256'] },
      'gateway.auth.jwt.algorithms',
    ],
    [
      'plain-http JWKS on a public host',
      { ...base, jwksUrl: 'http://idp.test/jwks' },
      'gateway.auth.jwt.jwksUrl',
    ],
  ])('%s is CONFIG_INVALID', (_name, options, path) => {
    expect(() => createJwtVerifier(options as JwtVerifierOptions)).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID', issues: [expect.objectContaining({ path })] }),
    );
  });

  it('the secret never appears in the error', () => {
    const short = randomBytes(12).toString('hex');
    try {
      createJwtVerifier({ ...base, secret: short });
    } catch (e) {
      expect((e as Error).message).not.toContain(short);
    }
  });
});

describe('createJwtVerifier with a JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let requests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const esToken = (key: CryptoKey | Uint8Array = privateKey, alg = 'ES256') =>
    new SignJWT({ warden_agent: 'bot' })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject('svc-1')
      .setExpirationTime('10m')
      .sign(key);

  it('accepts an ES256 token signed by the served key', async () => {
    const v = createJwtVerifier({ jwksUrl, issuer: ISS, audience: AUD });
    expect(await v.verify(await esToken())).toMatchObject({ agent: 'bot', subject: 'svc-1' });
    expect(requests).toBeGreaterThan(0);
  });

  it('refuses a token signed by a key not in the set', async () => {
    const other = await generateKeyPair('ES256');
    const v = createJwtVerifier({ jwksUrl, issuer: ISS, audience: AUD });
    expect(await v.verify(await esToken(other.privateKey))).toBeUndefined();
  });

  it('algorithm confusion: an HS256 token against the JWKS verifier is refused', async () => {
    const v = createJwtVerifier({ jwksUrl, issuer: ISS, audience: AUD });
    expect(await v.verify(await esToken(randomBytes(32), 'HS256'))).toBeUndefined();
  });

  it('an unreachable JWKS refuses the token instead of throwing', async () => {
    const v = createJwtVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks',
      issuer: ISS,
      audience: AUD,
      jwksTimeoutMs: 500,
    });
    expect(await v.verify(await esToken())).toBeUndefined();
  });
});
