import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const globex = customer('globex');
const alice = expert('alice');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
  await support.as(ops).put('/customers/globex/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => support?.db.drop());

async function submit(who: typeof acme, subject: string) {
  const res = await support.as(who).post('/queries', { subject, body: 'details' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const queueIds = async (as = alice) => ((await support.as(as).get('/queue')).body.items as { queryId: string }[]).map((i) => i.queryId);

describe('the support queue', () => {
  it('serves first come, first served: shouting URGENT does not jump the queue', async () => {
    const first = await submit(acme, 'Report totals look off');
    const second = await submit(globex, 'URGENT!!! PRODUCTION DOWN, ANSWER NOW, TOP PRIORITY');
    const ids = await queueIds();
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
  });

  it('shows positions and the time left on each clock', async () => {
    const id = await submit(acme, 'Clock check');
    await support.as({ subject: 'worker', role: 'service' }).post(`/queries/${id}/sla-events`, {
      kind: 'reply_clock_started',
      dueAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    });
    const items = (await support.as(ops).get('/queue')).body.items as { queryId: string; position: number; replyMinutesLeft: number }[];
    const item = items.find((i) => i.queryId === id)!;
    expect(item.position).toBe(items.indexOf(item) + 1);
    expect(item.replyMinutesLeft).toBeGreaterThanOrEqual(58);
    expect(item.replyMinutesLeft).toBeLessThanOrEqual(60);
  });

  it('an expert sees only their own queue', async () => {
    await support.as(ops).put('/customers/initech/expert-assignment', { expertId: 'carol' });
    const theirs = await submit(customer('initech'), 'Carol only');
    expect(await queueIds(alice)).not.toContain(theirs);
    expect(await queueIds(expert('carol'))).toEqual([theirs]);
    expect((await support.as(acme).get('/queue')).status).toBe(403);
  });

  it('ops can move a query ahead only with a reason, and the move is audited', async () => {
    const early = await submit(acme, 'Early');
    const late = await submit(acme, 'Late but agreed in contract');
    const noReason = await support.as(ops).post(`/queries/${late}/queue-position`, { beforeQueryId: early });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.reason');

    const moved = await support.as(ops).post(`/queries/${late}/queue-position`, { beforeQueryId: early, reason: 'contractual priority for this incident' });
    expect(moved.status).toBe(200);
    const ids = await queueIds();
    expect(ids.indexOf(late)).toBe(ids.indexOf(early) - 1);
    const audit = await support.db.prisma.queueReorder.findMany({ where: { queryId: late } });
    expect(audit).toMatchObject([{ movedBy: 'ops-1', reason: 'contractual priority for this incident' }]);
    expect((await support.as(alice).post(`/queries/${early}/queue-position`, { beforeQueryId: late, reason: 'I want this first' })).status).toBe(403);
  });

  it('an answered query waits on the customer and leaves the queue; a follow-up brings it back', async () => {
    const id = await submit(acme, 'Answered soon');
    await support.as(alice).post(`/queries/${id}/replies`, { answer: 'Restart the sync job.', etaMinutes: 30 });
    expect(await queueIds()).not.toContain(id);
    await support.as(acme).post(`/queries/${id}/messages`, { body: 'Still failing after a restart.' });
    expect(await queueIds()).toContain(id);
  });

  it('a cursor the caller could not list is refused', async () => {
    const carols = await submit(customer('initech'), 'Carol again');
    for (const cursor of [randomUUID(), carols]) {
      for (const path of ['/queue', '/escalations']) {
        const as = path === '/queue' ? alice : ops;
        const res = await support.as(as).get(`${path}?expertId=alice&cursor=${path === '/queue' ? cursor : randomUUID()}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_cursor');
      }
    }
  });
});

describe('a long queue (600 open queries)', () => {
  const bulk = customer('bulk');
  const older = 600;

  async function allPages(path: string, limit: number) {
    const items: { queryId: string; position: number }[] = [];
    let cursor: string | null = null;
    do {
      const res = await support.as(ops).get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('the newest breached query is on /escalations and the queue pages reach every one', async () => {
    await support.as(ops).put('/customers/bulk/expert-assignment', { expertId: 'bob' });
    const start = Date.now() - 2 * 24 * 60 * 60_000;
    await support.db.prisma.query.createMany({
      data: Array.from({ length: older }, (_, i) => {
        const at = new Date(start + i * 60_000);
        return { id: randomUUID(), customerId: 'bulk', assignedExpertId: 'bob', subject: `Waiting ${i}`, body: 'details', submittedAt: at, queueOrderAt: at };
      }),
    });
    const newest = await submit(bulk, 'The newest one, breached');
    const breach = await support.as({ subject: 'worker', role: 'service' }).post(`/queries/${newest}/sla-events`, {
      kind: 'reply_breach',
      dueAt: new Date().toISOString(),
    });
    expect(breach.status).toBe(200);

    const escalations = await allPages('/escalations', 50);
    expect(escalations.map((e) => e.queryId)).toContain(newest);

    const queue = await allPages('/queue?expertId=bob', 200);
    expect(queue).toHaveLength(older + 1);
    expect(new Set(queue.map((q) => q.queryId)).size).toBe(older + 1);
    expect(queue.map((q) => q.position)).toEqual(Array.from({ length: older + 1 }, (_, i) => i + 1));
    expect(queue.at(-1)!.queryId).toBe(newest);
  });
});

