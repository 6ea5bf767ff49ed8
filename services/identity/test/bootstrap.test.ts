import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstOpsUser } from '../src/domain/bootstrap.js';
import { registerServiceClient } from '../src/domain/service-clients.js';
import { startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';

let identity: IdentityApp;

beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

describe('bootstrap', () => {
  it('creates the first ops member once; later starts change nothing', async () => {
    const email = uniqueEmail('First.Ops');
    const password = 'bootstrap passphrase 1';
    expect(await ensureFirstOpsUser(identity.db.prisma, { email, password })).toBe('created');
    expect(await ensureFirstOpsUser(identity.db.prisma, { email: uniqueEmail('second'), password })).toBe('exists');
    expect(await identity.db.prisma.user.count({ where: { kind: 'ops' } })).toBe(1);
    const { accessToken } = await identity.signIn(email.toLowerCase(), password);
    expect(await identity.tokens.verifyAccessToken(accessToken)).toMatchObject({ role: 'ops' });
  });

  it("registers the worker's service client idempotently, and takes a new secret", async () => {
    const client = { id: 'boot-worker', name: 'Temporal worker', secret: 'first-secret-0123456789-0123456789' };
    expect(await registerServiceClient(identity.db.prisma, client)).toBe('created');
    expect(await registerServiceClient(identity.db.prisma, client)).toBe('unchanged');
    expect(await registerServiceClient(identity.db.prisma, { ...client, secret: 'second-secret-0123456789-012345678' })).toBe('secret_changed');
    const refused = await identity.http.post('/auth/service-token').send({ clientId: client.id, clientSecret: client.secret });
    expect(refused.status).toBe(401);
    const signedIn = await identity.http.post('/auth/service-token').send({ clientId: client.id, clientSecret: 'second-secret-0123456789-012345678' });
    expect(signedIn.status).toBe(200);
    expect(await identity.tokens.verifyAccessToken(signedIn.body.accessToken)).toEqual({ subject: client.id, role: 'service' });
    const audit = await identity.db.prisma.auditEntry.findMany({ where: { target: 'service_client:boot-worker' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['service_client.created', 'service_client.secret_changed']);
  });
});
