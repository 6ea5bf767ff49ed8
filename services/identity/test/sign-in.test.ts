import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, goodPassword, startIdentityApp, tokenFromAnotherKey, uniqueEmail, type IdentityApp } from './identity-app.js';

const lockMs = 1_500;
let identity: IdentityApp;

beforeAll(async () => {
  identity = await startIdentityApp({ policy: { maxFailedSignIns: 5, lockDurationMs: lockMs } });
});
afterAll(async () => identity?.close());

const signIn = (email: string, password: string) => identity.http.post('/auth/sign-in').send({ email, password });
const withoutRequestId = (body: { error: { requestId: string } }) => ({ ...body.error, requestId: undefined });

describe('signing in', () => {
  it('answers a short-lived access token naming the user and their company, and a refresh token', async () => {
    const company = await identity.db.prisma.company.create({ data: { id: randomUUID(), name: 'Acme' } });
    const user = await identity.addUser({ kind: 'customer', companyId: company.id, companyRole: 'member' });
    const res = await signIn(user.email, goodPassword);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.any(String) });
    const principal = await identity.tokens.verifyAccessToken(res.body.accessToken);
    expect(principal).toEqual({ subject: user.id, role: 'customer', customerId: company.id });
    const claims = claimsOf(res.body.accessToken);
    expect(claims).toMatchObject({ iss: 'guild', sub: user.id });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  });

  it('matches the email whatever its case', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    expect((await signIn(user.email.toUpperCase(), goodPassword)).status).toBe(200);
  });

  it('an expert token carries the expert id other services know them by', async () => {
    const expert = await identity.addUser({ kind: 'expert' });
    const { accessToken } = await identity.signIn(expert.email);
    expect(await identity.tokens.verifyAccessToken(accessToken)).toEqual({ subject: expert.id, role: 'expert', expertId: expert.expertId });
  });

  it('a wrong password and an unknown email get the same 401', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const wrongPassword = await signIn(user.email, 'not the password at all');
    const unknownEmail = await signIn(uniqueEmail('nobody'), 'not the password at all');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(withoutRequestId(wrongPassword.body)).toEqual(withoutRequestId(unknownEmail.body));
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
  });

  it('an invited person who has not set a password yet cannot sign in, and gets the same 401', async () => {
    const pending = await identity.db.prisma.user.create({
      data: { id: randomUUID(), email: uniqueEmail('pending'), kind: 'ops' },
    });
    const res = await signIn(pending.email, 'any password at all');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });
});

describe('lockout', () => {
  // The harness trusts X-Forwarded-For from loopback: each test speaks from addresses of its own.
  let nextIp = 1;
  const newIp = () => `198.51.100.${nextIp++}`;
  const signInFrom = (ip: string, email: string, password: string) =>
    identity.http.post('/auth/sign-in').set('x-forwarded-for', ip).send({ email, password });
  const lockAnswerOf = (res: { status: number; body: { error: { code: string; message: string } } }) => ({
    status: res.status,
    code: res.body.error.code,
    message: res.body.error.message.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/, '<time>'),
  });

  it('5 failures from one address lock that address out, even with the right password, until the lock passes', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const attacker = newIp();
    for (let i = 1; i <= 4; i++) expect((await signInFrom(attacker, user.email, `wrong password ${i}`)).status).toBe(401);
    const fifth = await signInFrom(attacker, user.email, 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');

    const rightButLocked = await signInFrom(attacker, user.email, goodPassword);
    expect(rightButLocked.status).toBe(423);
    expect(rightButLocked.body).not.toHaveProperty('accessToken');

    await new Promise((resolve) => setTimeout(resolve, lockMs + 100));
    expect((await signInFrom(attacker, user.email, goodPassword)).status).toBe(200);
    const audit = await identity.db.prisma.auditEntry.findMany({ where: { target: `user:${user.id}`, action: 'account.locked' } });
    expect(audit).toHaveLength(1);
  });

  it('a stranger who locks themselves out does not lock the customer out', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const stranger = newIp();
    for (let i = 1; i <= 5; i++) await signInFrom(stranger, user.email, `guess ${i}`);
    expect((await signInFrom(stranger, user.email, goodPassword)).status).toBe(423);
    expect((await signInFrom(newIp(), user.email, goodPassword)).status).toBe(200);
  });

  it('an unknown email locks exactly like a real account, so the answers reveal nothing', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const unknown = uniqueEmail('nobody');
    const ip = newIp();
    const real: Awaited<ReturnType<typeof signInFrom>>[] = [];
    const made: Awaited<ReturnType<typeof signInFrom>>[] = [];
    for (let i = 1; i <= 6; i++) {
      real.push(await signInFrom(ip, user.email, `guess ${i}`));
      made.push(await signInFrom(ip, unknown, `guess ${i}`));
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(made.map(lockAnswerOf)).toEqual(real.map(lockAnswerOf));
  });

  it('a successful sign-in clears the count of failures', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const ip = newIp();
    for (let i = 0; i < 4; i++) await signInFrom(ip, user.email, 'wrong password');
    expect((await signInFrom(ip, user.email, goodPassword)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signInFrom(ip, user.email, 'wrong password')).status).toBe(401);
    expect((await signInFrom(ip, user.email, goodPassword)).status).toBe(200);
  });
});

describe('who am I', () => {
  it('GET /me describes the signed-in user', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const { accessToken } = await identity.signIn(user.email);
    const res = await identity.as(accessToken).get('/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      userId: user.id,
      email: user.email,
      name: null,
      kind: 'ops',
      customerId: null,
      companyRole: null,
      expertId: null,
    });
  });

  it('refuses a request without a token, or with a token signed by another key', async () => {
    expect((await identity.http.get('/me')).status).toBe(401);
    const forged = await tokenFromAnotherKey({ subject: randomUUID(), role: 'ops' });
    expect((await identity.as(forged).get('/me')).status).toBe(401);
  });
});
