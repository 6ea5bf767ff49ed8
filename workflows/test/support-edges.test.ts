import { randomUUID } from 'node:crypto';
import { queryFollowedUp, querySubmitted, queryReplied, queryTermsChanged, type EventEnvelope } from '@guild/contracts';
import type { BusinessCalendar, Weekday } from '@guild/contracts/business-hours';
import { wireSubject, type Principal } from '@guild/platform';
import { eventually } from '@guild/testkit';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportQueryStatusQuery } from '../src/support-query/messages.js';
import { recordHistory } from './histories.js';
import { expert, ops, startSupportStack } from './support-stack.js';

// The support process's edges on the production-wired stack: a workflow that rolls its history
// over (continue-as-new) mid-research, the bridge meeting events out of order or twice, and the
// customer's business hours set through the API, for new queries and for a deadline already
// running. Research updates every second, and the workflow continues as new every 40 history
// events (a few updates), as Temporal makes it do after thousands.
const FIRST_REPLY_MS = 2_000;
let stack: Awaited<ReturnType<typeof startSupportStack>>;
let acme: Principal & { customerId: string };
const alice = expert('alice');

beforeAll(async () => {
  stack = await startSupportStack({
    firstReply: `${FIRST_REPLY_MS}ms`,
    preBreachWarning: '1s',
    researchUpdateEvery: '1s',
    reopenWithin: '1s',
    rollOverAfterEvents: 40,
  });
  acme = stack.people.acme;
  expect((await stack.call(ops, 'PUT', `/customers/${acme.customerId}/expert-assignment`, { expertId: 'alice', backupExpertId: 'bob' })).status).toBe(200);
}, 120_000);
afterAll(async () => stack?.stop());

async function submit(subject: string) {
  const res = await stack.call(acme, 'POST', '/queries', { subject, body: `Details: ${subject}.` });
  expect(res.status).toBe(201);
  return { query: res.body, workflow: await stack.workflowOf(res.body.id) };
}
const readQuery = async (queryId: string) => (await stack.call(acme, 'GET', `/queries/${queryId}`)).body;
const researchUpdates = async (queryId: string) =>
  (await stack.db.prisma.outboundMail.findMany({ where: { source: 'support', data: { path: ['queryId'], equals: queryId } } })).filter((m) =>
    JSON.stringify(m.data).includes('research is still under way'),
  ).length;

/** Publishes an event as support's outbox relay would, straight onto the stack's NATS. */
async function publish(subject: string, payload: Record<string, unknown>): Promise<EventEnvelope> {
  const envelope = { id: randomUUID(), subject, version: 1, source: 'support', occurredAt: new Date().toISOString(), payload };
  await jetstream(stack.ns.nc).publish(wireSubject(stack.ns.namespace, subject), JSON.stringify(envelope), { msgID: envelope.id });
  return envelope;
}
const bridgeProcessed = (eventId: string) =>
  eventually(`bridge processed ${eventId}`, async () =>
    (await stack.db.prisma.processedEvent.findUnique({ where: { consumer_eventId: { consumer: 'temporal-bridge', eventId } } })) ?? undefined,
  { timeoutMs: 30_000 });
async function runsOf(workflowId: string) {
  const runs: string[] = [];
  for await (const wf of stack.temporal.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(wf.runId);
  return runs;
}

describe('a long research query continues as new', () => {
  it('carries its breach, first reply and research cadence into the next run, and resolves there', async () => {
    const { query, workflow } = await submit('Intermittent ledger mismatch');
    const firstRunId = (await workflow.describe()).runId;
    await eventually('breach', async () => ((await readQuery(query.id)).slaBreached ? true : undefined));
    const replied = await stack.call(alice, 'POST', `/queries/${query.id}/replies`, { kind: 'research', answer: 'We are researching this.', etaMinutes: 600 });
    expect(replied.status).toBe(201);
    const repliedEvent = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: queryReplied.subject, payload: { path: ['queryId'], equals: query.id } } });
    const firstReplyAt = (repliedEvent.payload as { repliedAt: string }).repliedAt;

    const nextRunId = await eventually('a second run', async () => {
      const { runId } = await workflow.describe();
      return runId !== firstRunId ? runId : undefined;
    }, { timeoutMs: 60_000 });
    // The new run started from the carried state, not from a new submission.
    const status = await stack.temporal.client.workflow.getHandle(workflow.workflowId, nextRunId).query(supportQueryStatusQuery);
    expect(status).toMatchObject({ stage: 'research', breached: true, firstReplyAt, replyDueAt: null });
    expect(status.nextClock?.kind).toBe('research_update');
    // The customer keeps getting updates after the roll-over, at the same cadence.
    const updatesAtRollOver = await researchUpdates(query.id);
    await eventually('an update from a later run', async () => ((await researchUpdates(query.id)) > updatesAtRollOver ? true : undefined), { timeoutMs: 20_000 });
    // The clocks that fired once stay fired: one breach, no second reply clock.
    expect(await stack.db.prisma.slaEvent.count({ where: { queryId: query.id, kind: 'reply_breach' } })).toBe(1);

    await stack.call(alice, 'POST', `/queries/${query.id}/replies`, { answer: 'A rounding bug; fixed.', etaMinutes: 5 });
    expect((await stack.call(acme, 'POST', `/queries/${query.id}/resolution`)).status).toBe(200);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: true, firstReplyAt });
    expect((await runsOf(workflow.workflowId)).length).toBeGreaterThanOrEqual(2);
    await recordHistory('support-query-research-continued-as-new', stack.temporal.client.workflow.getHandle(workflow.workflowId, firstRunId));
    await recordHistory('support-query-resolved-after-continue-as-new', workflow);
  }, 120_000);
});

describe('the bridge', () => {
  it('a reply that arrives before the query was submitted reaches the workflow once it starts', async () => {
    // A query whose submission is still on its way: support has it, the bridge has not seen it.
    const queryId = randomUUID();
    const submittedAt = new Date().toISOString();
    await stack.db.prisma.query.create({ data: { id: queryId, customerId: acme.customerId, assignedExpertId: 'alice', subject: 'Out of order', body: 'Events race.', submittedAt } });
    const repliedAt = new Date().toISOString();
    const reply = await publish(queryReplied.subject, {
      queryId, customerId: acme.customerId, replyId: randomUUID(), expertId: 'alice', kind: 'answer', repliedAt, etaMinutes: null, etaAt: null,
    });
    // A later event proves the bridge got past the reply: its failure left it unprocessed (redelivered later).
    const marker = await submit('Marker');
    const markerEvent = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: querySubmitted.subject, payload: { path: ['queryId'], equals: marker.query.id } } });
    await bridgeProcessed(markerEvent.id);
    expect(await stack.db.prisma.processedEvent.findUnique({ where: { consumer_eventId: { consumer: 'temporal-bridge', eventId: reply.id } } })).toBeNull();

    await publish(querySubmitted.subject, { queryId, customerId: acme.customerId, assignedExpertId: 'alice', submittedAt });
    await bridgeProcessed(reply.id);
    const workflow = await stack.workflowOf(queryId);
    const status = await eventually('the workflow has the reply', async () => {
      const s = await workflow.query(supportQueryStatusQuery);
      return s.stage === 'answered' ? s : undefined;
    });
    expect(status.firstReplyAt).toBe(repliedAt);
    await stack.call(ops, 'POST', `/queries/${queryId}/resolution`);
    await stack.call(ops, 'POST', `/queries/${marker.query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', firstReplyAt: repliedAt });
  });

  it('an event for a query whose workflow has closed is acknowledged; a second start of it starts nothing', async () => {
    const { query, workflow } = await submit('Closed already');
    expect((await stack.call(acme, 'POST', `/queries/${query.id}/resolution`)).status).toBe(200);
    await workflow.result();

    const late = await publish(queryReplied.subject, {
      queryId: query.id, customerId: acme.customerId, replyId: randomUUID(), expertId: 'alice', kind: 'answer', repliedAt: new Date().toISOString(), etaMinutes: null, etaAt: null,
    });
    await bridgeProcessed(late.id);
    const again = await publish(querySubmitted.subject, { queryId: query.id, customerId: acme.customerId, assignedExpertId: 'alice', submittedAt: query.submittedAt });
    await bridgeProcessed(again.id);
    const handle = stack.temporal.client.workflow.getHandle(workflow.workflowId);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect(await runsOf(workflow.workflowId)).toHaveLength(1);
  });

  it('a duplicate start of a running workflow joins it', async () => {
    const { query, workflow } = await submit('Started twice');
    const runId = (await workflow.describe()).runId;
    const again = await publish(querySubmitted.subject, { queryId: query.id, customerId: acme.customerId, assignedExpertId: 'alice', submittedAt: query.submittedAt });
    await bridgeProcessed(again.id);
    expect((await workflow.describe()).runId).toBe(runId);
    expect(await runsOf(workflow.workflowId)).toEqual([runId]);
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    await workflow.result();
  });
});

describe('support terms set through the API', () => {
  /** Open only 09:00–17:00 UTC on the weekday after today's: now, and the rest of today, are outside the open hours. */
  function openOnlyTomorrow() {
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    const weekdays: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const calendar: BusinessCalendar = { timeZone: 'UTC', weeklyHours: { [weekdays[tomorrow.getUTCDay()]!]: [{ start: '09:00', end: '17:00' }] } };
    return { calendar, opensAt: Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9) };
  }
  const eventAbout = async <P>(subject: string, queryId: string) =>
    (await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject, payload: { path: ['queryId'], equals: queryId } }, orderBy: { occurredAt: 'desc' } })).payload as P;

  it("a query outside the customer's open hours is due in the next open hour", async () => {
    // Round the clock (no terms): due a first-reply time after submission.
    const before = await submit('Before the terms');
    const dueBefore = await eventually('deadline', async () => (await readQuery(before.query.id)).replyDueAt ?? undefined);
    expect(Date.parse(dueBefore)).toBe(Date.parse(before.query.submittedAt) + FIRST_REPLY_MS);
    await stack.call(acme, 'POST', `/queries/${before.query.id}/resolution`);

    const { calendar, opensAt } = openOnlyTomorrow();
    const set = await stack.call(ops, 'PUT', `/customers/${acme.customerId}/support-terms`, { calendar });
    expect(set.status).toBe(200);

    const { query, workflow } = await submit('After the terms');
    const due = await eventually('deadline in the queue', async () => (await readQuery(query.id)).replyDueAt ?? undefined);
    expect(Date.parse(due)).toBe(opensAt + FIRST_REPLY_MS);
    expect((await workflow.query(supportQueryStatusQuery)).replyDueAt).toBe(due);
    expect((await readQuery(query.id)).slaBreached).toBe(false);
    // The terms came with the query: the workflow started its clock without asking support for them.
    expect((await eventAbout<{ terms: unknown }>(querySubmitted.subject, query.id)).terms).toEqual({ calendar });
    const asked = ((await workflow.fetchHistory()).events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'loadSupportTerms');
    expect(asked).toEqual([]);

    await stack.call(ops, 'PUT', `/customers/${acme.customerId}/support-terms`, { calendar: null });
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    await workflow.result();
    await recordHistory('support-query-terms-with-query', workflow);
  });

  it('a deadline already running moves to the next open hour plus the time it had left', async () => {
    // Round the clock (no terms): the next reply is due an hour (the policy's default) after the follow-up.
    expect((await stack.call(ops, 'PUT', `/customers/${acme.customerId}/support-terms`, { calendar: null })).status).toBe(200);
    const { query, workflow } = await submit('Terms set while it waits');
    expect((await stack.call(alice, 'POST', `/queries/${query.id}/replies`, { answer: 'Restarting the sync fixes it.', etaMinutes: 5 })).status).toBe(201);
    expect((await stack.call(acme, 'POST', `/queries/${query.id}/messages`, { body: 'It still fails after a restart.' })).status).toBe(201);
    const { receivedAt } = await eventAbout<{ receivedAt: string }>(queryFollowedUp.subject, query.id);
    const dueBefore = Date.parse(receivedAt) + 60 * 60_000;
    await eventually('the next-reply deadline in the queue', async () => {
      const shown = (await readQuery(query.id)).replyDueAt;
      return shown && Date.parse(shown) === dueBefore ? true : undefined;
    });

    // The deadline, like the rest of today, is now outside the open hours.
    const { calendar, opensAt } = openOnlyTomorrow();
    expect((await stack.call(ops, 'PUT', `/customers/${acme.customerId}/support-terms`, { calendar })).status).toBe(200);
    const { changedAt } = await eventAbout<{ changedAt: string }>(queryTermsChanged.subject, query.id);
    const moved = new Date(opensAt + (dueBefore - Date.parse(changedAt))).toISOString();
    const shown = await eventually('the moved deadline in the queue', async () => {
      const due = (await readQuery(query.id)).replyDueAt;
      return due && Date.parse(due) === Date.parse(moved) ? due : undefined;
    }, { timeoutMs: 30_000 });
    expect(Date.parse(shown)).toBeGreaterThan(dueBefore);
    expect(await workflow.query(supportQueryStatusQuery)).toMatchObject({ stage: 'awaiting_reply', replyDueAt: moved, nextClock: { kind: 'pre_breach_warning' } });

    await stack.call(ops, 'PUT', `/customers/${acme.customerId}/support-terms`, { calendar: null });
    expect((await stack.call(acme, 'POST', `/queries/${query.id}/resolution`)).status).toBe(200);
    await workflow.result();
    await recordHistory('support-query-terms-changed', workflow);
  }, 60_000);
});
