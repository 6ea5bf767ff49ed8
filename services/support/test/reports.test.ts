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

/** The expected stats of a group with only first replies (no follow-ups, resolutions or ratings). */
const firstOnly = (queries: number, answered: number, p50Minutes: number | null, p90Minutes: number | null, breachRate: number) => ({
  queries,
  breachRate,
  firstReply: { count: answered, p50Minutes, p90Minutes },
  nextReply: { waits: 0, count: 0, p50Minutes: null, p90Minutes: null },
  resolution: { count: 0, p50Minutes: null, p90Minutes: null },
  satisfaction: { ratings: 0, average: null },
});

async function report(range: string) {
  const res = await support.as(ops).get(`/reports/support?${range}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('support report: first replies', () => {
  it('gives p50/p90 minutes and the breach rate over the queries submitted in the range', async () => {
    const body = await report(`from=${from}&to=${to}`);
    expect(body.from).toBe(from);
    expect(body.to).toBe(to);
    // Answered: 5.25, 10, 15, 20, 30, 40 minutes; breached 2 of 7.
    expect(body.overall).toEqual(firstOnly(7, 6, 17.5, 35, 0.2857));
  });

  it('per expert', async () => {
    const { byExpert } = await report(`from=${from}&to=${to}`);
    expect(byExpert).toEqual([
      // 10, 20, 30, 40: p90 = 30 + 0.7 × 10
      { expertId: 'alice', ...firstOnly(4, 4, 25, 37, 0.25) },
      // 5.25, 15: p50 = 10.125, p90 = 5.25 + 0.9 × 9.75 = 14.025; one of three unanswered and breached
      { expertId: 'bob', ...firstOnly(3, 2, 10.1, 14, 0.3333) },
    ]);
  });

  it('per customer', async () => {
    const { byCustomer } = await report(`from=${from}&to=${to}`);
    expect(byCustomer).toEqual([
      // 10, 15, 20, 30, 40: p90 = 30 + 0.6 × 10
      { customerId: 'acme', clock: 'wall_clock', ...firstOnly(5, 5, 20, 36, 0.2) },
      { customerId: 'globex', clock: 'wall_clock', ...firstOnly(2, 1, 5.3, 5.3, 0.5) },
    ]);
  });

  it('counts only the queries submitted in [from, to)', async () => {
    const body = await report('from=2026-03-02T00:00:00Z&to=2026-03-05T00:00:00Z');
    expect(body.overall).toEqual(firstOnly(3, 3, 20, 28, 0.3333));
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
      overall: firstOnly(0, 0, null, null, 0),
      byExpert: [],
      byCustomer: [],
    });
  });

  it('groups queries without an assigned expert under a null expert', async () => {
    await support.db.prisma.query.create({ data: query('initech', null, '2027-01-10T10:00:00.000Z', 60) });
    const body = await report('from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z');
    expect(body.byExpert).toEqual([{ expertId: null, ...firstOnly(1, 1, 60, 60, 0) }]);
  });
});

describe('support report: business hours, next replies, resolution and satisfaction', () => {
  const day = (iso: string) => new Date(iso);
  const replyAt = (queryId: string, iso: string) => ({ id: randomUUID(), queryId, expertId: 'carol', answer: 'fixture', createdAt: day(iso) });
  const messageAt = (queryId: string, iso: string) => ({ id: randomUUID(), queryId, body: 'fixture', receivedAt: day(iso) });

  it('counts business time for a customer with a calendar, wall-clock time for others, split first and next replies', async () => {
    // Umbrella works 09:00–18:00 Warsaw time (UTC+2 in May), Monday to Friday.
    await support.as(ops).put('/customers/umbrella/support-terms', {
      calendar: { timeZone: 'Europe/Warsaw', weeklyHours: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }], wed: [{ start: '09:00', end: '18:00' }], thu: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '18:00' }] } },
    });
    // Both submitted Friday 2027-05-07 17:30 Warsaw (15:30 UTC) and first answered Monday 09:30 (07:30 UTC).
    const umbrella = { ...query('umbrella', 'carol', '2027-05-07T15:30:00.000Z', null), firstRepliedAt: day('2027-05-10T07:30:00.000Z'), resolvedAt: day('2027-05-10T10:00:00.000Z') };
    const hooli = { ...query('hooli', 'carol', '2027-05-07T15:30:00.000Z', null), firstRepliedAt: day('2027-05-10T07:30:00.000Z'), resolvedAt: day('2027-05-10T10:00:00.000Z') };
    await support.db.prisma.query.createMany({ data: [umbrella, hooli] });
    await support.db.prisma.queryReply.createMany({
      data: [
        replyAt(umbrella.id, '2027-05-10T07:30:00.000Z'),
        replyAt(hooli.id, '2027-05-10T07:30:00.000Z'),
        // Follow-ups at 08:00 UTC (two messages, one wait) answered at 09:00; hooli's second follow-up is never answered.
        replyAt(umbrella.id, '2027-05-10T09:00:00.000Z'),
        replyAt(hooli.id, '2027-05-10T09:00:00.000Z'),
      ],
    });
    await support.db.prisma.customerMessage.createMany({
      data: [
        messageAt(umbrella.id, '2027-05-10T08:00:00.000Z'),
        messageAt(umbrella.id, '2027-05-10T08:20:00.000Z'),
        messageAt(hooli.id, '2027-05-10T08:00:00.000Z'),
        messageAt(hooli.id, '2027-05-10T09:30:00.000Z'),
      ],
    });
    await support.db.prisma.queryRating.createMany({ data: [{ queryId: umbrella.id, score: 5 }, { queryId: hooli.id, score: 2 }] });

    const body = await report('from=2027-05-01T00:00:00Z&to=2027-06-01T00:00:00Z');
    const [hooliStats, umbrellaStats] = body.byCustomer;
    // Friday 17:30–18:00 and Monday 09:00–09:30: one business hour; resolution 09:00–12:00 local Monday plus Friday's half hour.
    expect(umbrellaStats).toMatchObject({
      customerId: 'umbrella',
      clock: 'business_hours',
      firstReply: { count: 1, p50Minutes: 60 },
      nextReply: { waits: 1, count: 1, p50Minutes: 60 },
      resolution: { count: 1, p50Minutes: 210 },
      satisfaction: { ratings: 1, average: 5 },
    });
    // The same times on the wall clock: Friday 15:30 UTC to Monday 07:30 UTC.
    expect(hooliStats).toMatchObject({
      customerId: 'hooli',
      clock: 'wall_clock',
      firstReply: { count: 1, p50Minutes: 64 * 60 },
      nextReply: { waits: 2, count: 1, p50Minutes: 60 },
      resolution: { count: 1, p50Minutes: 64 * 60 + 150 },
      satisfaction: { ratings: 1, average: 2 },
    });
    expect(body.byExpert).toEqual([expect.objectContaining({ expertId: 'carol', queries: 2, satisfaction: { ratings: 2, average: 3.5 } })]);
  });
});

describe('the report range', () => {
  const fieldsOf = async (range: string) => {
    const res = await support.as(ops).get(`/reports/support?${range}`);
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
    expect((await support.as(ops).get('/reports/support?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z')).status).toBe(200);
  });

  it('rejects a date that is not ISO 8601', async () => {
    expect(await fieldsOf(`from=yesterday&to=${to}`)).toEqual(['query.from']);
  });
});

describe('who reads the report', () => {
  it('is for ops only', async () => {
    expect((await support.as(expert('alice')).get(`/reports/support?from=${from}&to=${to}`)).status).toBe(403);
    expect((await support.as(customer('acme')).get(`/reports/support?from=${from}&to=${to}`)).status).toBe(403);
  });
});
