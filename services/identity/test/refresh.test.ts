import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/security/secret-tokens.js';
import { startIdentityApp, type IdentityApp } from './identity-app.js';

let identity: IdentityApp;

beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

const refresh = (refreshToken: string) => identity.http.post('/auth/refresh').send({ refreshToken });

async function newSession() {
  const user = await identity.addUser({ kind: 'ops' });
  return { user, pair: await identity.signIn(user.email) };
}

describe('refresh token rotation', () => {
  it('trades a refresh token for a new pair; the new refresh token works in turn', async () => {
    const { user, pair } = await newSession();
    const first = await refresh(pair.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(pair.refreshToken);
    expect(await identity.tokens.verifyAccessToken(first.body.accessToken)).toMatchObject({ subject: user.id, role: 'ops' });
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  it('stores only the hash of a refresh token', async () => {
    const { pair } = await newSession();
    const row = await identity.db.prisma.refreshToken.findUnique({ where: { tokenHash: hashSecret(pair.refreshToken) } });
    expect(row).not.toBeNull();
    const stored = JSON.stringify(await identity.db.prisma.refreshToken.findMany());
    expect(stored).not.toContain(pair.refreshToken);
  });

  it('presenting a spent refresh token again is a reuse: 401, and the newer token of its family is revoked too', async () => {
    const { user, pair } = await newSession();
    const rotated = await refresh(pair.refreshToken);
    expect(rotated.status).toBe(200);

    const reuse = await refresh(pair.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('refresh_token_reused');

    const newer = await refresh(rotated.body.refreshToken);
    expect(newer.status).toBe(401);
    expect(newer.body.error.code).toBe('invalid_refresh_token');
    const audit = await identity.db.prisma.auditEntry.count({ where: { target: `user:${user.id}`, action: 'refresh_token.reuse_detected' } });
    expect(audit).toBe(1);
  });

  it('two concurrent uses of one token: one wins, the other counts as a reuse and revokes the winner too', async () => {
    const { pair } = await newSession();
    const results = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await refresh(winner.body.refreshToken)).status).toBe(401);
  });

  it('a reuse revokes only its own family: the same user signed in elsewhere keeps their session', async () => {
    const { user, pair } = await newSession();
    const elsewhere = await identity.signIn(user.email);
    await refresh(pair.refreshToken);
    await refresh(pair.refreshToken);
    expect((await refresh(elsewhere.refreshToken)).status).toBe(200);
  });

  it('works when the client also sends its expired access token', async () => {
    const { pair } = await newSession();
    const res = await identity.http.post('/auth/refresh').set('authorization', 'Bearer expired.or.garbage').send({ refreshToken: pair.refreshToken });
    expect(res.status).toBe(200);
  });

  it('an unknown or expired refresh token is refused', async () => {
    expect((await refresh('not-a-token')).body.error.code).toBe('invalid_refresh_token');
    const { pair } = await newSession();
    await identity.db.prisma.refreshToken.update({
      where: { tokenHash: hashSecret(pair.refreshToken) },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const res = await refresh(pair.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_refresh_token');
  });
});

describe('signing out', () => {
  it('revokes the whole family: neither the token nor its successors refresh any more', async () => {
    const { pair } = await newSession();
    const rotated = await refresh(pair.refreshToken);
    const out = await identity.http.post('/auth/sign-out').send({ refreshToken: rotated.body.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });

  it('answers 204 for an unknown token too', async () => {
    expect((await identity.http.post('/auth/sign-out').send({ refreshToken: 'unknown' })).status).toBe(204);
  });
});
