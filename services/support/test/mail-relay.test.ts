import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import type { MailRelay } from '@guild/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSupportMail, threadHeaders } from '../src/domain/mail-outbox.js';
import { queryUpdateMail } from '../src/mail/templates.js';
import { captureLogs, startMailSink, type MailSink } from '@guild/testkit';
import { startSupportMailRelay } from './mail-stack.js';

let db: TestDatabase;
let sink: MailSink;

beforeAll(async () => {
  [db, sink] = await Promise.all([createTestDatabase(), startMailSink()]);
});
afterAll(async () => {
  await sink?.stop();
  await db?.drop();
});

async function queue(to: string, opts: { headers?: Record<string, string>; message?: string } = {}) {
  const idempotencyKey = `test:${randomUUID()}`;
  await db.prisma.$transaction((tx) =>
    queueSupportMail(tx, {
      idempotencyKey,
      template: queryUpdateMail,
      data: { queryId: randomUUID(), querySubject: 'Export crashes', message: opts.message ?? 'The fix is deployed.' },
      to: [{ kind: 'address', address: to }],
      ...(opts.headers ? { headers: opts.headers } : {}),
    }),
  );
  return db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey } });
}

/** A relay for one test, idle unless drained (its own polling waits a minute). */
async function withRelay<T>(use: (relay: MailRelay) => Promise<T>, opts: { batchSize?: number } = {}) {
  const relay = startSupportMailRelay({ prisma: db.prisma, smtpUrl: sink.smtpUrl, logger: captureLogs('support-mail-relay-test', 'info').logger, pollMs: 60_000, ...opts });
  try {
    return await use(relay);
  } finally {
    await relay.stop();
  }
}

const customer = () => `customer-${randomUUID().slice(0, 8)}@acme.example`;

describe("support's mail relay", () => {
  it('sends a query mail in its thread, with the headers it was queued with, and keeps its Message-ID', async () => {
    const to = customer();
    const query = { id: randomUUID(), threadMessageId: '<CAE1=first-mail@mail.acme.example>' };
    const headers = threadHeaders(query, `r-${randomUUID()}`);
    const row = await queue(to, { headers });
    await withRelay((relay) => relay.drainOnce());

    const delivered = await sink.waitForMail(to);
    expect(await sink.headersOf(delivered)).toMatchObject({
      'message-id': headers['Message-ID'],
      'in-reply-to': query.threadMessageId,
      references: query.threadMessageId,
      'reply-to': `q-${query.id}@support.guild.local`,
      from: 'Guild support <support@support.guild.local>',
    });
    expect(delivered.subject).toBe('Re: Export crashes');
    expect(delivered.text.trim()).toBe('The fix is deployed.\n\n— Guild support. Reply to this email to add to your query.');
    expect(await db.prisma.outboundMail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ sentAt: expect.any(Date), messageId: headers['Message-ID'] });
  });

  it('sends every mail once, even with two relays running', async () => {
    const to = customer();
    for (let i = 0; i < 24; i++) await queue(to, { message: `Mail ${i}` });
    const drainAll = async (relay: MailRelay) => {
      while ((await relay.drainOnce()) > 0);
    };
    await withRelay((a) => withRelay((b) => Promise.all([drainAll(a), drainAll(b), drainAll(a), drainAll(b)]), { batchSize: 3 }), { batchSize: 3 });
    await sink.waitForMail(to, 24);
    const bodies = (await sink.mailsTo(to)).map((m) => m.text.split('\n')[0]);
    expect(bodies).toHaveLength(24);
    expect(new Set(bodies).size).toBe(24);
  });
});
