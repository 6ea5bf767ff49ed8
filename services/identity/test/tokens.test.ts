import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { signToken } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerServiceClient } from '../src/domain/service-clients.js';
import { generateSigningKeyPair } from '../src/keys/generate-key-pair.js';
import { signingKeysFromPem } from '../src/keys/signing-keys.js';
import { createTokenIssuer } from '../src/keys/token-issuer.js';
import { createJwksVerifier } from '../src/keys/verify-access-token.js';
import { startIdentityApp, tokenFromAnotherKey, uniqueEmail, type IdentityApp } from './identity-app.js';

// The app signs with a new key and still publishes the public key of the one it replaced.
const retired = generateSigningKeyPair();
const current = generateSigningKeyPair();
let identity: IdentityApp;
let server: Server;
let jwksUrl: URL;

beforeAll(async () => {
  identity = await startIdentityApp({ privateKeyPem: current.privateKeyPem, previousPublicKeysPem: retired.publicKeyPem });
  server = identity.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await identity?.close();
});

describe('JWKS', () => {
  it('publishes the current and the previous public key, and no private part', async () => {
    const res = await identity.http.get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toHaveLength(2);
    expect(res.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: identity.keys.current.kid });
    for (const key of res.body.keys) expect(key).not.toHaveProperty('d');
  });

  it('another service verifies an issued token against the running app with createRemoteJWKSet', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const { accessToken } = await identity.signIn(user.email);
    const { payload, protectedHeader } = await jwtVerify(accessToken, createRemoteJWKSet(jwksUrl), { issuer: 'guild' });
    expect(payload).toMatchObject({ sub: user.id, role: 'ops', iss: 'guild' });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: identity.keys.current.kid });
    expect(await createJwksVerifier(jwksUrl)(accessToken)).toEqual({ subject: user.id, role: 'ops' });
  });

  it('a token signed with the previous key still verifies while its public key is published', async () => {
    const before = createTokenIssuer(await signingKeysFromPem(retired.privateKeyPem));
    const user = await identity.addUser({ kind: 'ops' });
    const { accessToken } = await before.issueAccessToken({ subject: user.id, role: 'ops' });
    expect(await createJwksVerifier(jwksUrl)(accessToken)).toEqual({ subject: user.id, role: 'ops' });
    expect((await identity.as(accessToken).get('/me')).status).toBe(200);
  });

  it('a token signed with a key that is not published is refused', async () => {
    const stranger = await tokenFromAnotherKey({ subject: 'x', role: 'ops' });
    await expect(createJwksVerifier(jwksUrl)(stranger)).rejects.toThrow(/invalid/);
  });
});

describe('platform tokens', () => {
  it('tokens signed with the shared JWT_SECRET (`npm run token`) are still accepted during the move to JWKS', async () => {
    const devOps = await signToken(testJwtSecret, { subject: 'dev-ops-user', role: 'ops' });
    const res = await identity.as(devOps).post('/companies', { name: 'Dev Co', ownerEmail: uniqueEmail('dev-owner') });
    expect(res.status).toBe(201);
  });
});

describe('service tokens', () => {
  const secret = 'worker-secret-0123456789-abcdefghijklmnop';

  beforeAll(async () => {
    await registerServiceClient(identity.db.prisma, { id: 'temporal-worker', name: 'Temporal worker', secret });
  });

  it('a registered client trades its secret for a service token', async () => {
    const res = await identity.http.post('/auth/service-token').send({ clientId: 'temporal-worker', clientSecret: secret });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(await createJwksVerifier(jwksUrl)(res.body.accessToken)).toEqual({ subject: 'temporal-worker', role: 'service' });
  });

  it('a wrong secret and an unknown client get the same 401', async () => {
    const wrong = await identity.http.post('/auth/service-token').send({ clientId: 'temporal-worker', clientSecret: 'guess' });
    const unknown = await identity.http.post('/auth/service-token').send({ clientId: 'nobody', clientSecret: secret });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_client');
    expect(unknown.body.error).toMatchObject({ code: wrong.body.error.code, message: wrong.body.error.message });
  });

  it('stores only the hash of the secret', async () => {
    const row = await identity.db.prisma.serviceClient.findUniqueOrThrow({ where: { id: 'temporal-worker' } });
    expect(row.secretHash).not.toContain(secret);
  });
});

describe('security headers', () => {
  it('every answer forbids sniffing, framing, referrers and caching, and asks for HTTPS', async () => {
    for (const res of [await identity.http.get('/healthz'), await identity.http.post('/auth/sign-in').send({}), await identity.http.get('/nowhere')]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'none'"),
        'cache-control': 'no-store',
      });
    }
  });

  it('the API docs may load their own scripts and styles', async () => {
    const res = await identity.http.get('/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('the JWKS may be cached for a few minutes', async () => {
    expect((await identity.http.get('/.well-known/jwks.json')).headers['cache-control']).toBe('public, max-age=300');
  });
});
