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
});
