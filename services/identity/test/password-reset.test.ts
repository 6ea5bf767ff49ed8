import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/security/secret-tokens.js';
import { goodPassword, startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';
import { tokenOfLink } from '@guild/testkit';

let identity: IdentityApp;
const newPassword = 'a brand new passphrase 2026';

beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

const requestReset = (email: string) => identity.http.post('/auth/password-reset').send({ email });
const confirm = (token: string, password = newPassword) =>
  identity.http.post('/auth/password-reset/confirm').send({ token, password });
const signIn = (email: string, password: string) => identity.http.post('/auth/sign-in').send({ email, password });

describe('password reset', () => {
  it('mails a one-time link; the new password works, the old one no longer, and every session is revoked', async () => {
    const user = await identity.addUser({ kind: 'expert' });
    const session = await identity.signIn(user.email);

    const asked = await requestReset(user.email);
    expect(asked.status).toBe(202);
    const mail = await identity.mail.waitForMail(user.email);
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.text).toContain('/reset-password#token=');

    expect((await confirm(tokenOfLink(mail))).status).toBe(204);
    expect((await signIn(user.email, goodPassword)).status).toBe(401);
    expect((await signIn(user.email, newPassword)).status).toBe(200);
    const refresh = await identity.http.post('/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('a link works once', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    await requestReset(user.email);
    const token = tokenOfLink(await identity.mail.waitForMail(user.email));
    expect((await confirm(token)).status).toBe(204);
    const again = await confirm(token, 'yet another passphrase!');
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_link_token');
    expect((await signIn(user.email, newPassword)).status).toBe(200);
  });

  it('an expired link is refused', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    await requestReset(user.email);
    const token = tokenOfLink(await identity.mail.waitForMail(user.email));
    const reset = await identity.db.prisma.passwordReset.findUniqueOrThrow({ where: { tokenHash: hashSecret(token) } });
    expect(reset.expiresAt.getTime() - reset.createdAt.getTime()).toBe(30 * 60_000);
    await identity.db.prisma.passwordReset.update({ where: { id: reset.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const res = await confirm(token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_link_token');
    expect((await signIn(user.email, goodPassword)).status).toBe(200);
  });

  it('using a newer link voids the older ones', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    await requestReset(user.email);
    const older = tokenOfLink(await identity.mail.waitForMail(user.email, 1));
    await requestReset(user.email);
    const newer = tokenOfLink(await identity.mail.waitForMail(user.email, 2));
    expect(newer).not.toBe(older);
    expect((await confirm(newer)).status).toBe(204);
    expect((await confirm(older, 'another long passphrase')).status).toBe(400);
  });

  it('lifts a lockout', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    for (let i = 0; i < 5; i++) await signIn(user.email, 'wrong password');
    expect((await signIn(user.email, goodPassword)).status).toBe(423);
    await requestReset(user.email);
    expect((await confirm(tokenOfLink(await identity.mail.waitForMail(user.email)))).status).toBe(204);
    expect((await signIn(user.email, newPassword)).status).toBe(200);
  });

  it('an unknown email gets the same 202 and no mail, so the answer reveals no account', async () => {
    const user = await identity.addUser({ kind: 'ops' });
    const nobody = uniqueEmail('nobody');
    const known = await requestReset(user.email);
    const unknown = await requestReset(nobody);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await identity.mail.waitForMail(user.email);
    expect(await identity.mail.mailsTo(nobody)).toEqual([]);
  });

  it('a new password needs at least 12 characters', async () => {
    const res = await confirm('whatever', 'short');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.password');
  });
});
