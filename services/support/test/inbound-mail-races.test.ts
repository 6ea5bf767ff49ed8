import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddressOf } from '../src/domain/thread.js';
import { startMailStack, type MailStack } from './mail-stack.js';
import { ops } from './support-app.js';

// A mail server that retries on a slow answer can deliver the same mail on several connections at
// once. The Message-ID is unique in the database, so whichever copy commits first wins and every
// other copy is accepted as a duplicate: no second query, message or event, and no bounce.
let stack: MailStack;
const COPIES = 4;

beforeAll(async () => {
  stack = await startMailStack();
  await stack.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => stack?.stop());

async function registeredContact() {
  const email = `erin-${randomUUID().slice(0, 8)}@acme.example`;
  expect((await stack.as(ops).put('/customers/acme/contacts', { email, name: 'Erin' })).status).toBe(200);
  return email;
}
const messageIdFor = (from: string) => `<${randomUUID()}@${from.split('@')[1]}>`;
const eventCount = (subject: string, queryId: string) =>
  stack.prisma.outboxEvent.count({ where: { subject, payload: { path: ['queryId'], equals: queryId } } });

/** Delivers the same mail on `COPIES` connections at once; every delivery must be accepted. */
async function deliverAtOnce(mail: Parameters<MailStack['sendMail']>[0]) {
  const results = await Promise.allSettled(Array.from({ length: COPIES }, () => stack.sendMail(mail)));
  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'accepted'))).toEqual(Array(COPIES).fill('accepted'));
}

describe('the same inbound Message-ID racing itself', () => {
  it('a new mail delivered on several connections at once opens one query and announces it once', async () => {
    const from = await registeredContact();
    const messageId = messageIdFor(from);
    await deliverAtOnce({ from, to: 'support@support.guild.local', subject: 'Sync stalls', text: 'The nightly sync stalls at 40%.', messageId });
    const queries = await stack.prisma.query.findMany({ where: { contactEmail: from } });
    expect(queries).toHaveLength(1);
    expect(queries[0]!.threadMessageId).toBe(messageId);
    expect(await eventCount('support.query.submitted', queries[0]!.id)).toBe(1);
  });

  it('a follow-up delivered on several connections at once is one message and one follow-up event', async () => {
    const from = await registeredContact();
    const opening = messageIdFor(from);
    await stack.sendMail({ from, to: 'support@support.guild.local', subject: 'Login loops', text: 'After SSO the login page loops.', messageId: opening });
    const query = await stack.prisma.query.findUniqueOrThrow({ where: { threadMessageId: opening } });

    const answerId = messageIdFor(from);
    await deliverAtOnce({ from, to: replyAddressOf(query.id), subject: 'Re: Login loops', text: 'It happens in Firefox only.', messageId: answerId, inReplyTo: opening });
    const messages = await stack.prisma.customerMessage.findMany({ where: { queryId: query.id } });
    expect(messages.map((m) => m.emailMessageId)).toEqual([answerId]);
    expect(await eventCount('support.query.followed_up', query.id)).toBe(1);
    expect(await stack.prisma.query.count({ where: { contactEmail: from } })).toBe(1);
  });
});
