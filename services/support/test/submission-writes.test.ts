import { randomUUID } from 'node:crypto';
import { createLogger, type MailDirectory } from '@guild/platform';
import { callerAs, eventually, testJwtSecret, tokenFor } from '@guild/testkit';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/server.js';
import { customer, ops, startSupportApp } from './support-app.js';

// What a submission writes besides the query, and that it is all or nothing.
let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => support?.db.drop());

async function submitAs(who: ReturnType<typeof customer>, body: Record<string, unknown>, key = randomUUID()) {
  return supertest(support.app)
    .post('/queries')
    .set('authorization', `Bearer ${await tokenFor(who)}`)
    .set('idempotency-key', key)
    .send(body);
}

const eventsOf = (queryId: string) =>
  support.db.prisma.outboxEvent.findMany({ where: { subject: 'support.query.submitted', payload: { path: ['queryId'], equals: queryId } } });
const opsMailsOf = (queryId: string) => support.db.prisma.outboundMail.findMany({ where: { idempotencyKey: `unassigned:${queryId}` } });
const queriesTitled = (subject: string) => support.db.prisma.query.count({ where: { subject } });

// A constraint the test adds to its own database makes one of the submission's inserts fail for real.
async function refuse(table: string, check: string, run: () => Promise<void>) {
  await support.db.prisma.$executeRawUnsafe(`ALTER TABLE ${table} ADD CONSTRAINT test_refusal CHECK (${check}) NOT VALID`);
  try {
    await run();
  } finally {
    await support.db.prisma.$executeRawUnsafe(`ALTER TABLE ${table} DROP CONSTRAINT test_refusal`);
  }
}

describe('a submitted query', () => {
  it('is stored as answered, with its submitted event carrying the stored expert and time', async () => {
    const submitted = await submitAs(acme, { subject: 'Export fails', body: 'The nightly export stops at 80 %.' });
    expect(submitted.status).toBe(201);
    const read = await support.as(acme).get(`/queries/${submitted.body.id}`);
    expect(read.body).toEqual(submitted.body);
    const [event, ...others] = await eventsOf(submitted.body.id);
    expect(others).toEqual([]);
    expect(event).toMatchObject({ source: 'support', version: 1, publishedAt: null });
    // No terms set for acme: round the clock, said in the event so the workflow need not ask.
    expect(event!.payload).toEqual({ queryId: submitted.body.id, customerId: 'acme', assignedExpertId: 'alice', submittedAt: submitted.body.submittedAt, terms: { calendar: null } });
    expect(await opsMailsOf(submitted.body.id)).toEqual([]);
  });

  it('nobody is assigned to: ops get one mail naming its number', async () => {
    const submitted = await submitAs(customer('lonely'), { subject: 'Anyone there?', body: 'Hello?' });
    expect(submitted.status).toBe(201);
    expect(submitted.body.assignedExpertId).toBeNull();
    const [mail, ...others] = await opsMailsOf(submitted.body.id);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ source: 'support', template: 'support.query-needs-ops', recipients: [{ kind: 'ops' }], sentAt: null });
    expect(mail!.data).toEqual({ queryId: submitted.body.id, querySubject: 'Anyone there?', number: submitted.body.number, customerId: 'lonely', problem: 'unassigned' });
    expect((await eventsOf(submitted.body.id))[0]?.payload).toMatchObject({ assignedExpertId: null });
  });

  it("naming a paused project goes to the customer's assigned expert, not the project's", async () => {
    const projectId = randomUUID();
    await support.db.prisma.customerProject.create({ data: { projectId, customerId: 'acme', expertId: 'carol', status: 'paused', changedAt: new Date() } });
    const submitted = await submitAs(acme, { subject: 'Paused project', body: 'Still broken.', projectId });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ projectId, assignedExpertId: 'alice' });
  });
});

describe('a submission is all or nothing', () => {
  it('when its event cannot be written, neither the query nor its ops mail is stored, and the same key then succeeds once', async () => {
    const key = randomUUID();
    const body = { subject: `Event refused ${key}`, body: 'Nobody is assigned to me.' };
    const lonely = customer('lonely-event');
    await refuse('platform.outbox_event', `subject <> 'support.query.submitted'`, async () => {
      expect((await submitAs(lonely, body, key)).status).toBe(500);
    });
    expect(await queriesTitled(body.subject)).toBe(0);
    expect(await support.db.prisma.outboundMail.count({ where: { data: { path: ['querySubject'], equals: body.subject } } })).toBe(0);

    const retried = await submitAs(lonely, body, key);
    expect(retried.status).toBe(201);
    expect(await queriesTitled(body.subject)).toBe(1);
    expect(await eventsOf(retried.body.id)).toHaveLength(1);
    expect(await opsMailsOf(retried.body.id)).toHaveLength(1);
  });

  it('when its ops mail cannot be written, neither the query nor its event is stored', async () => {
    const body = { subject: `Mail refused ${randomUUID()}`, body: 'Nobody is assigned to me.' };
    let eventsBefore = 0;
    await refuse('platform.outbound_mail', `template <> 'support.query-needs-ops'`, async () => {
      eventsBefore = await support.db.prisma.outboxEvent.count({ where: { subject: 'support.query.submitted' } });
      expect((await submitAs(customer('lonely-mail'), body)).status).toBe(500);
    });
    expect(await queriesTitled(body.subject)).toBe(0);
    expect(await support.db.prisma.outboxEvent.count({ where: { subject: 'support.query.submitted' } })).toBe(eventsBefore);
  });
});

describe('a customer nobody can mail', () => {
  it('ops are alerted after the query is answered, naming its number', async () => {
    const nobodyCanBeMailed: MailDirectory = async (people) => ({ addresses: [], unresolved: people });
    const app = createServer({ prisma: support.db.prisma, logger: createLogger('support-test', 'silent'), jwtSecret: testJwtSecret, readiness: {}, mailDirectory: nobodyCanBeMailed });
    const submitted = await callerAs(app)(acme).post('/queries', { subject: 'Can you hear me?', body: 'Nobody here reads mail.' });
    expect(submitted.status).toBe(201);
    const alert = await eventually('the unreachable-customer alert', async () =>
      (await support.db.prisma.outboundMail.findUnique({ where: { idempotencyKey: `customer-unreachable:${submitted.body.id}` } })) ?? undefined,
    );
    expect(alert).toMatchObject({ template: 'support.query-needs-ops', recipients: [{ kind: 'ops' }] });
    expect(alert.data).toMatchObject({ queryId: submitted.body.id, number: submitted.body.number, customerId: 'acme', problem: 'customer_unreachable' });
  });
});
