import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';
import { tokenOfLink } from '@guild/testkit';

let identity: IdentityApp;
let ops: string;

beforeAll(async () => {
  identity = await startIdentityApp();
  ops = await identity.opsToken();
});
afterAll(async () => identity?.close());

const accept = (token: string, password = goodPassword) => identity.http.post('/invitations/accept').send({ token, password });

/** Ops open a company for a pending owner; answers the company and the owner's address. */
async function openCompany(name: string) {
  const ownerEmail = uniqueEmail('owner');
  const created = await identity.as(ops).post('/companies', { name, ownerEmail });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { companyId: created.body.company.id as string, ownerEmail };
}

describe('inviting a pending account again', () => {
  it('keeps one account and its expert id, sends a new link, and either link signs in once; the other dies with it', async () => {
    const email = uniqueEmail('expert');
    const first = await identity.as(ops).post('/experts', { email, name: 'Erin Expert' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const firstLink = tokenOfLink(await identity.mail.waitForMail(email, 1));
    const again = await identity.as(ops).post('/experts', { email, name: 'Erin Expert' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const secondLink = tokenOfLink(await identity.mail.waitForMail(email, 2));
    expect(secondLink).not.toBe(firstLink);

    expect(await identity.db.prisma.user.count({ where: { email } })).toBe(1);
    const account = await identity.db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(again.body.expertId ?? account.expertId).toBe(first.body.expertId ?? account.expertId);
    expect(await identity.db.prisma.outboxEvent.count({ where: { subject: 'identity.expert.registered', payload: { path: ['userId'], equals: account.id } } })).toBe(1);

    // The newer link is used: the sibling invitation is void from then on.
    expect((await accept(secondLink)).status).toBe(200);
    const sibling = await accept(firstLink, 'another long password here');
    expect(sibling.status).toBe(400);
    expect((await identity.http.post('/auth/sign-in').send({ email, password: 'another long password here' })).status).toBe(401);
    expect((await identity.signIn(email)).accessToken).toEqual(expect.any(String));
    const invitations = await identity.db.prisma.invitation.findMany({ where: { userId: account.id } });
    expect(invitations.filter((i) => i.acceptedAt)).toHaveLength(1);
    expect(invitations.filter((i) => !i.acceptedAt).every((i) => i.expiresAt.getTime() <= Date.now())).toBe(true);
  });

  it("an owner's link used twice joins the company once, with one member.joined event", async () => {
    const { companyId, ownerEmail } = await openCompany('Initech');
    const link = tokenOfLink(await identity.mail.waitForMail(ownerEmail, 1));
    const accepted = await accept(link);
    expect(accepted.status).toBe(200);
    expect((await accept(link)).status).toBe(400);
    expect(await identity.db.prisma.outboxEvent.count({ where: { subject: 'identity.member.joined', payload: { path: ['companyId'], equals: companyId } } })).toBe(1);
  });
});

describe('two people using links of one account at the same time', () => {
  it('the same link twice at once: one signs in, the other is refused', async () => {
    const email = uniqueEmail('ops');
    expect((await identity.as(ops).post('/ops-users', { email })).status).toBeLessThan(300);
    const link = tokenOfLink(await identity.mail.waitForMail(email));
    const answers = await Promise.all([accept(link, 'first long password 1'), accept(link, 'second long password 2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const winner = answers.findIndex((a) => a.status === 200);
    const winning = winner === 0 ? 'first long password 1' : 'second long password 2';
    const losing = winner === 0 ? 'second long password 2' : 'first long password 1';
    expect((await identity.http.post('/auth/sign-in').send({ email, password: winning })).status).toBe(200);
    expect((await identity.http.post('/auth/sign-in').send({ email, password: losing })).status).toBe(401);
  });

  it('two sibling links at once: the account gets one password', async () => {
    const email = uniqueEmail('expert');
    await identity.as(ops).post('/experts', { email, name: 'Twin Links' });
    const first = tokenOfLink(await identity.mail.waitForMail(email, 1));
    await identity.as(ops).post('/experts', { email, name: 'Twin Links' });
    const second = tokenOfLink(await identity.mail.waitForMail(email, 2));
    const answers = await Promise.all([accept(first, 'first long password 1'), accept(second, 'second long password 2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const account = await identity.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const audits = await identity.db.prisma.auditEntry.count({ where: { action: 'invitation.accepted', target: { contains: account.id } } });
    expect(audits).toBe(1);
  });
});
