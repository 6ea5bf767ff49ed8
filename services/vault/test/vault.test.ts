import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requestHashOf } from '@guild/platform';
import { tokenFor } from '@guild/testkit';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme, alice, bob, globex, masterKeysText, maxSecretBytes, ops, ringFrom, service, startVault, toolAccess, type Vault } from './vault-app.js';

let vault: Vault;
let project: string;
beforeAll(async () => {
  vault = await startVault({ ring: ringFrom(masterKeysText('k1')) });
  project = await vault.knowProject('acme', 'alice');
});
afterAll(async () => vault?.db.drop());

async function handOver(access = toolAccess(), projectId = project) {
  const res = await vault.as(acme).post(`/projects/${projectId}/credentials`, access);
  expect(res.status).toBe(201);
  return { id: res.body.id as string, access, res };
}

const reveal = (who: Parameters<Vault['as']>[0], id: string, reason = 'set up the CI pipeline') => vault.as(who).post(`/credentials/${id}/reveal`, { reason });

describe('handing over and revealing', () => {
  it("the project's expert reads back exactly the secret and notes the customer handed over", async () => {
    const { id, access, res } = await handOver();
    expect(res.body).toMatchObject({ projectId: project, system: access.system, login: access.login, status: 'active', handedOverBy: 'user-acme' });
    expect(JSON.stringify(res.body)).not.toContain(access.secret);
    const revealed = await reveal(alice, id);
    expect(revealed.status).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.body).toMatchObject({ id, system: access.system, login: access.login, secret: access.secret, notes: access.notes });
    expect((await reveal(ops, id, 'expert locked out, checking the login')).body.secret).toBe(access.secret);
  });

  it('every reveal is audited with who, when and why, and the audit cannot be edited', async () => {
    const { id } = await handOver();
    const before = Date.now();
    await reveal(alice, id, 'deploy the hotfix');
    await reveal(ops, id, 'audit of access');
    const rows = await vault.db.prisma.vaultReveal.findMany({ where: { credentialId: id }, orderBy: { revealedAt: 'asc' } });
    expect(rows.map((r) => [r.revealedBy, r.role, r.reason])).toEqual([
      ['user-alice', 'expert', 'deploy the hotfix'],
      ['ops-1', 'ops', 'audit of access'],
    ]);
    expect(rows[0]!.revealedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const seen = await vault.as(acme).get(`/credentials/${id}/reveals`);
    expect(seen.body.items.map((r: { reason: string }) => r.reason)).toEqual(['audit of access', 'deploy the hotfix']);
    await expect(vault.db.prisma.vaultReveal.deleteMany({ where: { credentialId: id } })).rejects.toThrow(/append-only/);
  });

  it('a reveal needs a reason', async () => {
    const { id } = await handOver();
    const res = await vault.as(alice).post(`/credentials/${id}/reveal`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('body.reason');
    expect(await vault.db.prisma.vaultReveal.count({ where: { credentialId: id } })).toBe(0);
  });

  it('the same Idempotency-Key hands over once', async () => {
    const token = await tokenFor(acme);
    const access = toolAccess('Jira');
    const send = () => supertest(vault.app).post(`/projects/${project}/credentials`).set('authorization', `Bearer ${token}`).set('idempotency-key', 'jira-once').send(access);
    const first = await send();
    const second = await send();
    expect(second.body.id).toBe(first.body.id);
    expect(await vault.db.prisma.vaultCredential.count({ where: { projectId: project, system: 'Jira' } })).toBe(1);
  });

  it("the idempotency record's request digest leaves the secret and notes out, so it cannot be used to guess them", async () => {
    const token = await tokenFor(acme);
    const access = toolAccess('Grafana');
    const res = await supertest(vault.app).post(`/projects/${project}/credentials`).set('authorization', `Bearer ${token}`).set('idempotency-key', 'grafana-once').send(access);
    expect(res.status).toBe(201);
    const [record] = await vault.db.prisma.idempotencyRecord.findMany({ where: { key: 'grafana-once' } });
    const path = `/projects/${project}/credentials`;
    expect(record?.requestHash).toBe(requestHashOf(path, { system: access.system, login: access.login }));
    expect(record?.requestHash).not.toBe(requestHashOf(path, access));
  });
});

describe('who sees what', () => {
  it('a foreign customer cannot see, fill or revoke the vault: 404 as for an unknown project', async () => {
    const { id } = await handOver();
    const unknown = await vault.as(globex).get('/projects/00000000-0000-4000-8000-000000000000/credentials');
    const list = await vault.as(globex).get(`/projects/${project}/credentials`);
    expect(list.status).toBe(404);
    expect(list.body.error.message).toBe(unknown.body.error.message);
    expect((await vault.as(globex).post(`/projects/${project}/credentials`, toolAccess())).status).toBe(404);
    expect((await vault.as(globex).get(`/credentials/${id}/reveals`)).status).toBe(404);
    expect((await vault.as(globex).post(`/credentials/${id}/revocation`)).status).toBe(404);
    expect((await vault.as(acme).get(`/projects/${project}/credentials`)).body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('anyone but the project’s expert and ops gets 404 on reveal — the customer, another expert, another customer, a service', async () => {
    const { id } = await handOver();
    for (const who of [acme, bob, globex, service]) {
      const res = await reveal(who, id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await reveal(alice, id)).status).toBe(200);
    expect(await vault.db.prisma.vaultReveal.count({ where: { credentialId: id } })).toBe(1);
  });

  it("an ended project's expert reveals nothing more", async () => {
    const { id } = await handOver();
    const ended = await vault.db.prisma.vaultCredential.findUniqueOrThrow({ where: { id } });
    await vault.follow({
      id: '00000000-0000-4000-8000-0000000000e1', version: 1, source: 'projects', occurredAt: new Date().toISOString(),
      subject: 'projects.project.ended', payload: { projectId: ended.projectId, customerId: 'acme', expertId: 'alice', at: new Date().toISOString() },
    });
    expect((await reveal(alice, id)).status).toBe(404);
    expect((await reveal(ops, id)).status).toBe(200);
    expect((await vault.as(acme).post(`/projects/${ended.projectId}/credentials`, toolAccess())).status).toBe(409);
    project = await vault.knowProject('acme', 'alice');
  });
});

describe('limits and revocation', () => {
  it('a secret over the size limit is 413 and nothing is stored', async () => {
    const before = await vault.db.prisma.vaultCredential.count();
    const res = await vault.as(acme).post(`/projects/${project}/credentials`, { ...toolAccess(), secret: 'é'.repeat(maxSecretBytes / 2 + 1) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'secret_too_large', fields: [{ path: 'body.secret', message: `at most ${maxSecretBytes} bytes (UTF-8)` }] });
    expect((await vault.as(acme).post(`/projects/${project}/credentials`, { ...toolAccess(), secret: 'x'.repeat(200_000) })).status).toBe(413);
    expect(await vault.db.prisma.vaultCredential.count()).toBe(before);
    expect((await vault.as(acme).post(`/projects/${project}/credentials`, { ...toolAccess(), secret: 'é'.repeat(maxSecretBytes / 2) })).status).toBe(201);
  });

  it('the customer revokes: the secret is erased, a reveal is 409, and the onboarding status counts only what is in force', async () => {
    const fresh = await vault.knowProject('acme', 'alice');
    expect((await vault.as(service).get(`/projects/${fresh}/credential-status`)).body).toEqual({ handedOver: false, count: 0 });
    const { id } = await handOver(toolAccess('AWS'), fresh);
    await handOver(toolAccess('Figma'), fresh);
    expect((await vault.as(service).get(`/projects/${fresh}/credential-status`)).body).toEqual({ handedOver: true, count: 2 });
    const revoked = await vault.as(acme).post(`/credentials/${id}/revocation`);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'user-acme' });
    expect((await vault.as(acme).post(`/credentials/${id}/revocation`)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect(await vault.db.prisma.vaultCredential.findUniqueOrThrow({ where: { id } })).toMatchObject({ sealedSecret: null, masterKeyId: null });
    expect((await reveal(alice, id)).status).toBe(409);
    expect((await vault.as(service).get(`/projects/${fresh}/credential-status`)).body).toEqual({ handedOver: true, count: 1 });
    expect((await vault.as(alice).post(`/credentials/${id}/revocation`)).status).toBe(403);
    expect((await vault.as(acme).get(`/projects/${fresh}/credential-status`)).status).toBe(403);
    const events = await vault.db.prisma.outboxEvent.findMany({ where: { source: 'vault', subject: 'vault.credential.revoked' } });
    expect(events.map((e) => (e.payload as { credentialId: string }).credentialId)).toEqual([id]);
  });
});

describe('no plaintext outside a reveal', () => {
  it('a dump of the whole database holds neither the secret nor the notes, in text or as bytes', async () => {
    const { id, access } = await handOver(toolAccess('Stripe dashboard'));
    await reveal(alice, id);
    const { stdout: dump } = await promisify(execFile)('pg_dump', ['--no-owner', vault.db.url], { maxBuffer: 64 * 1024 * 1024 });
    // The dump did reach the credential, its reveal and its event.
    expect(dump).toContain(id);
    expect(dump).toContain('Stripe dashboard');
    expect(dump).toContain('vault.credential.handed_over');
    for (const plaintext of [access.secret, access.notes]) {
      expect(dump).not.toContain(plaintext);
      expect(dump).not.toContain(Buffer.from(plaintext).toString('hex'));
      expect(dump).not.toContain(Buffer.from(plaintext).toString('base64'));
    }
  });

  it('events carry ids only', async () => {
    const { id } = await handOver();
    const event = await vault.db.prisma.outboxEvent.findFirstOrThrow({ where: { source: 'vault', subject: 'vault.credential.handed_over', payload: { path: ['credentialId'], equals: id } } });
    expect(Object.keys(event.payload as object).sort()).toEqual(['credentialId', 'customerId', 'expertId', 'handedOverAt', 'projectId']);
    expect(event.payload).toMatchObject({ credentialId: id, projectId: project, customerId: 'acme', expertId: 'alice' });
  });

  it('the logs hold no secret, whatever the request did', async () => {
    const access = toolAccess('Google Workspace');
    const { id } = await handOver(access);
    await reveal(alice, id);
    const token = await tokenFor(acme);
    const raw = (body: string) => supertest(vault.app).post(`/projects/${project}/credentials`).set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send(body);
    expect((await raw(`{"system":"x","login":"y","secret":"${access.secret}",`)).status).toBe(400);
    expect((await vault.as(acme).post(`/projects/${project}/credentials`, { ...access, extra: access.notes })).status).toBe(400);
    expect((await vault.as(acme).post(`/projects/${project}/credentials`, { ...access, secret: `${access.secret}${'x'.repeat(maxSecretBytes)}` })).status).toBe(413);
    expect((await vault.as(globex).post(`/projects/${project}/credentials`, access)).status).toBe(404);
    const text = vault.logs.text();
    // The requests were logged (at trace level, with their errors)…
    expect(text).toContain(`/credentials/${id}/reveal`);
    expect(vault.logs.entries().filter((e) => e['res'] && (e['res'] as { statusCode: number }).statusCode === 413).length).toBeGreaterThan(0);
    // …and not one line holds the secret or the notes.
    expect(text).not.toContain(access.secret);
    expect(text).not.toContain(access.notes);
    expect(text).not.toContain(access.secret.slice(0, 12));
  });
});
