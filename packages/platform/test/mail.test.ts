import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createMailMetrics,
  createServiceApp,
  defineMailTemplate,
  mailTemplates,
  queueMail,
  registerUndeliveredMailRoutes,
  startMailRelay,
  type MailDirectory,
  type MailRelayOptions,
  type Recipient,
} from '../src/index.js';
import { freePort, startMailSink, testJwtSecret, tokenFor, type MailSink, type SunkMail, captureLogs, eventually } from './support/kit.js';

const source = 'mailtest';
const from = 'Guild tests <tests@mail.guild.local>';
const replyTemplate = defineMailTemplate({
  name: 'test.reply',
  data: z.object({ customerName: z.string(), answer: z.string() }),
  subject: (d) => `Your answer, ${d.customerName}`,
  text: (d) => `Hello ${d.customerName},\n\n${d.answer}\n\nDetails: https://guild.local/q?a=1&b=2`,
});
const templates = mailTemplates(replyTemplate);

let db: TestDatabase;
let sink: MailSink;
const relays: { stop(): Promise<void> }[] = [];
const logs = captureLogs('mail-test');

/** Identity as the relay sees it: users by id, looked up on every send. */
const people = new Map<string, string>();
const directory: MailDirectory = async (recipients) => {
  const addresses: string[] = [];
  const unresolved = recipients.filter((r) => {
    const address = r.kind === 'user' ? people.get(r.userId) : undefined;
    if (address) addresses.push(address);
    return !address;
  });
  return { addresses, unresolved };
};

beforeAll(async () => {
  [db, sink] = await Promise.all([createTestDatabase(), startMailSink()]);
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});
afterAll(async () => {
  await sink?.stop();
  await db?.drop();
});

function relay(extra: Partial<MailRelayOptions> = {}) {
  const started = startMailRelay({ prisma: db.prisma, source, templates, directory, smtpUrl: sink.smtpUrl, from, logger: logs.logger, pollMs: 50, retryBaseMs: 50, ...extra });
  relays.push(started);
  return started;
}

const anAddress = () => `customer-${randomUUID().slice(0, 8)}@acme.example`;

async function queue(to: Recipient[], data: Record<string, unknown> = { customerName: 'Ada', answer: 'The fix is deployed.' }) {
  const idempotencyKey = `test:${randomUUID()}`;
  await db.prisma.$transaction((tx) => queueMail(tx, { source, idempotencyKey, template: replyTemplate, data: data as never, to }));
  return db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey } });
}

const row = (id: string) => db.prisma.outboundMail.findUniqueOrThrow({ where: { id } });
const sentRow = (id: string) => eventually(`mail ${id} marked sent`, async () => ((await row(id)).sentAt ? row(id) : undefined));
const htmlOf = (mail: SunkMail) => (mail as SunkMail & { html: string }).html;

describe('queueing a mail', () => {
  it('refuses data the template does not declare, and queues nothing', async () => {
    const idempotencyKey = `test:${randomUUID()}`;
    const attempt = db.prisma.$transaction((tx) =>
      queueMail(tx, {
        source,
        idempotencyKey,
        template: replyTemplate,
        data: { customerName: 'Ada', answer: 'Fixed.', internalNote: 'do not mail this' } as never,
        to: [{ kind: 'address', address: anAddress() }],
      }),
    );
    await expect(attempt).rejects.toThrow(/"test.reply" does not take this data.*internalNote/);
    expect(await db.prisma.outboundMail.count({ where: { idempotencyKey } })).toBe(0);
  });

  it('refuses data missing a declared value', async () => {
    await expect(queue([{ kind: 'address', address: anAddress() }], { customerName: 'Ada' })).rejects.toThrow(/answer/);
  });

  it('queues one mail per idempotency key', async () => {
    const idempotencyKey = `test:${randomUUID()}`;
    const mail = { source, idempotencyKey, template: replyTemplate, data: { customerName: 'Ada', answer: 'One.' }, to: [{ kind: 'address', address: anAddress() }] as Recipient[] };
    await db.prisma.$transaction((tx) => queueMail(tx, mail));
    await db.prisma.$transaction((tx) => queueMail(tx, { ...mail, data: { customerName: 'Ada', answer: 'Two.' } }));
    const rows = await db.prisma.outboundMail.findMany({ where: { idempotencyKey } });
    expect(rows.map((r) => (r.data as { answer: string }).answer)).toEqual(['One.']);
  });
});

describe('the mail relay', () => {
  it('sends text and an HTML part in which every value is escaped', async () => {
    const to = anAddress();
    const queued = await queue([{ kind: 'address', address: to }], { customerName: '<b>Ada</b> & "co"', answer: '<script>alert(1)</script>' });
    relay();
    const mail = await sink.waitForMail(to);
    expect(mail.subject).toBe('Your answer, <b>Ada</b> & "co"');
    expect(mail.text).toContain('<script>alert(1)</script>');
    const html = htmlOf(mail);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;co&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://guild.local/q?a=1&amp;b=2">');
    const sent = await sentRow(queued.id);
    expect(sent.messageId).toBe(`<m-${queued.id}@mail.guild.local>`);
    expect((await sink.headersOf(mail))['message-id']).toBe(sent.messageId);
  });

  it('resolves people when it sends, not when the mail is queued', async () => {
    const userId = randomUUID();
    const queued = await queue([{ kind: 'user', userId }]);
    const address = anAddress();
    people.set(userId, address);
    relay();
    await sink.waitForMail(address);
    await sentRow(queued.id);
  });

  it('delivers a mail once across a relay crash between sending and marking it: the copy carries the same Message-ID', async () => {
    const to = anAddress();
    const queued = await queue([{ kind: 'address', address: to }]);
    // Its first pass sends and dies before marking; it then idles for a minute, until stopped.
    const crashing = relay({ pollMs: 60_000, afterSend: async () => Promise.reject(new Error('the relay process died here')) });
    await sink.waitForMail(to);
    await eventually('the crash logged', async () => (logs.text().includes('died here') ? true : undefined));
    await crashing.stop();
    expect((await row(queued.id)).sentAt).toBeNull();

    relay();
    await sentRow(queued.id);
    // The server received the mail twice (at-least-once); both copies are one message to the
    // recipient's mail client, as they share their Message-ID.
    const received = await sink.mailsTo(to);
    expect(received).toHaveLength(2);
    const messageIds = new Set(await Promise.all(received.map(async (m) => (await sink.headersOf(m))['message-id'])));
    expect([...messageIds]).toEqual([`<m-${queued.id}@mail.guild.local>`]);
  });

  it('keeps every queued mail while SMTP is down and delivers each once when it is back', async () => {
    const to = anAddress();
    const queued = await Promise.all([1, 2, 3, 4, 5].map((n) => queue([{ kind: 'address', address: to }], { customerName: 'Ada', answer: `Answer ${n}` })));
    const down = relay({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, pollMs: 20, retryBaseMs: 100, retryMaxMs: 200 });
    await eventually('every mail failed at least once', async () => {
      const rows = await db.prisma.outboundMail.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
      return rows.every((r) => r.attempts >= 2) ? rows : undefined;
    });
    await down.stop();
    const failed = await row(queued[0]!.id);
    expect(failed).toMatchObject({ sentAt: null, failedAt: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(failed.createdAt.getTime());

    relay({ retryBaseMs: 100, retryMaxMs: 200 });
    await Promise.all(queued.map((q) => sentRow(q.id)));
    const answers = (await sink.mailsTo(to)).map((m) => m.text.match(/Answer \d/)?.[0]).sort();
    expect(answers).toEqual(['Answer 1', 'Answer 2', 'Answer 3', 'Answer 4', 'Answer 5']);
    expect(logs.text()).toContain('it will be retried');
  });

  it('gives up a mail the receiving server refuses for good (5xx)', async () => {
    const refusing = await startRefusingSmtpServer();
    try {
      const queued = await queue([{ kind: 'address', address: anAddress() }]);
      const refusedRelay = relay({ smtpUrl: `smtp://127.0.0.1:${refusing.port}`, pollMs: 60_000 });
      await refusedRelay.drainOnce();
      expect(await row(queued.id)).toMatchObject({ sentAt: null, failure: 'refused', failedAt: expect.any(Date), lastError: expect.stringContaining('550') });
    } finally {
      refusing.close();
    }
  });

  it('flags a mail whose recipients stand for nobody: failed, logged, counted and listed for ops', async () => {
    const metrics = createMailMetrics(source);
    const queued = await queue([{ kind: 'user', userId: randomUUID() }], { customerName: 'Ada', answer: 'A secret body' });
    relay({ metrics });
    const failed = await eventually('the mail given up', async () => ((await row(queued.id)).failedAt ? row(queued.id) : undefined));
    expect(failed).toMatchObject({ failure: 'unresolvable', sentAt: null });

    const given = logs.entries().find((e) => e['mailId'] === queued.id && e['reason'] === 'unresolvable');
    expect(given).toMatchObject({ level: 50 });
    expect(logs.text()).not.toContain('A secret body');

    const app = createServiceApp({ name: source, logger: logs.logger, jwtSecret: testJwtSecret, readiness: {}, metrics: [metrics.registry] }, (r) =>
      registerUndeliveredMailRoutes(r, { prisma: db.prisma, source }),
    );
    const scraped = await supertest(app).get('/metrics');
    expect(scraped.text).toMatch(/mail_undelivered_total\{[^}]*reason="unresolvable"[^}]*\} 1/);

    const ops = await tokenFor({ subject: 'ops-1', role: 'ops' });
    const listed = await supertest(app).get('/mail/undelivered?limit=100').set('authorization', `Bearer ${ops}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: queued.id, failure: 'unresolvable', template: 'test.reply' }));

    const customer = await tokenFor({ subject: 'u-1', role: 'customer', customerId: 'acme' });
    expect((await supertest(app).get('/mail/undelivered').set('authorization', `Bearer ${customer}`)).status).toBe(403);
  });
});

/** An SMTP server that refuses every recipient for good, as a real server does an unknown mailbox. */
function startRefusingSmtpServer(): Promise<{ port: number; close(): void }> {
  const server = net.createServer((socket) => {
    socket.write('220 refusing.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 refusing.test\r\n');
        else if (verb === 'MAIL') socket.write('250 OK\r\n');
        else if (verb === 'RCPT') socket.write('550 5.1.1 No such mailbox\r\n');
        else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('503 Bad sequence\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() }));
  });
}
