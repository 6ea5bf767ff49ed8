import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';

let identity: IdentityApp;

beforeAll(async () => {
  identity = await startIdentityApp({
    policy: { maxFailedSignIns: 100 },
    rateLimits: { windowMs: 60_000, signInPerIp: 4, signInPerAccount: 2, passwordResetPerIp: 3, passwordResetPerAccount: 2 },
  });
});
afterAll(async () => identity?.close());

// Each test speaks from its own addresses (the app trusts X-Forwarded-For from loopback here).
let nextIp = 1;
const newIp = () => `203.0.113.${nextIp++}`;
const signInFrom = (ip: string, email: string, password = 'wrong password') =>
  identity.http.post('/auth/sign-in').set('x-forwarded-for', ip).send({ email, password });
const resetFrom = (ip: string, email: string) =>
  identity.http.post('/auth/password-reset').set('x-forwarded-for', ip).send({ email });

function expectRateLimited(res: { status: number; headers: Record<string, string>; body: { error: { code: string } } }) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('sign-in rate limits', () => {
  it('per client IP: the fifth attempt in a minute from one address is refused, whatever the email', async () => {
    const ip = newIp();
    for (let i = 0; i < 4; i++) expect((await signInFrom(ip, uniqueEmail('guess'))).status).toBe(401);
    expectRateLimited(await signInFrom(ip, uniqueEmail('guess')));
    expect((await signInFrom(newIp(), uniqueEmail('guess'))).status).toBe(401);
  });

  it('per account: the third attempt in a minute on one email is refused, from whatever address', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    expect((await signInFrom(newIp(), user.email)).status).toBe(401);
    expect((await signInFrom(newIp(), user.email)).status).toBe(401);
    const third = await signInFrom(newIp(), user.email, goodPassword);
    expectRateLimited(third);
    expect(third.body).not.toHaveProperty('accessToken');
    expect((await signInFrom(newIp(), uniqueEmail('someone-else'))).status).toBe(401);
  });
});

describe('password reset rate limits', () => {
  it('per client IP', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await resetFrom(ip, uniqueEmail('r'))).status).toBe(202);
    expectRateLimited(await resetFrom(ip, uniqueEmail('r')));
  });

  it('per account: no mail flood to one address', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    expect((await resetFrom(newIp(), user.email)).status).toBe(202);
    expect((await resetFrom(newIp(), user.email)).status).toBe(202);
    expectRateLimited(await resetFrom(newIp(), user.email));
    await identity.mail.waitForMail(user.email, 2);
    expect(await identity.mail.mailsTo(user.email)).toHaveLength(2);
  });
});
