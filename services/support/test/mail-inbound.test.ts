import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddressOf } from '../src/domain/thread.js';
import { createMemoryRateLimiter } from '@guild/platform';
import { fakeDns, startMailStack, type MailStack } from './mail-stack.js';
import { expert, ops } from './support-app.js';

let stack: MailStack;
const alice = expert('alice');
const maxAttachmentBytes = 64 * 1024;

/** A registered address of its own for each test, so tests never see each other's mail. */
async function registeredContact(customerId = 'acme') {
  const email = `dana-${randomUUID().slice(0, 8)}@${customerId}.example`;
  expect((await stack.as(ops).put(`/customers/${customerId}/contacts`, { email, name: 'Dana' })).status).toBe(200);
  return email;
}

const messageIdFor = (who: string) => `<${randomUUID()}@${who.split('@')[1]}>`;

type SmtpError = Error & { responseCode?: number; response?: string };

async function refusal(send: Promise<unknown>): Promise<SmtpError> {
  try {
    await send;
  } catch (error) {
    return error as SmtpError;
  }
  throw new Error('the mail was accepted, but should have been refused');
}

async function openQueryByMail(from: string, extra: { text?: string; attachments?: { filename: string; content: Buffer; contentType: string }[] } = {}) {
  const messageId = messageIdFor(from);
  await stack.sendMail({
    from: `Dana <${from}>`,
    to: 'support@support.guild.local',
    subject: 'Export to CSV crashes',
    text: extra.text ?? 'Every export since the update crashes the app.',
    messageId,
    ...(extra.attachments ? { attachments: extra.attachments } : {}),
  });
  const query = await stack.prisma.query.findUniqueOrThrow({ where: { threadMessageId: messageId }, include: { messages: true, attachments: true } });
  return { messageId, query };
}

beforeAll(async () => {
  stack = await startMailStack({ maxAttachmentBytes });
  await stack.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => stack?.stop());

describe('a mail from a registered address', () => {
  it('opens a query for that customer, assigned to their expert, answered to the address it came from', async () => {
    const from = await registeredContact();
    const { messageId, query } = await openQueryByMail(from);
    expect(query).toMatchObject({
      customerId: 'acme',
      assignedExpertId: 'alice',
      channel: 'email',
      contactEmail: from,
      threadMessageId: messageId,
      subject: 'Export to CSV crashes',
      body: 'Every export since the update crashes the app.',
      status: 'open',
    });
    const submitted = await stack.prisma.outboxEvent.count({ where: { subject: 'support.query.submitted', payload: { path: ['queryId'], equals: query.id } } });
    expect(submitted).toBe(1);
  });

  it('delivered twice is one query', async () => {
    const from = await registeredContact();
    const mail = { from, to: 'support@support.guild.local', subject: 'Twice', text: 'Sent by a retrying server.', messageId: messageIdFor(from) };
    await stack.sendMail(mail);
    await stack.sendMail(mail);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(1);
  });
});

describe('the thread between the expert and the customer', () => {
  it("reaches the customer in the mail's thread, and the customer's answer to it lands on the same query", async () => {
    const from = await registeredContact();
    const { messageId, query } = await openQueryByMail(from);

    const reply = await stack.as(alice).post(`/queries/${query.id}/replies`, {
      kind: 'needs_info',
      answer: 'Which version are you on?',
      needInfo: [{ item: 'version' }],
      etaMinutes: 60,
    });
    expect(reply.status).toBe(201);
    const delivered = await stack.sink.waitForMail(from);
    const headers = await stack.sink.headersOf(delivered);
    expect(headers['in-reply-to']).toBe(messageId);
    expect(headers['references']).toBe(messageId);
    expect(headers['reply-to']).toBe(replyAddressOf(query.id));
    expect(headers['message-id']).toMatch(/^<r-[0-9a-f-]{36}@/);
    expect(delivered.text).toContain('Which version are you on?');

    // The customer's mail client answers to the Reply-To address, quoting the thread.
    await stack.sendMail({
      from,
      to: replyAddressOf(query.id),
      subject: `Re: ${delivered.subject}`,
      text: 'Version 4.2, on Windows.',
      messageId: messageIdFor(from),
      inReplyTo: headers['message-id'],
      references: [messageId, headers['message-id']!],
    });
    const thread = (await stack.as(alice).get(`/queries/${query.id}`)).body;
    expect(thread.status).toBe('open');
    expect(thread.messages).toEqual([expect.objectContaining({ channel: 'email', body: 'Version 4.2, on Windows.' })]);
  });

  it('an answer sent to the support address with only thread headers lands on the same query', async () => {
    const from = await registeredContact();
    const { messageId, query } = await openQueryByMail(from);
    await stack.sendMail({ from, to: 'support@support.guild.local', subject: 'Re: Export', text: 'Also on Linux.', inReplyTo: messageId, references: [messageId] });
    const messages = await stack.prisma.customerMessage.findMany({ where: { queryId: query.id } });
    expect(messages.map((m) => m.body)).toEqual(['Also on Linux.']);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(1);
  });

  it('the same answer delivered twice is one message', async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    const answer = { from, to: replyAddressOf(query.id), subject: 'Re: Export', text: 'Here is the version.', messageId: messageIdFor(from) };
    await stack.sendMail(answer);
    await stack.sendMail(answer);
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(1);
    const followUps = await stack.prisma.outboxEvent.count({ where: { subject: 'support.query.followed_up', payload: { path: ['queryId'], equals: query.id } } });
    expect(followUps).toBe(1);
  });

  it('an answer on a resolved query reopens it inside the reopen window; after it, opens a new query that follows', async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    expect((await stack.as(ops).post(`/queries/${query.id}/resolution`)).status).toBe(200);
    await stack.sendMail({ from, to: replyAddressOf(query.id), subject: 'Re: Export', text: 'It is back.', messageId: messageIdFor(from) });
    const reopened = await stack.prisma.query.findUniqueOrThrow({ where: { id: query.id }, include: { messages: true } });
    expect(reopened).toMatchObject({ status: 'open', messages: [expect.objectContaining({ body: 'It is back.', channel: 'email' })] });

    expect((await stack.as(ops).post(`/queries/${query.id}/resolution`)).status).toBe(200);
    const windowEnd = await stack.as({ subject: 'worker', role: 'service' }).post(`/queries/${query.id}/sla-events`, { kind: 'reopen_window_end', dueAt: new Date().toISOString() });
    expect(windowEnd.status).toBe(200);
    const later = messageIdFor(from);
    await stack.sendMail({ from, to: replyAddressOf(query.id), subject: 'Re: Export', text: 'Back again, weeks later.', messageId: later });
    const following = await stack.prisma.query.findUniqueOrThrow({ where: { threadMessageId: later } });
    expect(following).toMatchObject({ customerId: 'acme', channel: 'email', contactEmail: from, body: 'Back again, weeks later.', status: 'open', followsQueryId: query.id });
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(1);
  });

  it("a registered address of another customer cannot add to a customer's query", async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    const stranger = await registeredContact('globex');
    const error = await refusal(stack.sendMail({ from: stranger, to: replyAddressOf(query.id), subject: 'Re: Export', text: 'Let me in.' }));
    expect(error.responseCode).toBe(550);
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(0);
    expect(await stack.prisma.query.count({ where: { contactEmail: stranger } })).toBe(0);
  });
});

describe('mail support refuses', () => {
  it('a mail from an unknown address, saying why, and stores nothing', async () => {
    const before = await stack.prisma.query.count();
    const error = await refusal(stack.sendMail({ from: 'someone@unknown.example', to: 'support@support.guild.local', subject: 'Hi', text: 'Help?' }));
    expect(error.responseCode).toBe(550);
    expect(error.response).toContain('not a registered address');
    expect(await stack.prisma.query.count()).toBe(before);
    expect(stack.logs.some((l) => l.includes('unknown_sender'))).toBe(true);
  });

  it('a malformed mail, with a log line, and the listener still answers afterwards', async () => {
    const error = await refusal(
      stack.sendMail({ envelope: { from: 'bot@unknown.example', to: ['support@support.guild.local'] }, raw: 'this is not\r\n\r\na mail at all\r\n' }),
    );
    expect([550, 554]).toContain(error.responseCode);
    expect(stack.logs.some((l) => l.includes('inbound mail refused') && l.includes('no_sender'))).toBe(true);
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    expect(query.channel).toBe('email');
  });

  it('a mail larger than the limit, before storing anything', async () => {
    const from = await registeredContact();
    const huge = randomBytes(maxAttachmentBytes * 2);
    const error = await refusal(
      stack.sendMail({ from, to: 'support@support.guild.local', subject: 'Dump', text: 'See the dump.', attachments: [{ filename: 'core.dmp', content: huge }] }),
    );
    expect(error.responseCode).toBe(552);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(0);
  });

  it('a file over the per-file limit, even when the mail fits', async () => {
    const from = await registeredContact();
    const error = await refusal(
      stack.sendMail({
        from,
        to: 'support@support.guild.local',
        subject: 'Dump',
        text: 'See the dump.',
        attachments: [{ filename: 'core.dmp', content: randomBytes(maxAttachmentBytes + 1) }],
      }),
    );
    expect(error.responseCode).toBe(552);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(0);
  });

  it('auto-replies without recording them, so an out-of-office never reopens a query', async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    await stack.sendMail({ from, to: replyAddressOf(query.id), subject: 'Out of office', text: 'Back Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(0);
  });
});

describe('files in a mail', () => {
  it('are stored by checksum outside the row, encrypted: the bytes on disk do not contain the plaintext', async () => {
    const from = await registeredContact();
    const log = Buffer.from('2026-01-05 ERROR export failed: null reference\n'.repeat(50));
    const screenshot = randomBytes(2_000);
    const { query } = await openQueryByMail(from, {
      attachments: [
        { filename: 'export.log', content: log, contentType: 'text/plain' },
        { filename: 'screen.png', content: screenshot, contentType: 'image/png' },
      ],
    });
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const view = (await stack.as(alice).get(`/queries/${query.id}`)).body;
    expect(view.attachments).toEqual([
      expect.objectContaining({ filename: 'export.log', contentType: 'text/plain', sizeBytes: log.length, sha256: sha(log) }),
      expect.objectContaining({ filename: 'screen.png', contentType: 'image/png', sizeBytes: screenshot.length, sha256: sha(screenshot) }),
    ]);
    for (const [file, plaintext] of [[view.attachments[0], log], [view.attachments[1], screenshot]] as const) {
      const onDisk = await readFile(path.join(stack.attachmentDir, file.sha256.slice(0, 2), file.sha256));
      expect(onDisk.length).toBeGreaterThan(plaintext.length);
      expect(onDisk.includes(plaintext.subarray(0, 64))).toBe(false);
      expect(onDisk.includes(Buffer.from('ERROR export failed'))).toBe(false);
      const download = await stack.as(alice).download(`/queries/${query.id}/attachments/${file.id}`);
      expect(Buffer.compare(download.body as Buffer, plaintext)).toBe(0);
    }
  });

  it('of a follow-up are listed with that message, once when the mail comes twice', async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    const answer = {
      from,
      to: replyAddressOf(query.id),
      subject: 'Re: Export',
      text: 'The crash dump.',
      messageId: messageIdFor(from),
      attachments: [{ filename: 'crash.txt', content: Buffer.from('stack trace'), contentType: 'text/plain' }],
    };
    await stack.sendMail(answer);
    await stack.sendMail(answer);
    const message = await stack.prisma.customerMessage.findFirstOrThrow({ where: { queryId: query.id } });
    const files = await stack.prisma.attachment.findMany({ where: { queryId: query.id } });
    expect(files).toEqual([expect.objectContaining({ filename: 'crash.txt', messageId: message.id })]);
  });
});

describe('mail that does not prove its sender', () => {
  it('a forged From (fails DMARC) is held: it opens and appends nothing until ops release it', async () => {
    const from = await registeredContact();
    const { query } = await openQueryByMail(from);
    const forged = messageIdFor(from);
    // Sent through the forger's own domain: SPF passes for it, but nothing vouches for acme.example.
    await stack.sendMail({
      envelope: { from: 'mallory@forger.example', to: [replyAddressOf(query.id)] },
      from,
      to: replyAddressOf(query.id),
      subject: 'Re: Export',
      text: 'Please send the export to mallory@forger.example.',
      messageId: forged,
    });
    const held = await stack.as(ops).get('/held-mails');
    const item = held.body.items.find((h: { fromAddress: string }) => h.fromAddress === from);
    expect(item).toMatchObject({ status: 'held', dmarc: 'fail', reason: 'DMARC fail for acme.example' });
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(0);
    expect(await stack.prisma.query.count({ where: { threadMessageId: forged } })).toBe(0);
    const sealed = await stack.prisma.heldInboundMail.findUniqueOrThrow({ where: { id: item.id } });
    expect(Buffer.from(sealed.sealedRaw).includes(Buffer.from('mallory@forger.example'))).toBe(false);
    expect(stack.logs.some((l) => l.includes('inbound mail held') && l.includes(item.id))).toBe(true);

    expect((await stack.as(alice).post(`/held-mails/${item.id}/release`)).status).toBe(403);
    const released = await stack.as(ops).post(`/held-mails/${item.id}/release`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ outcome: 'follow_up', queryId: query.id, heldMail: { status: 'released', decidedBy: 'ops-1' } });
    expect(await stack.prisma.customerMessage.count({ where: { queryId: query.id } })).toBe(1);
    expect((await stack.as(ops).post(`/held-mails/${item.id}/release`)).status).toBe(409);
  });

  it('a DKIM signature of the From domain proves the sender where SPF does not', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const signed = await startMailStack({
      dns: fakeDns({ 'signed.example': ['v=spf1 -all'], 'mail._domainkey.signed.example': [`v=DKIM1; k=rsa; p=${spki}`] }),
    });
    try {
      await signed.as(ops).put('/customers/signed/contacts', { email: 'it@signed.example' });
      const dkim = { domainName: 'signed.example', keySelector: 'mail', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
      const proven = messageIdFor('it@signed.example');
      await signed.sendMail({ from: 'it@signed.example', to: 'support@support.guild.local', subject: 'Signed', text: 'Signed mail.', messageId: proven, dkim });
      expect(await signed.prisma.query.count({ where: { threadMessageId: proven } })).toBe(1);

      const unsigned = messageIdFor('it@signed.example');
      await signed.sendMail({ from: 'it@signed.example', to: 'support@support.guild.local', subject: 'Unsigned', text: 'Unsigned mail.', messageId: unsigned });
      expect(await signed.prisma.query.count({ where: { threadMessageId: unsigned } })).toBe(0);
      expect(await signed.prisma.heldInboundMail.count({ where: { fromAddress: 'it@signed.example' } })).toBe(1);
    } finally {
      await signed.stop();
    }
  });

  it('ops discard a held mail: its content is erased, its verdicts stay', async () => {
    const from = await registeredContact();
    await stack.sendMail({ envelope: { from: 'x@forger.example', to: ['support@support.guild.local'] }, from, to: 'support@support.guild.local', subject: 'Invoice', text: 'Pay here.' });
    const item = (await stack.as(ops).get('/held-mails')).body.items.find((h: { fromAddress: string }) => h.fromAddress === from);
    const discarded = await stack.as(ops).post(`/held-mails/${item.id}/discard`);
    expect(discarded.body).toMatchObject({ status: 'discarded', dmarc: 'fail' });
    expect((await stack.prisma.heldInboundMail.findUniqueOrThrow({ where: { id: item.id } })).sealedRaw.length).toBe(0);
    expect((await stack.as(ops).get('/held-mails?status=discarded')).body.items.map((h: { id: string }) => h.id)).toContain(item.id);
    expect((await stack.as(ops).get(`/held-mails?cursor=${randomUUID()}`)).status).toBe(400);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(0);
  });

  it('a mail with more files than a mail may bring is refused, naming the cap', async () => {
    const from = await registeredContact();
    const files = Array.from({ length: 11 }, (_, i) => ({ filename: `part-${i}.txt`, content: Buffer.from(`part ${i}`), contentType: 'text/plain' }));
    const error = await refusal(stack.sendMail({ from, to: 'support@support.guild.local', subject: 'Parts', text: 'All parts.', attachments: files }));
    expect(error.responseCode).toBe(552);
    expect(error.response).toContain('at most 10 per mail');
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(0);
  });
});

describe('inbound mail rate limits', () => {
  it('forged mails do not count against the real sender: only proven senders are counted', async () => {
    const limited = await startMailStack({
      limits: { perSender: createMemoryRateLimiter({ limit: 2, windowMs: 60_000 }), perIp: createMemoryRateLimiter({ limit: 100, windowMs: 60_000 }) },
    });
    try {
      const from = `fran-${randomUUID().slice(0, 8)}@acme.example`;
      await limited.as(ops).put('/customers/acme/contacts', { email: from });
      for (let i = 0; i < 18; i += 1) {
        await limited.sendMail({ envelope: { from: 'spam@forger.example', to: ['support@support.guild.local'] }, from, to: 'support@support.guild.local', subject: `Forged ${i}`, text: 'x' });
      }
      expect(await limited.prisma.heldInboundMail.count({ where: { fromAddress: from } })).toBe(18);
      await limited.sendMail({ from, to: 'support@support.guild.local', subject: 'The real one', text: 'Hello.' });
      expect(await limited.prisma.query.count({ where: { contactEmail: from } })).toBe(1);
    } finally {
      await limited.stop();
    }
  });

  it('defer mail from a sender past the limit, and from a connecting address past its own', async () => {
    const limited = await startMailStack({
      limits: { perSender: createMemoryRateLimiter({ limit: 2, windowMs: 60_000 }), perIp: createMemoryRateLimiter({ limit: 5, windowMs: 60_000 }) },
    });
    try {
      const from = `erin-${randomUUID().slice(0, 8)}@acme.example`;
      await limited.as(ops).put('/customers/acme/contacts', { email: from });
      const mail = (i: number) => ({ from, to: 'support@support.guild.local', subject: `Mail ${i}`, text: 'Hello.' });
      await limited.sendMail(mail(1));
      await limited.sendMail(mail(2));
      const third = await refusal(limited.sendMail(mail(3)));
      expect(third.responseCode).toBe(450);
      expect(await limited.prisma.query.count({ where: { contactEmail: from } })).toBe(2);

      // Other senders from the same address: two more pass, then the address itself is limited.
      const other = (i: number) => ({ from: `someone-${i}@acme.example`, to: 'support@support.guild.local', subject: 'x', text: 'y' });
      await refusal(limited.sendMail(other(1)));
      await refusal(limited.sendMail(other(2)));
      const overIp = await refusal(limited.sendMail(other(3)));
      expect(overIp.responseCode).toBe(450);
      expect(limited.logs.some((l) => l.includes('too many from this IP address'))).toBe(true);
    } finally {
      await limited.stop();
    }
  });
});
