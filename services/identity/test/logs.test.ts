import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerServiceClient } from '../src/domain/service-clients.js';
import { hashSecret } from '../src/security/secret-tokens.js';
import { goodPassword, startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';
import { tokenOfLink } from '@guild/testkit';

let identity: IdentityApp;
const secrets: string[] = [];
const keep = <T extends string>(secret: T): T => {
  secrets.push(secret);
  return secret;
};

beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

describe('logs', () => {
  it('never contain a password, a token, a client secret or a token hash', async () => {
    const { http, as, mail } = identity;
    const ops = keep(await identity.opsToken());

    // An owner invited, accepting, signing in wrongly and rightly, refreshing, reusing, resetting.
    const ownerEmail = uniqueEmail('owner');
    await as(ops).post('/companies', { name: 'Logged Ltd', ownerEmail });
    const invitation = keep(tokenOfLink(await mail.waitForMail(ownerEmail)));
    const password = keep('owner passphrase never logged');
    const accepted = await http.post('/invitations/accept').send({ token: invitation, password });
    keep(accepted.body.accessToken);
    keep(accepted.body.refreshToken);
    await http.post('/auth/sign-in').send({ email: ownerEmail, password: keep('a wrong passphrase never logged') });
    const pair = (await http.post('/auth/sign-in').send({ email: ownerEmail, password })).body;
    keep(pair.accessToken);
    const rotated = (await http.post('/auth/refresh').send({ refreshToken: keep(pair.refreshToken) })).body;
    keep(rotated.accessToken);
    keep(rotated.refreshToken);
    await http.post('/auth/refresh').send({ refreshToken: pair.refreshToken });
    await as(accepted.body.accessToken).get('/me');
    await http.post('/auth/password-reset').send({ email: ownerEmail });
    const reset = keep(tokenOfLink(await mail.waitForMail(ownerEmail, 2)));
    await http.post('/auth/password-reset/confirm').send({ token: reset, password: keep('the new passphrase never logged') });
    await http.post('/auth/password-reset/confirm').send({ token: reset, password: goodPassword });

    const clientSecret = keep('client-secret-never-logged-0123456789abcdef');
    await registerServiceClient(identity.db.prisma, { id: 'logged-worker', name: 'worker', secret: clientSecret });
    keep((await http.post('/auth/service-token').send({ clientId: 'logged-worker', clientSecret })).body.accessToken);
    await http.post('/auth/service-token').send({ clientId: 'logged-worker', clientSecret: keep('wrong-client-secret-never-logged') });

    const hashes = secrets.map(hashSecret);
    const log = identity.logLines.join('');
    expect(identity.logLines.length).toBeGreaterThan(10);
    for (const secret of [...secrets, ...hashes]) expect(log).not.toContain(secret);
    expect(log).not.toContain('$argon2id$');
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/); // no JWT of any kind, the bridged ones included
  });

  it('nor does the audit trail', async () => {
    const audit = JSON.stringify(await identity.db.prisma.auditEntry.findMany());
    expect(audit.length).toBeGreaterThan(100);
    for (const secret of secrets) expect(audit).not.toContain(secret);
  });
});
