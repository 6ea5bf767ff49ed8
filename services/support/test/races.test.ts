import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, service, startSupportApp } from './support-app.js';

// Status rules hold when requests race: each is checked inside the transaction that acts on it.
let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const alice = expert('alice');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => support?.db.drop());

async function submit() {
  const res = await support.as(acme).post('/queries', { subject: 'Reports are empty', body: 'Since the upgrade.' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const eventsOf = (queryId: string, subject: string) =>
  support.db.prisma.outboxEvent.findMany({ where: { subject, payload: { path: ['queryId'], equals: queryId } } });

describe('requests racing each other', () => {
  it('two first replies at once (the expert in two tabs): both are kept, the first-reply time is set once, by one of them', async () => {
    const id = await submit();
    const [a, b] = await Promise.all([
      support.as(alice).post(`/queries/${id}/replies`, { answer: 'On it.', etaMinutes: 30 }),
      support.as(alice).post(`/queries/${id}/replies`, { answer: 'Looking.', etaMinutes: 20 }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const query = await support.db.prisma.query.findUniqueOrThrow({ where: { id }, include: { replies: true } });
    expect(query.replies).toHaveLength(2);
    expect(query.replies.map((r) => r.createdAt.getTime())).toContain(query.firstRepliedAt!.getTime());
    const replied = await eventsOf(id, 'support.query.replied');
    expect(replied).toHaveLength(2);
  });

  it('resolving twice at once: one resolution, one event', async () => {
    const id = await submit();
    await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Fixed.', etaMinutes: 5 });
    const answers = await Promise.all([support.as(acme).post(`/queries/${id}/resolution`), support.as(ops).post(`/queries/${id}/resolution`)]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.map((a) => a.body.status)).toEqual(['resolved', 'resolved']);
    expect(await eventsOf(id, 'support.query.resolved')).toHaveLength(1);
  });

  it('a reply racing the resolution: either the reply lands before it or it is refused with 409', async () => {
    const id = await submit();
    await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Fixed.', etaMinutes: 5 });
    const [resolved, late] = await Promise.all([
      support.as(acme).post(`/queries/${id}/resolution`),
      support.as(alice).post(`/queries/${id}/replies`, { answer: 'One more thing.' }),
    ]);
    expect(resolved.status).toBe(200);
    expect([201, 409]).toContain(late.status);
    const query = await support.db.prisma.query.findUniqueOrThrow({ where: { id }, include: { replies: true } });
    expect(query.status).toBe('resolved');
    const lateReply = query.replies.find((r) => r.answer === 'One more thing.');
    if (late.status === 201) expect(lateReply!.createdAt.getTime()).toBeLessThanOrEqual(query.resolvedAt!.getTime());
    else expect(lateReply).toBeUndefined();
  });

  it('a follow-up racing the quiet close: a query with the customer\'s message in it is never left closed', async () => {
    for (let round = 0; round < 10; round++) {
      const id = await submit();
      await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Try again now.', etaMinutes: 5 });
      const [message] = await Promise.all([
        support.as(acme).post(`/queries/${id}/messages`, { body: 'Still empty.' }),
        support.as(service).post(`/queries/${id}/sla-events`, { kind: 'quiet_close', dueAt: new Date().toISOString() }),
      ]);
      expect(message.status).toBe(201);
      const query = await support.db.prisma.query.findUniqueOrThrow({ where: { id }, include: { messages: true } });
      expect(query.messages).toHaveLength(1);
      // Either the message came first (the close then finds it waiting on us) or it reopened the closed query.
      expect(query.status).toBe('open');
    }
  });
});

describe('the workflow lagging behind the service', () => {
  it('a reply clock reported after the expert already replied shows no deadline; after a follow-up it does', async () => {
    const id = await submit();
    await support.as(alice).post(`/queries/${id}/replies`, { kind: 'needs_info', answer: 'Which version?', etaMinutes: 60, needInfo: [{ item: 'version' }] });
    const late = new Date(Date.now() + 60 * 60_000).toISOString();
    expect((await support.as(service).post(`/queries/${id}/sla-events`, { kind: 'reply_clock_started', dueAt: late })).status).toBe(200);
    expect((await support.as(acme).get(`/queries/${id}`)).body).toMatchObject({ status: 'awaiting_customer', replyDueAt: null });

    await support.as(acme).post(`/queries/${id}/messages`, { body: 'Version 4.2.' });
    const next = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    await support.as(service).post(`/queries/${id}/sla-events`, { kind: 'reply_clock_started', dueAt: next });
    expect((await support.as(acme).get(`/queries/${id}`)).body).toMatchObject({ status: 'open', replyDueAt: next });
  });
});

describe('POST /queries/:id/messages', () => {
  it('a customer follow-up on an answered query records the event and puts it back on us', async () => {
    const id = await submit();
    await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Try again now.', etaMinutes: 5 });
    const res = await support.as(acme).post(`/queries/${id}/messages`, { body: 'Still empty.' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('open');
    const followed = await eventsOf(id, 'support.query.followed_up');
    expect(followed).toHaveLength(1);
    expect(JSON.stringify(followed[0]!.payload)).not.toContain('Still empty');
  });

  it('another customer cannot add to the query', async () => {
    const id = await submit();
    expect((await support.as(customer('globex')).post(`/queries/${id}/messages`, { body: 'Hi' })).status).toBe(404);
    expect(await eventsOf(id, 'support.query.followed_up')).toHaveLength(0);
  });
});
