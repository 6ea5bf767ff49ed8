import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const globex = customer('globex');
const alice = expert('alice');
const bob = expert('bob');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => support?.db.drop());

async function submit(subject = 'CRM sync fails', body = 'Since Monday the sync stops at 50%.') {
  const res = await support.as(acme).post('/queries', { subject, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string; assignedExpertId: string | null };
}

describe('submitting a query', () => {
  it('stores the query for the assigned expert and records its event in the same transaction', async () => {
    const query = await submit();
    expect(query).toMatchObject({ status: 'open', assignedExpertId: 'alice' });
    const events = await support.db.prisma.outboxEvent.findMany({ where: { subject: 'support.query.submitted' } });
    const event = events.find((e) => (e.payload as { queryId: string }).queryId === query.id);
    expect(event).toMatchObject({ source: 'support', version: 1 });
    expect(event!.payload).toMatchObject({ customerId: 'acme', assignedExpertId: 'alice' });
  });

  it('keeps the query text out of the event', async () => {
    const query = await submit('Password is hunter2', 'my admin password is hunter2');
    const event = await support.db.prisma.outboxEvent.findFirstOrThrow({
      where: { payload: { path: ['queryId'], equals: query.id } },
    });
    expect(JSON.stringify(event.payload)).not.toContain('hunter2');
  });

  it('rejects a query without a subject, naming the field', async () => {
    const res = await support.as(acme).post('/queries', { body: 'no subject' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.subject');
  });

  it('is only for customers', async () => {
    expect((await support.as(alice).post('/queries', { subject: 's', body: 'b' })).status).toBe(403);
    expect((await support.anonymous.post('/queries').send({ subject: 's', body: 'b' })).status).toBe(401);
  });
});

describe('who sees a query', () => {
  it('the customer, the assigned expert and ops read it; another customer or expert gets 404', async () => {
    const { id } = await submit();
    expect((await support.as(acme).get(`/queries/${id}`)).status).toBe(200);
    expect((await support.as(alice).get(`/queries/${id}`)).status).toBe(200);
    expect((await support.as(ops).get(`/queries/${id}`)).status).toBe(200);
    const foreign = await support.as(globex).get(`/queries/${id}`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('CRM sync');
    expect((await support.as(bob).get(`/queries/${id}`)).status).toBe(404);
  });

  it('reading a query shows the thread its last change answered: replies and messages oldest first, every field', async () => {
    const { id } = await submit();
    await support.as(alice).post(`/queries/${id}/replies`, {
      kind: 'needs_info',
      answer: 'Which version?',
      etaMinutes: 60,
      needInfo: [{ item: 'version', note: 'from the About box' }],
    });
    expect((await support.as(acme).post(`/queries/${id}/messages`, { body: 'Version 4.2.' })).status).toBe(201);
    const last = await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Fixed in 4.2.1.', etaAt: '2030-01-02T03:04:05.678Z' });
    expect(last.status).toBe(201);

    const read = await support.as(acme).get(`/queries/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(last.body);
    expect(read.body.replies.map((r: { answer: string }) => r.answer)).toEqual(['Which version?', 'Fixed in 4.2.1.']);
    expect(read.body.replies[0].needInfo).toEqual([{ item: 'version', note: 'from the About box' }]);
    expect(read.body.replies[1].etaAt).toBe('2030-01-02T03:04:05.678Z');
    expect(read.body.messages).toEqual([expect.objectContaining({ body: 'Version 4.2.', channel: 'api' })]);
  });

  it('an unknown query is 404', async () => {
    expect((await support.as(ops).get(`/queries/${randomUUID()}`)).status).toBe(404);
  });

  it('lists only your own queries, a page at a time', async () => {
    for (let i = 0; i < 3; i++) await submit(`paged ${i}`);
    const first = await support.as(acme).get('/queries?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await support.as(acme).get(`/queries?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((q: { id: string }) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await support.as(globex).get('/queries')).body.items).toEqual([]);
  });
});

describe('replying', () => {
  it('the assigned expert answers with an ETA; the query is answered and the event recorded', async () => {
    const { id } = await submit();
    const res = await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Fixed the webhook.', etaMinutes: 30 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'answered', firstRepliedAt: expect.any(String) });
    expect(res.body.replies).toHaveLength(1);
    const events = await support.db.prisma.outboxEvent.count({
      where: { subject: 'support.query.replied', payload: { path: ['queryId'], equals: id } },
    });
    expect(events).toBe(1);
  });

  it('a reply without an ETA is refused, naming the ETA', async () => {
    const { id } = await submit();
    const res = await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Checking.' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.eta');
  });

  it('an expert who is not assigned gets 404 and nothing is stored', async () => {
    const { id } = await submit();
    const res = await support.as(bob).post(`/queries/${id}/replies`, { answer: 'Me!', etaMinutes: 5 });
    expect(res.status).toBe(404);
    expect(await support.db.prisma.queryReply.count({ where: { queryId: id } })).toBe(0);
  });

  it('the first-reply time is kept from the first reply', async () => {
    const { id } = await submit();
    const first = await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Checking', etaMinutes: 60 });
    const second = await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Done', etaMinutes: 1 });
    expect(second.body.firstRepliedAt).toBe(first.body.firstRepliedAt);
    expect(second.body.replies).toHaveLength(2);
  });
});

describe('submission rate limit', () => {
  it('an account that submits too fast gets 429 with retry-after, and nothing is stored', async () => {
    const limited = await startSupportApp({ submissionsPerHour: { perAccount: 2, perIp: 100 } });
    try {
      const initech = customer('initech');
      expect((await limited.as(initech).post('/queries', { subject: 'one', body: 'b' })).status).toBe(201);
      expect((await limited.as(initech).post('/queries', { subject: 'two', body: 'b' })).status).toBe(201);
      const third = await limited.as(initech).post('/queries', { subject: 'three', body: 'b' });
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(await limited.db.prisma.query.count({ where: { customerId: 'initech' } })).toBe(2);
      expect((await limited.as(customer('hooli')).post('/queries', { subject: 'other account', body: 'b' })).status).toBe(201);
    } finally {
      await limited.db.drop();
    }
  });
});

describe('ops access to customer data', () => {
  it('every ops call is audited with who, which route and which record; customers reading their own are not', async () => {
    const { id } = await submit('Audited');
    const before = await support.db.prisma.opsAuditEntry.count();
    await support.as(acme).get(`/queries/${id}`);
    expect(await support.db.prisma.opsAuditEntry.count()).toBe(before);
    await support.as(ops).get(`/queries/${id}`);
    const entries = await support.db.prisma.opsAuditEntry.findMany({ where: { actor: 'ops-1', action: 'GET /queries/:id' } });
    expect(entries.map((e) => JSON.parse(e.target as string))).toContainEqual({ id });
  });

  it('ops reads arriving together are each audited by the time they are answered', async () => {
    const ids = await Promise.all(Array.from({ length: 4 }, (_, i) => submit(`Audited together ${i}`).then((q) => q.id)));
    const reads = await Promise.all(ids.flatMap((id) => [1, 2, 3].map(() => support.as(ops).get(`/queries/${id}`))));
    expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
    const entries = await support.db.prisma.opsAuditEntry.findMany({ where: { action: 'GET /queries/:id', target: { in: ids.map((id) => JSON.stringify({ id })) } } });
    for (const id of ids) expect(entries.filter((e) => e.target === JSON.stringify({ id }))).toHaveLength(3);
  });
});
