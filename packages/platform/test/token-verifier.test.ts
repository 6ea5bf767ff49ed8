import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServiceApp, createTokenVerifier, signToken, type Principal } from '../src/index.js';
import { createLogger } from '../src/logger.js';

const secret = 'a-dev-secret-of-at-least-32-characters!';
const customer: Principal = { subject: 'u1', role: 'customer', customerId: 'acme' };

async function identityKeys() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
  const sign = (claims: Record<string, unknown>, expiresIn = '5m') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).setIssuer('guild').setSubject('u1').setIssuedAt().setExpirationTime(expiresIn).sign(privateKey);
  return { jwks: { keys: [jwk] }, sign };
}

describe('token verification', () => {
  it('accepts identity-signed tokens through the JWKS', async () => {
    const keys = await identityKeys();
    const verify = createTokenVerifier({ jwks: keys.jwks });
    expect(await verify(await keys.sign({ role: 'customer', customerId: 'acme' }))).toEqual(customer);
  });

  it('refuses HS256 dev tokens where no dev secret is configured', async () => {
    const keys = await identityKeys();
    const verify = createTokenVerifier({ jwks: keys.jwks });
    await expect(verify(await signToken(secret, customer))).rejects.toMatchObject({ status: 401 });
  });

  it('accepts HS256 dev tokens only with the configured secret', async () => {
    const verify = createTokenVerifier({ jwtSecret: secret });
    expect(await verify(await signToken(secret, customer))).toEqual(customer);
    await expect(verify(await signToken(`${secret}-other`, customer))).rejects.toMatchObject({ status: 401 });
  });

  it('refuses expired, unsigned and foreign-key tokens', async () => {
    const keys = await identityKeys();
    const other = await identityKeys();
    const verify = createTokenVerifier({ jwks: keys.jwks, jwtSecret: secret });
    await expect(verify(await keys.sign({ role: 'ops' }, '-1m'))).rejects.toMatchObject({ status: 401 });
    await expect(verify(await other.sign({ role: 'ops' }))).rejects.toMatchObject({ status: 401 });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"ops","sub":"x","iss":"guild"}').toString('base64url')}.`;
    await expect(verify(none)).rejects.toMatchObject({ status: 401 });
    await expect(verify('garbage')).rejects.toMatchObject({ status: 401 });
  });

  it('cannot be built without any way to verify', () => {
    expect(() => createTokenVerifier({})).toThrow(/JWKS|JWT_SECRET/);
  });
});

describe('every service app', () => {
  const app = createServiceApp({ name: 't', logger: createLogger('t', 'silent'), jwtSecret: secret, readiness: {}, corsOrigins: ['https://app.guild.example'] }, (r) => {
    r.route({ method: 'get', path: '/open', summary: 'public', roles: 'public', response: z.object({ who: z.string() }), handler: async ({ principal }) => ({ who: principal?.subject ?? 'anonymous' }) });
  });

  it('sends security headers', async () => {
    const res = await supertest(app).get('/open');
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers CORS only for allowed origins', async () => {
    const allowed = await supertest(app).options('/open').set('origin', 'https://app.guild.example').set('access-control-request-method', 'GET');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.guild.example');
    const foreign = await supertest(app).get('/open').set('origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('treats a stale token on a public route as anonymous instead of refusing', async () => {
    const res = await supertest(app).get('/open').set('authorization', 'Bearer expired.or.broken');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ who: 'anonymous' });
  });
});
