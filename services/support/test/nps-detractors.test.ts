import { randomUUID } from 'node:crypto';
import { npsAnswered, querySubmitted } from '@guild/contracts';
import { createLogger, wireSubject } from '@guild/platform';
import { createTestNamespace, eventually } from '@guild/testkit';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDetractorQueryOpener } from '../src/consumers/open-detractor-queries.js';
import { customer, ops, startSupportApp } from './support-app.js';

// projects publishes every NPS answer; support opens a query for the customer on a detractor's.
let support: Awaited<ReturnType<typeof startSupportApp>>;
let ns: Awaited<ReturnType<typeof createTestNamespace>>;
let consumer: { stop(): Promise<void> };

beforeAll(async () => {
  support = await startSupportApp();
  ns = await createTestNamespace();
  consumer = startDetractorQueryOpener({ nc: ns.nc, namespace: ns.namespace, prisma: support.db.prisma, logger: createLogger('test', 'silent'), eventsRecorded: () => {} });
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => {
  await consumer?.stop();
  await ns?.cleanup();
  await support?.db.drop();
});

const projectId = randomUUID();
const answer = (surveyId: string, score: number, comment: string | null) => ({
  surveyId,
  projectId,
  customerId: 'acme',
  expertId: 'alice',
  period: '2026-11-16',
  score,
  detractor: score <= 6,
  answeredAt: new Date().toISOString(),
  projectTitle: 'Checkout rebuild',
  comment,
});

/** Publishes the answer as projects' relay would, and waits until support's consumer has handled it. */
async function deliver(payload: ReturnType<typeof answer>) {
  const envelope = { id: randomUUID(), subject: npsAnswered.subject, version: 1, source: 'projects', occurredAt: new Date().toISOString(), payload };
  await jetstream(ns.nc).publish(wireSubject(ns.namespace, npsAnswered.subject), JSON.stringify(envelope), { msgID: envelope.id });
  await eventually(`event ${envelope.id} handled`, async () =>
    (await support.db.prisma.processedEvent.count({ where: { consumer: 'support-nps-detractors', eventId: envelope.id } })) === 1 ? true : undefined,
  );
}

const queriesOfAcme = async () => (await support.as(customer('acme')).get('/queries')).body.items as { id: string; subject: string; body: string; assignedExpertId: string | null }[];

describe('a detractor NPS answer', () => {
  it("opens one support query on the customer's behalf naming the project and score, with their comment; a second delivery opens nothing", async () => {
    const surveyId = randomUUID();
    await deliver(answer(surveyId, 4, 'The staging site was down all week and nobody told us.'));
    const [query, ...others] = await queriesOfAcme();
    expect(others).toHaveLength(0);
    expect(query).toMatchObject({ subject: 'NPS 4/10 on project "Checkout rebuild" (week of 2026-11-16)', body: 'The staging site was down all week and nobody told us.', assignedExpertId: 'alice' });
    // It runs as any query: its submission is announced for the support process to start.
    const submitted = await support.db.prisma.outboxEvent.findMany({ where: { subject: querySubmitted.subject } });
    expect(submitted.map((e) => (e.payload as { queryId: string }).queryId)).toEqual([query!.id]);

    // The same answer again, as a new event (projects' relay re-recorded it), opens nothing more.
    await deliver(answer(surveyId, 4, 'The staging site was down all week and nobody told us.'));
    expect(await queriesOfAcme()).toHaveLength(1);
  });

  it('without a comment says so; a promoter or passive opens nothing', async () => {
    await deliver(answer(randomUUID(), 9, 'Great week'));
    await deliver(answer(randomUUID(), 7, null));
    expect(await queriesOfAcme()).toHaveLength(1);
    await deliver(answer(randomUUID(), 0, null));
    const queries = await queriesOfAcme();
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatchObject({ subject: 'NPS 0/10 on project "Checkout rebuild" (week of 2026-11-16)', body: 'The customer scored the week 0/10 and left no comment.' });
  });
});
