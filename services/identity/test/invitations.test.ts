import { randomUUID } from 'node:crypto';
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

const accept = (token: string, password = goodPassword) =>
  identity.http.post('/invitations/accept').send({ token, password });

/** Ops open a company; its owner accepts the mailed invitation. Returns the owner's session. */
async function openCompany(name: string) {
  const ownerEmail = uniqueEmail('owner');
  const created = await identity.as(ops).post('/companies', { name, ownerEmail });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const accepted = await accept(tokenOfLink(await identity.mail.waitForMail(ownerEmail)));
  expect(accepted.status).toBe(200);
  return { companyId: created.body.company.id as string, ownerEmail, owner: accepted.body.accessToken as string };
}

describe('a customer team', () => {
  it('the owner invites a member by mail; both tokens carry the company as customerId; outsiders get 404', async () => {
    const { companyId, owner } = await openCompany('Acme');
    const memberEmail = uniqueEmail('member');
    const invited = await identity.as(owner).post(`/companies/${companyId}/invitations`, { email: memberEmail, role: 'member' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: memberEmail, kind: 'customer', companyId, companyRole: 'member' });

    const mail = await identity.mail.waitForMail(memberEmail);
    expect(mail.text).toContain("Acme's team");
    const accepted = await accept(tokenOfLink(mail));
    expect(accepted.status).toBe(200);
    const member = accepted.body.accessToken as string;

    expect(await identity.tokens.verifyAccessToken(owner)).toMatchObject({ role: 'customer', customerId: companyId });
    expect(await identity.tokens.verifyAccessToken(member)).toMatchObject({ role: 'customer', customerId: companyId });
    expect((await identity.signIn(memberEmail)).accessToken).toEqual(expect.any(String));

    const members = await identity.as(member).get(`/companies/${companyId}/members`);
    expect(members.status).toBe(200);
    expect(members.body.items.map((m: { role: string; status: string }) => [m.role, m.status])).toEqual([
      ['owner', 'active'],
      ['member', 'active'],
    ]);

    const other = await openCompany('Globex');
    const foreign = await identity.as(other.owner).get(`/companies/${companyId}/members`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(memberEmail);
    expect((await identity.as(other.owner).get(`/companies/${randomUUID()}/members`)).body.error).toMatchObject({
      code: foreign.body.error.code,
      message: foreign.body.error.message,
    });
    expect((await identity.as(other.owner).post(`/companies/${companyId}/invitations`, { email: uniqueEmail('x') })).status).toBe(404);
  });

  it('a member who is not the owner may not invite', async () => {
    const { companyId, owner } = await openCompany('Initech');
    const memberEmail = uniqueEmail('member');
    await identity.as(owner).post(`/companies/${companyId}/invitations`, { email: memberEmail });
    const member = (await accept(tokenOfLink(await identity.mail.waitForMail(memberEmail)))).body.accessToken as string;
    const res = await identity.as(member).post(`/companies/${companyId}/invitations`, { email: uniqueEmail('friend') });
    expect(res.status).toBe(403);
  });

  it('ops list any company page by page; pending members show as invited', async () => {
    const { companyId, owner } = await openCompany('Umbrella');
    for (let i = 0; i < 3; i++) await identity.as(owner).post(`/companies/${companyId}/invitations`, { email: uniqueEmail(`m${i}`) });
    const first = await identity.as(ops).get(`/companies/${companyId}/members?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await identity.as(ops).get(`/companies/${companyId}/members?limit=2&cursor=${first.body.nextCursor}`);
    const all = [...first.body.items, ...second.body.items];
    expect(all).toHaveLength(4);
    expect(all.filter((m: { status: string }) => m.status === 'invited')).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
  });

  it('an active member cannot be invited again, and an address of another company is refused', async () => {
    const { companyId, ownerEmail, owner } = await openCompany('Hooli');
    const again = await identity.as(owner).post(`/companies/${companyId}/invitations`, { email: ownerEmail });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_member');
    const other = await openCompany('Pied Piper');
    const poach = await identity.as(ops).post(`/companies/${companyId}/invitations`, { email: other.ownerEmail });
    expect(poach.status).toBe(409);
    expect(poach.body.error.code).toBe('email_in_use');
  });

  it('records the company and each member who joins as events, without email addresses', async () => {
    const { companyId, ownerEmail } = await openCompany('Stark');
    const events = await identity.db.prisma.outboxEvent.findMany({
      where: { source: 'identity', payload: { path: ['companyId'], equals: companyId } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => e.subject)).toEqual(['identity.company.created', 'identity.member.joined']);
    expect(events[1]!.payload).toMatchObject({ companyId, role: 'owner' });
    expect(JSON.stringify(events)).not.toContain(ownerEmail);
  });
});

describe('invitation links', () => {
  it('work once', async () => {
    const ownerEmail = uniqueEmail('owner');
    await identity.as(ops).post('/companies', { name: 'Once Ltd', ownerEmail });
    const token = tokenOfLink(await identity.mail.waitForMail(ownerEmail));
    expect((await accept(token)).status).toBe(200);
    const again = await accept(token, 'another long passphrase');
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_link_token');
  });

  it('expire', async () => {
    const ownerEmail = uniqueEmail('owner');
    await identity.as(ops).post('/companies', { name: 'Late Ltd', ownerEmail });
    const token = tokenOfLink(await identity.mail.waitForMail(ownerEmail));
    await identity.db.prisma.invitation.updateMany({ where: { email: ownerEmail }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await accept(token)).body.error.code).toBe('invalid_link_token');
  });

  it('need a password of at least 12 characters', async () => {
    const res = await accept('whatever', 'too short');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.password');
  });

  it('only ops open companies', async () => {
    const { owner } = await openCompany('Wayne');
    expect((await identity.as(owner).post('/companies', { name: 'Mine', ownerEmail: uniqueEmail('x') })).status).toBe(403);
  });
});

describe('experts and ops', () => {
  it('ops register an expert: the expert id exists at once, is announced, and is in their token once they accept', async () => {
    const email = uniqueEmail('expert');
    const registered = await identity.as(ops).post('/experts', { email, name: 'Ada Lovelace' });
    expect(registered.status).toBe(201);
    const { expertId, userId } = registered.body as { expertId: string; userId: string };
    const event = await identity.db.prisma.outboxEvent.findFirstOrThrow({
      where: { subject: 'identity.expert.registered', payload: { path: ['expertId'], equals: expertId } },
    });
    expect(event.payload).toMatchObject({ expertId, userId });
    expect(JSON.stringify(event.payload)).not.toContain('Ada');

    const accepted = await accept(tokenOfLink(await identity.mail.waitForMail(email)));
    expect(await identity.tokens.verifyAccessToken(accepted.body.accessToken)).toEqual({ subject: userId, role: 'expert', expertId });
    const me = await identity.as(accepted.body.accessToken).get('/me');
    expect(me.body).toMatchObject({ kind: 'expert', name: 'Ada Lovelace', expertId });
  });

  it('ops invite another ops member', async () => {
    const email = uniqueEmail('ops');
    expect((await identity.as(ops).post('/ops-users', { email })).status).toBe(201);
    const accepted = await accept(tokenOfLink(await identity.mail.waitForMail(email)));
    expect(await identity.tokens.verifyAccessToken(accepted.body.accessToken)).toMatchObject({ role: 'ops' });
  });

  it('an expert cannot register experts', async () => {
    const expert = await identity.addUser({ kind: 'expert' });
    const { accessToken } = await identity.signIn(expert.email);
    expect((await identity.as(accessToken).post('/experts', { email: uniqueEmail('e'), name: 'E' })).status).toBe(403);
  });
});
