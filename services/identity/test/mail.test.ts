import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  createLogger,
  defineMailTemplate,
  identityMailDirectory,
  mailTemplates,
  queueMail,
  serviceTokenSource,
  startMailRelay,
  type MailRelay,
} from '@guild/platform';
import { freePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { goodPassword, startIdentityApp, uniqueEmail, type IdentityApp } from './identity-app.js';
import { tokenOfLink } from '@guild/testkit';

describe('invitation mail while SMTP is down', () => {
  let identity: IdentityApp;
  beforeAll(async () => {
    identity = await startIdentityApp({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` });
  });
  afterAll(async () => identity?.close());

  it('creates the invitation at once and mails it, once, when SMTP is back', async () => {
    const ops = await identity.opsToken();
    const ownerEmail = uniqueEmail('owner');
    const created = await identity.as(ops).post('/companies', { name: 'Outage Ltd', ownerEmail });
    expect(created.status).toBe(201);
    const invitationId = created.body.invitation.id as string;
    const row = () => identity.db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey: `invitation:${invitationId}` } });
    await expect.poll(async () => (await row()).attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await identity.mail.mailsTo(ownerEmail)).toHaveLength(0);

    await identity.restartMailRelay();
    const mail = await identity.mail.waitForMail(ownerEmail);
    const accepted = await identity.http.post('/invitations/accept').send({ token: tokenOfLink(mail), password: goodPassword });
    expect(accepted.status).toBe(200);
    expect(await identity.mail.mailsTo(ownerEmail)).toHaveLength(1);
    // The link's token lives in the outbox only until the mail is out.
    expect(await row()).toMatchObject({ sentAt: expect.any(Date), data: {} });
  });
});

describe('mail to people, resolved by identity when it is sent', () => {
  let identity: IdentityApp;
  let server: Server;
  let identityUrl: string;
  const relays: MailRelay[] = [];
  const source = 'billing';
  const invoiceMail = defineMailTemplate({
    name: 'billing.invoice',
    data: z.object({ number: z.string() }),
    subject: (d) => `Invoice ${d.number}`,
    text: (d) => `Your invoice ${d.number} is ready.`,
  });

  beforeAll(async () => {
    identity = await startIdentityApp();
    server = identity.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    identityUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await new Promise((resolve) => server?.close(resolve));
    await identity?.close();
  });

  /** Another service's relay, asking identity over HTTP with its service token. */
  function billingRelay() {
    const relay = startMailRelay({
      prisma: identity.db.prisma,
      source,
      templates: mailTemplates(invoiceMail),
      directory: identityMailDirectory({ identityUrl, serviceToken: serviceTokenSource({ jwtSecret: testJwtSecret, devSubject: 'billing' }) }),
      smtpUrl: identity.mail.smtpUrl,
      from: 'Guild billing <billing@billing.guild.test>',
      logger: createLogger('billing-mail-test', 'silent'),
      pollMs: 50,
    });
    relays.push(relay);
    return relay;
  }

  it("sends a company's mail to the members it has when the mail goes out, including one who joined after it was queued", async () => {
    const company = await identity.db.prisma.company.create({ data: { id: randomUUID(), name: 'Later Ltd' } });
    const owner = await identity.addUser({ kind: 'customer', companyId: company.id, companyRole: 'owner' });
    const number = `INV-${randomUUID().slice(0, 6)}`;
    await identity.db.prisma.$transaction((tx) =>
      queueMail(tx, { source, idempotencyKey: `invoice:${number}`, template: invoiceMail, data: { number }, to: [{ kind: 'company', companyId: company.id }] }),
    );
    const latecomer = await identity.addUser({ kind: 'customer', companyId: company.id, companyRole: 'member' });

    billingRelay();
    for (const member of [owner, latecomer]) expect((await identity.mail.waitForMail(member.email)).subject).toBe(`Invoice ${number}`);
    // Outboxes hold ids, never people's addresses.
    const row = await identity.db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey: `invoice:${number}` } });
    expect(JSON.stringify(row)).not.toContain(owner.email);
  });

  it('gives up a mail to a company without members as unresolvable', async () => {
    const number = `INV-${randomUUID().slice(0, 6)}`;
    await identity.db.prisma.$transaction((tx) =>
      queueMail(tx, { source, idempotencyKey: `invoice:${number}`, template: invoiceMail, data: { number }, to: [{ kind: 'company', companyId: randomUUID() }] }),
    );
    billingRelay();
    const row = () => identity.db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey: `invoice:${number}` } });
    await expect.poll(async () => (await row()).failure, { timeout: 10_000 }).toBe('unresolvable');
  });

  it('answers the addresses of users, experts and ops to services only', async () => {
    const expert = await identity.addUser({ kind: 'expert' });
    const expertId = (await identity.db.prisma.user.findUniqueOrThrow({ where: { id: expert.id } })).expertId!;
    const unknown = { kind: 'user', userId: randomUUID() };
    const recipients = [{ kind: 'expert', expertId }, { kind: 'user', userId: expert.id }, unknown];

    const service = await tokenFor({ subject: 'billing', role: 'service' });
    const answer = await identity.http.post('/people/mail-addresses').set('authorization', `Bearer ${service}`).send({ recipients });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ addresses: [expert.email], unresolved: [unknown] });

    const ops = await identity.opsToken();
    expect((await identity.as(ops).post('/people/mail-addresses', { recipients })).status).toBe(403);
    expect((await identity.http.post('/people/mail-addresses').send({ recipients })).status).toBe(401);
  });
});
