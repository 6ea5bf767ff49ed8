import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;

const from = '2026-03-01T00:00:00.000Z';
const to = '2026-04-01T00:00:00.000Z';
const at = (iso: string) => new Date(iso);
const plusMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/** A query submitted at `submittedAt`, first answered `minutes` later (null: not yet). */
function query(customerId: string, expertId: string | null, submittedAt: string, minutes: number | null, slaBreached = false) {
  const submitted = at(submittedAt);
  return {
    id: randomUUID(),
    customerId,
    assignedExpertId: expertId,
    subject: 'report fixture',
    body: 'report fixture',
    submittedAt: submitted,
    queueOrderAt: submitted,
    firstRepliedAt: minutes === null ? null : plusMinutes(submitted, minutes),
    slaBreached,
  };
}

beforeAll(async () => {
  support = await startSupportApp();
  await support.db.prisma.query.createMany({
    data: [
      query('acme', 'alice', '2026-03-01T00:00:00.000Z', 10),
      query('acme', 'alice', '2026-03-02T09:00:00.000Z', 20),
      query('acme', 'alice', '2026-03-03T09:00:00.000Z', 30, true),
      query('acme', 'alice', '2026-03-20T09:00:00.000Z', 40),
      query('globex', 'bob', '2026-03-04T09:00:00.000Z', 5.25),
      query('acme', 'bob', '2026-03-05T09:00:00.000Z', 15),
      query('globex', 'bob', '2026-03-06T09:00:00.000Z', null, true),
      // Outside [from, to): the day before, and the very instant `to`.
      query('acme', 'alice', '2026-02-28T23:59:59.999Z', 1_000, true),
      query('globex', 'bob', to, 1_000, true),
    ],
  });
});
afterAll(async () => support?.db.drop());

async function report(range: string) {
  const res = await support.as(ops).get(`/reports/first-reply?${range}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('first-reply report', () => {
  it('gives p50/p90 minutes and the breach rate over the queries submitted in the range', async () => {
    const body = await report(`from=${from}&to=${to}`);
    expect(body.from).toBe(from);
    expect(body.to).toBe(to);
    // Answered: 5.25, 10, 15, 20, 30, 40 minutes; breached 2 of 7.
    expect(body.overall).toEqual({ queries: 7, answered: 6, p50Minutes: 17.5, p90Minutes: 35, breachRate: 0.2857 });
  });

  it('per expert', async () => {
    const { byExpert } = await report(`from=${from}&to=${to}`);
    expect(byExpert).toEqual([
      // 10, 20, 30, 40: p90 = 30 + 0.7 × 10
      { expertId: 'alice', queries: 4, answered: 4, p50Minutes: 25, p90Minutes: 37, breachRate: 0.25 },
      // 5.25, 15: p50 = 10.125, p90 = 5.25 + 0.9 × 9.75 = 14.025; one of three unanswered and breached
      { expertId: 'bob', queries: 3, answered: 2, p50Minutes: 10.1, p90Minutes: 14, breachRate: 0.3333 },
    ]);
  });

  it('per customer', async () => {
    const { byCustomer } = await report(`from=${from}&to=${to}`);
    expect(byCustomer).toEqual([
      // 10, 15, 20, 30, 40: p90 = 30 + 0.6 × 10
      { customerId: 'acme', queries: 5, answered: 5, p50Minutes: 20, p90Minutes: 36, breachRate: 0.2 },
      { customerId: 'globex', queries: 2, answered: 1, p50Minutes: 5.3, p90Minutes: 5.3, breachRate: 0.5 },
    ]);
  });

  it('counts only the queries submitted in [from, to)', async () => {
    const body = await report('from=2026-03-02T00:00:00Z&to=2026-03-05T00:00:00Z');
    expect(body.overall).toEqual({ queries: 3, answered: 3, p50Minutes: 20, p90Minutes: 28, breachRate: 0.3333 });
    expect(body.byCustomer.map((c: { customerId: string }) => c.customerId)).toEqual(['acme', 'globex']);
  });

  it('reads a range given with a time-zone offset as that instant', async () => {
    const body = await report(`from=${encodeURIComponent('2026-03-01T01:00:00+01:00')}&to=${encodeURIComponent('2026-03-01T01:00:01+01:00')}`);
    expect(body.from).toBe('2026-03-01T00:00:00.000Z');
    expect(body.overall.queries).toBe(1);
  });

  it('an empty range has no times and a zero breach rate', async () => {
    const body = await report('from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z');
    expect(body).toMatchObject({
      overall: { queries: 0, answered: 0, p50Minutes: null, p90Minutes: null, breachRate: 0 },
      byExpert: [],
      byCustomer: [],
    });
  });

  it('groups queries without an assigned expert under a null expert', async () => {
    await support.db.prisma.query.create({ data: query('initech', null, '2027-01-10T10:00:00.000Z', 60) });
    const body = await report('from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z');
    expect(body.byExpert).toEqual([{ expertId: null, queries: 1, answered: 1, p50Minutes: 60, p90Minutes: 60, breachRate: 0 }]);
  });
});

describe('the report range', () => {
  const fieldsOf = async (range: string) => {
    const res = await support.as(ops).get(`/reports/first-reply?${range}`);
    expect(res.status).toBe(400);
    return res.body.error.fields.map((f: { path: string }) => f.path);
  };

  it('needs both ends', async () => {
    expect(await fieldsOf(`to=${to}`)).toEqual(['query.from']);
  });

  it('needs from before to', async () => {
    expect(await fieldsOf(`from=${to}&to=${from}`)).toEqual(['query.to']);
    expect(await fieldsOf(`from=${from}&to=${from}`)).toEqual(['query.to']);
  });

  it('covers at most 366 days', async () => {
    expect(await fieldsOf('from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:01Z')).toEqual(['query.to']);
    expect((await support.as(ops).get('/reports/first-reply?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z')).status).toBe(200);
  });

  it('rejects a date that is not ISO 8601', async () => {
    expect(await fieldsOf(`from=yesterday&to=${to}`)).toEqual(['query.from']);
  });
});

describe('who reads the report', () => {
  it('is for ops only', async () => {
    expect((await support.as(expert('alice')).get(`/reports/first-reply?from=${from}&to=${to}`)).status).toBe(403);
    expect((await support.as(customer('acme')).get(`/reports/first-reply?from=${from}&to=${to}`)).status).toBe(403);
  });
});
