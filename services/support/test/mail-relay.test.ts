import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { queueMail, type MailToQueue } from '../src/domain/mail-outbox.js';
import { startInboundMail } from '../src/mail/inbound-listener.js';
import { startMailRelay, type MailRelay } from '../src/mail/mail-relay.js';
import { capturedLogs, freePort, startMailSink, type MailSink } from './mail-stack.js';

let db: TestDatabase;
let sink: MailSink;
const from = 'Guild support <support@support.guild.local>';

beforeAll(async () => {
  [db, sink] = await Promise.all([createTestDatabase(), startMailSink()]);
});
afterAll(async () => {
  await sink?.stop();
  await db?.drop();
});

async function queue(mail: Partial<MailToQueue> & { to: string[] }) {
  const key = mail.idempotencyKey ?? `test:${randomUUID()}`;
  await db.prisma.$transaction((tx) => queueMail(tx, { idempotencyKey: key, queryId: null, subject: 'Re: Export crashes', text: 'The fix is deployed.', ...mail }));
  return db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { idempotencyKey: key } });
}

/** A relay for one test, idle unless drained (its own polling waits a minute). */
async function withRelay<T>(smtpUrl: string, use: (relay: MailRelay, logs: string[]) => Promise<T>, opts: { batchSize?: number } = {}) {
  const { lines, logger } = capturedLogs();
  const relay = startMailRelay({ prisma: db.prisma, smtpUrl, from, logger, pollMs: 60_000, ...opts });
  try {
    return await use(relay, lines);
  } finally {
    await relay.stop();
  }
}

const customer = () => `customer-${randomUUID().slice(0, 8)}@acme.example`;

describe('the mail relay', () => {
  it('sends a queued mail with its thread headers exactly as queued, and marks it sent', async () => {
    const to = customer();
    const headers = {
      'Message-ID': '<r-6f1c2f0e-1b7a-4e4e-9a51-3c7f5d0f0a11@support.guild.local>',
      'In-Reply-To': '<CAE1=first-mail@mail.acme.example>',
      References: '<CAE1=first-mail@mail.acme.example>',
      'Reply-To': 'q-0b3c8a9e-4f5d-4c1e-8a7b-2d9e6f1a3b5c@support.guild.local',
    };
    const row = await queue({ to: [to], headers });
    await withRelay(sink.smtpUrl, (relay) => relay.drainOnce());

    const delivered = await sink.waitForMail(to);
    const received = await sink.headersOf(delivered);
    expect(received).toMatchObject({
      'message-id': headers['Message-ID'],
      'in-reply-to': headers['In-Reply-To'],
      references: headers.References,
      'reply-to': headers['Reply-To'],
      from,
    });
    expect(delivered.text.trim()).toBe('The fix is deployed.');
    const sent = await db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(0);
  });

  it('sends every mail once, even with two relays running', async () => {
    const to = customer();
    for (let i = 0; i < 24; i++) await queue({ to: [to], subject: `Mail ${i}` });
    await withRelay(sink.smtpUrl, (a) =>
      withRelay(
        sink.smtpUrl,
        async (b) => {
          const drainAll = async (relay: MailRelay) => {
            while ((await relay.drainOnce()) > 0);
          };
          await Promise.all([drainAll(a), drainAll(b), drainAll(a), drainAll(b)]);
        },
        { batchSize: 3 },
      ),
      { batchSize: 3 },
    );
    await sink.waitForMail(to, 24);
    const subjects = (await sink.mailsTo(to)).map((m) => m.subject);
    expect(subjects).toHaveLength(24);
    expect(new Set(subjects).size).toBe(24);
    expect(await db.prisma.supportOutboundMail.count({ where: { toAddresses: { has: to }, sentAt: null } })).toBe(0);
  });

  it('keeps a mail the server could not take, with its error, and tries it again later', async () => {
    const to = customer();
    const row = await queue({ to: [to], subject: 'Secret subject', text: 'Secret body of the customer' });
    const nobodyListens = `smtp://127.0.0.1:${await freePort()}`;
    const logs = await withRelay(nobodyListens, async (relay, lines) => {
      expect(await relay.drainOnce()).toBe(0);
      // Right away the mail waits out its pause instead of hammering the server.
      expect(await relay.drainOnce()).toBe(0);
      return lines;
    });
    const failed = await db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect(logs.some((l) => l.includes('will be retried') && l.includes(row.id))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/Secret (subject|body)/);

    await withRelay(sink.smtpUrl, (relay) => relay.drainOnce());
    await sink.waitForMail(to);
    expect((await db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { id: row.id } })).sentAt).toBeInstanceOf(Date);
  });

  it('gives up a mail the receiving server refuses for good', async () => {
    // Our own listener refuses mail from an address no customer registered: a real 550.
    const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-attachments-'));
    const listener = await startInboundMail({
      prisma: db.prisma,
      port: 0,
      host: '127.0.0.1',
      logger: capturedLogs().logger,
      maxMessageBytes: 1024 * 1024,
      maxAttachmentBytes: 1024,
      attachmentStore: createFileAttachmentStore(attachmentDir),
      onRecorded: () => {},
    });
    try {
      const row = await queue({ to: [customer()] });
      await withRelay(`smtp://127.0.0.1:${listener.port}`, (relay) => relay.drainOnce());
      const refused = await db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { id: row.id } });
      expect(refused).toMatchObject({ sentAt: null, attempts: 10, lastError: expect.stringContaining('550') });
      // Given up: a later pass leaves it alone.
      await withRelay(sink.smtpUrl, (relay) => relay.drainOnce());
      expect((await db.prisma.supportOutboundMail.findUniqueOrThrow({ where: { id: row.id } })).sentAt).toBeNull();
    } finally {
      await listener.stop();
      await rm(attachmentDir, { recursive: true, force: true });
    }
  });
});
