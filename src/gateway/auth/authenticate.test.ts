import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MemoryApiKeyStore } from './api-key-store.js';
import { ApiKeyCache, createApiKey } from './api-keys.js';
import { assertSafeListen, checkHost, checkOrigin, createAuthenticator, readHeader } from './authenticate.js';
import { createJwtVerifier } from './jwt.js';
import { isLoopbackHost } from './network.js';

const FAST = { N: 1024, r: 8, p: 1 };
const ISS = 'https://idp.test/';
const AUD = 'warden-gateway';

async function setup() {
  const cache = new ApiKeyCache();
  const store = new MemoryApiKeyStore({ cache });
  const bot = await createApiKey('bot', { scrypt: FAST });
  const ghost = await createApiKey('ghost', { scrypt: FAST });
  store.put(bot.record);
  store.put(ghost.record);
  const secret = randomBytes(32);
  const jwt = createJwtVerifier({ secret, issuer: ISS, audience: AUD });
  const token = (agent: string) =>
    new SignJWT({ warden_agent: agent })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject('user-1')
      .setExpirationTime('10m')
      .sign(secret);
  const auth = createAuthenticator({ apiKeys: store, jwt, agents: new Set(['bot']), apiKeyCache: cache });
  return { auth, store, bot, ghost, token };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('createAuthenticator', () => {
  it('accepts an API key and a JWT for a configured agent', async () => {
    const { auth, bot, token } = await setup();
    expect(await auth.authenticate(bearer(bot.key))).toEqual({
      ok: true,
      agent: 'bot',
      principal: `api-key:${bot.id}`,
      method: 'api-key',
    });
    expect(
      await auth.authenticate(new Headers({ Authorization: `bearer ${await token('bot')}` })),
    ).toMatchObject({
      ok: true,
      agent: 'bot',
      principal: 'jwt:user-1',
      method: 'jwt',
      expiresAt: expect.any(Date),
    });
  });

  it('missing credentials: 401 with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const { auth } = await setup();
    for (const headers of [
      {},
      { authorization: '' },
      { authorization: `Basic ${randomBytes(8).toString('base64')}` },
    ]) {
      expect(await auth.authenticate(headers)).toMatchObject({
        ok: false,
        status: 401,
        wwwAuthenticate: 'Bearer realm="warden"',
        reason: 'missing',
      });
    }
  });

  it('agent not configured: a valid key or token for another agent is refused', async () => {
    const { auth, ghost, token } = await setup();
    expect(await auth.authenticate(bearer(ghost.key))).toMatchObject({
      ok: false,
      reason: 'agent-not-configured',
    });
    expect(await auth.authenticate(bearer(await token('ghost')))).toMatchObject({
      ok: false,
      reason: 'agent-not-configured',
    });
  });

  it('revoked key is refused', async () => {
    const { auth, store, bot } = await setup();
    expect((await auth.authenticate(bearer(bot.key))).ok).toBe(true);
    store.revoke(bot.id);
    expect(await auth.authenticate(bearer(bot.key))).toMatchObject({ ok: false, reason: 'invalid-api-key' });
  });

  it('every bad credential gets the same invalid_token challenge, without the credential in it', async () => {
    const { auth, bot, token } = await setup();
    const wrongSecret = bot.key.slice(0, 16) + randomBytes(32).toString('base64url');
    const attempts = [
      bearer(wrongSecret),
      bearer(bot.key.slice(0, -3)),
      bearer(bot.key + 'AAAA'),
      bearer((await token('bot')).slice(0, -4) + 'AAAA'),
      bearer('garbage'),
      { authorization: `Bearer ${bot.key} extra` },
      { authorization: 'Bearer' },
      { authorization: [`Bearer ${bot.key}`, `Bearer ${bot.key}`] },
      { Authorization: `Bearer ${bot.key}`, authorization: `Bearer ${bot.key}` },
      { authorization: `Bearer ${bot.key}\u0000` },
    ];
    for (const headers of attempts) {
      const result = await auth.authenticate(headers);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.status).toBe(401);
      expect(result.wwwAuthenticate).toBe(
        'Bearer realm="warden", error="invalid_token", error_description="The access token is invalid, expired or revoked"',
      );
      const shown = `${result.message} ${result.wwwAuthenticate} ${result.reason}`;
      expect(shown).not.toContain(bot.key.slice(16));
      expect(shown).not.toContain(wrongSecret.slice(16));
    }
  });

  it('a wk_ key is not tried as a JWT, and a JWT is refused when only API keys are configured', async () => {
    const { store, token } = await setup();
    const auth = createAuthenticator({ apiKeys: store, agents: new Set(['bot']) });
    expect(await auth.authenticate(bearer(await token('bot')))).toMatchObject({
      ok: false,
      reason: 'invalid-jwt',
    });
  });

  it('needs at least one method', () => {
    expect(() => createAuthenticator({ agents: new Set(['bot']) })).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('readHeader handles arrays and case', () => {
    expect(readHeader({ AUTHORIZATION: 'x' }, 'authorization')).toBe('x');
    expect(readHeader({ authorization: ['x'] }, 'authorization')).toBe('x');
    expect(readHeader({ authorization: ['x', 'y'] }, 'authorization')).toBeNull();
  });
});

describe('checkOrigin (DNS rebinding)', () => {
  it('Origin http://evil.example is refused, even when listening on loopback', () => {
    expect(checkOrigin('http://evil.example', [], '127.0.0.1')).toBe(false);
    expect(checkOrigin('http://evil.example:8787', ['http://127.0.0.1:8787'], '127.0.0.1')).toBe(false);
  });

  it('http://127.0.0.1:8787 is allowed on loopback, but not when listening on a public address', () => {
    expect(checkOrigin('http://127.0.0.1:8787', [], '127.0.0.1')).toBe(true);
    expect(checkOrigin('http://localhost:3000', [], 'localhost')).toBe(true);
    expect(checkOrigin('http://[::1]:8787', [], '::1')).toBe(true);
    expect(checkOrigin('http://127.0.0.1:8787', [], '0.0.0.0')).toBe(false);
  });

  it('a missing Origin is allowed (non-browser clients); null, duplicates and non-http are refused', () => {
    expect(checkOrigin(undefined, [])).toBe(true);
    expect(checkOrigin('null', [], '127.0.0.1')).toBe(false);
    expect(checkOrigin(['http://127.0.0.1', 'http://evil.example'], [], '127.0.0.1')).toBe(false);
    expect(checkOrigin('file://', [], '127.0.0.1')).toBe(false);
    expect(checkOrigin('', [], '127.0.0.1')).toBe(false);
  });

  it('allowlisted origins match on scheme, host and port', () => {
    const allowed = ['https://console.example.com'];
    expect(checkOrigin('https://console.example.com', allowed, '0.0.0.0')).toBe(true);
    expect(checkOrigin('https://CONSOLE.example.com:443', allowed, '0.0.0.0')).toBe(true);
    expect(checkOrigin('http://console.example.com', allowed, '0.0.0.0')).toBe(false);
    expect(checkOrigin('https://console.example.com.evil.example', allowed, '0.0.0.0')).toBe(false);
  });
});

describe('checkHost (DNS rebinding)', () => {
  it('a rebound name in Host is refused on loopback; loopback hosts pass', () => {
    expect(checkHost('evil.example:8787', '127.0.0.1')).toBe(false);
    expect(checkHost(undefined, '127.0.0.1')).toBe(false);
    expect(checkHost('127.0.0.1:8787', '127.0.0.1')).toBe(true);
    expect(checkHost('localhost:8787', '127.0.0.1')).toBe(true);
    expect(checkHost('[::1]:8787', '::1')).toBe(true);
    expect(checkHost('gw.internal:8787', '127.0.0.1', ['gw.internal'])).toBe(true);
    expect(checkHost('anything', '0.0.0.0')).toBe(true);
    expect(checkHost('evil.example', '0.0.0.0', ['gw.example.com'])).toBe(false);
  });
});

describe('assertSafeListen', () => {
  it('non-loopback listen without auth throws CONFIG_INVALID naming gateway.listen', () => {
    for (const host of ['0.0.0.0', '::', '', '192.168.1.10', 'gw.example.com', '127.1', '0x7f.0.0.1']) {
      expect(() => assertSafeListen(host, false), host).toThrowError(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          message: expect.stringContaining('gateway.listen'),
          issues: [expect.objectContaining({ path: 'gateway.listen' })],
        }),
      );
    }
  });

  it('with auth passes; loopback without auth passes', () => {
    expect(() => assertSafeListen('0.0.0.0', true)).not.toThrow();
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(() => assertSafeListen(host, false), host).not.toThrow();
    }
    expect(isLoopbackHost('::ffff:10.0.0.1')).toBe(false);
  });
});
