import type { Principal } from '@guild/platform';
import { eventually } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportQueryStatusQuery } from '../src/support-query/messages.js';
import { recordHistory } from './histories.js';
import { expert, ops, startSupportStack } from './support-stack.js';

// The whole support process wired as in production (identity's JWKS and client credentials, the
// payload codec, mail relayed to the sink) against real PostgreSQL, NATS and Temporal, with clocks
// in seconds: first reply 4 s (warning 2 s before), community check 3 s, research update every
// 2 s, needs-info reminder 5 s and close 8 s, reopen window 1 s. Identity's access tokens live 4 s, so the worker
// renews its own several times during the file.
let stack: Awaited<ReturnType<typeof startSupportStack>>;
let acme: Principal & { customerId: string };
const alice = expert('alice');
const FIRST_REPLY_MS = 4_000;
const NEXT_REPLY_MS = 4_000;

beforeAll(async () => {
  stack = await startSupportStack(
    {
      firstReply: `${FIRST_REPLY_MS}ms`,
      preBreachWarning: '2s',
      nextReply: `${NEXT_REPLY_MS}ms`,
      communityCheck: '3s',
      researchUpdateEvery: '2s',
      needsInfoReminder: '5s',
      needsInfoClose: '8s',
      quietClose: '1h',
      reopenWithin: '1s',
    },
    { accessTokenTtlSeconds: 4 },
  );
  acme = stack.people.acme;
  expect((await stack.call(ops, 'PUT', `/customers/${acme.customerId}/expert-assignment`, { expertId: 'alice', backupExpertId: 'bob' })).status).toBe(200);
}, 120_000);
afterAll(async () => stack?.stop());

async function submit(subject: string) {
  const res = await stack.call(acme, 'POST', '/queries', { subject, body: `Details of the problem: ${subject}.` });
  expect(res.status).toBe(201);
  return { query: res.body, workflow: await stack.workflowOf(res.body.id) };
}
const reply = (queryId: string, body: Record<string, unknown>) => stack.call(alice, 'POST', `/queries/${queryId}/replies`, body);
const readQuery = async (queryId: string) => (await stack.call(acme, 'GET', `/queries/${queryId}`)).body;
const queryIs = (queryId: string, status: string) =>
  eventually(`query ${queryId} ${status}`, async () => ((await readQuery(queryId)).status === status ? true : undefined));
/** Experts propose; the customer confirms. */
async function resolveAsCustomer(queryId: string) {
  expect((await stack.call(acme, 'POST', `/queries/${queryId}/resolution`)).status).toBe(200);
}
/** Waits until a mail about the query that `matches` has reached the sink. */
const mailArrives = (subject: string, what: string, matches: (m: { to: string[]; subject: string; text: string }) => boolean) =>
  eventually(what, async () => (await stack.mailsAbout(subject)).find(matches), { timeoutMs: 20_000 });

describe('the support process', () => {
  it('a reply in time stops the clock; resolving completes the workflow without a breach', async () => {
    const { query, workflow } = await submit('Export fails');
    await eventually('reply deadline in the queue', async () => ((await readQuery(query.id)).replyDueAt ? true : undefined));
    expect((await reply(query.id, { answer: 'Fixed the export job.', etaMinutes: 30 })).status).toBe(201);
    await eventually('workflow sees the answer', async () => ((await workflow.query(supportQueryStatusQuery)).stage === 'answered' ? true : undefined));
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: false });
    expect((await readQuery(query.id)).slaBreached).toBe(false);
    await recordHistory('support-query-answered-in-time', workflow);
  });

  it('the history on the Temporal server holds the query only encrypted', async () => {
    const subject = 'Payroll export leaks salaries';
    const { query, workflow } = await submit(subject);
    await reply(query.id, { answer: 'The export now masks salaries.', etaMinutes: 30 });
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    await workflow.result();

    // Read without the codec: what anyone with access to the server (or its database) sees.
    const history = await stack.temporal.rawClient.workflow.getHandle(workflow.workflowId).fetchHistory();
    const payloads = collectPayloads(history);
    // Readable by design: search attributes (the server filters on them; ids only) and the SDK's patch markers (a patch id).
    const readableByDesign = /\.searchAttributes\.indexedFields\.\w+$|\.markerRecordedEventAttributes\.details\.patch-data\./;
    const plain = payloads.filter((p) => Buffer.from(p.payload.metadata!['encoding']!).toString() !== 'binary/encrypted');
    expect(plain.map((p) => p.path).filter((path) => !readableByDesign.test(path))).toEqual([]);
    expect(payloads.length - plain.length).toBeGreaterThan(3);
    const raw = Buffer.from(JSON.stringify(history)).toString() + payloads.map((p) => Buffer.from(p.payload.data ?? []).toString('latin1')).join('');
    for (const secretText of [subject, 'Payroll', 'masks salaries']) expect(raw).not.toContain(secretText);
    // The same history through the codec holds the query id: the check above reads real payloads.
    const decoded = await workflow.result();
    expect(decoded.queryId).toBe(query.id);
  });

  it('warns the expert before the deadline, then marks the breach, tells ops and the backup; a late reply still counts', async () => {
    const subject = 'Dashboard down';
    const { query, workflow } = await submit(subject);
    const warning = await mailArrives(subject, 'pre-breach warning', (m) => m.subject.startsWith('Reply due'));
    expect(warning.to).toEqual(['expert:alice']);
    expect((await readQuery(query.id)).slaBreached).toBe(false);

    const breached = await eventually('breach', async () => {
      const q = await readQuery(query.id);
      return q.slaBreached ? q : undefined;
    });
    // Not before the deadline; a busy machine may be late, so the bound after it is generous.
    const lateByMs = Date.parse(breached.breachedAt!) - (Date.parse(query.submittedAt) + FIRST_REPLY_MS);
    expect(lateByMs).toBeGreaterThanOrEqual(0);
    expect(lateByMs).toBeLessThan(10_000);
    // The sink is read one mailbox at a time: wait until the mail shows in both, then check it went to no one else.
    const breachMail = await mailArrives(subject, 'breach mail to the backup expert and ops', (m) => m.subject.startsWith('SLA breached') && m.to.length >= 2);
    expect(breachMail.to).toEqual(['expert:bob', 'ops']);
    const escalations = await stack.call<{ items: { queryId: string }[] }>(ops, 'GET', '/escalations');
    expect(escalations.body.items.map((i) => i.queryId)).toContain(query.id);
    // The workflow flags the breach for ops after the service recorded it: a moment later.
    await eventually('breach flagged for ops', async () => ((await workflow.describe()).searchAttributes['SlaBreached']?.[0] === true ? true : undefined));
    const breachedEvent = await stack.db.prisma.outboxEvent.count({ where: { subject: 'support.query.breached', payload: { path: ['queryId'], equals: query.id } } });
    expect(breachedEvent).toBe(1);

    await reply(query.id, { answer: 'Sorry for the wait, it is back.', etaMinutes: 10 });
    await resolveAsCustomer(query.id);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: true });
    await recordHistory('support-query-breached-then-answered', workflow);
  });

  it('checking goes to the community; the answer reaches the assigned expert, who replies to the customer', async () => {
    const subject = 'Webhook retries';
    const { query, workflow } = await submit(subject);
    await reply(query.id, { kind: 'checking', answer: 'Checking with colleagues.', etaMinutes: 120, communityQuestion: 'Do webhook retries back off?' });
    const open = await stack.call<{ items: { id: string; question: string }[] }>(expert('bob'), 'GET', '/community/questions');
    const question = open.body.items.find((q) => q.question === 'Do webhook retries back off?')!;
    expect(JSON.stringify(open.body)).not.toContain(acme.customerId);
    await stack.call(expert('bob'), 'POST', `/community/questions/${question.id}/answers`, { answer: 'Yes: exponential, 5 tries.' });
    const toAlice = await mailArrives(subject, 'community answer to alice', (m) => m.text.includes('Yes: exponential'));
    expect(toAlice.to).toEqual(['expert:alice']);

    await reply(query.id, { answer: 'Retries back off exponentially, 5 tries; yours hit the limit.', etaMinutes: 5 });
    const toCustomer = await mailArrives(subject, 'reply to the customer', (m) => m.text.includes('back off exponentially'));
    expect(toCustomer.to).toEqual([stack.people.companyLabel]);
    // The customer's mail has arrived, so had the community's answer gone to them it would be here by now.
    expect((await stack.mailsAbout(subject)).filter((m) => m.to.includes(stack.people.companyLabel) && m.text.includes('Yes: exponential'))).toEqual([]);
    await eventually('answered', async () => ((await workflow.query(supportQueryStatusQuery)).stage === 'answered' ? true : undefined));
    await resolveAsCustomer(query.id);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: false });
  });

  it('a community check that runs out moves to research, tells the customer, and updates them until resolved', async () => {
    const subject = 'Odd ERP behaviour';
    const { query, workflow } = await submit(subject);
    await reply(query.id, { kind: 'checking', answer: 'We are checking with our community.', etaMinutes: 600, communityQuestion: 'ERP sync drops rows after 50%?' });
    expect((await readQuery(query.id)).status).toBe('community');
    await queryIs(query.id, 'research');
    const told = await mailArrives(subject, 'research notice', (m) => m.text.includes('now goes to research'));
    expect(told.to).toEqual([stack.people.companyLabel]);
    await eventually('two research updates', async () =>
      (await stack.mailsAbout(subject)).filter((m) => m.text.includes('research is still under way')).length >= 2 ? true : undefined,
    { timeoutMs: 20_000 });
    await reply(query.id, { answer: 'Found it: a driver bug; patched.', etaMinutes: 5 });
    await resolveAsCustomer(query.id);
    expect(await workflow.result()).toMatchObject({ result: 'resolved' });
    // The workflow has ended, so no clock of it can fire again: every update was queued before the resolution.
    const { resolvedAt } = await readQuery(query.id);
    const updates = await stack.db.prisma.outboundMail.findMany({ where: { source: 'support', data: { path: ['queryId'], equals: query.id } } });
    const researchUpdates = updates.filter((m) => JSON.stringify(m.data).includes('research is still under way'));
    expect(researchUpdates.length).toBeGreaterThanOrEqual(2);
    for (const update of researchUpdates) expect(update.createdAt.getTime()).toBeLessThanOrEqual(Date.parse(resolvedAt!));
    await recordHistory('support-query-community-to-research', workflow);
  });

  it('needs_info pauses the clock past its deadline; the customer answering starts the next-reply clock, which breaches on time', async () => {
    const subject = 'Crash on start';
    const { query, workflow } = await submit(subject);
    await reply(query.id, { kind: 'needs_info', answer: 'Which version do you run?', etaMinutes: 60, needInfo: [{ item: 'version' }, { item: 'logs' }] });
    expect((await readQuery(query.id)).status).toBe('awaiting_customer');
    expect((await readQuery(query.id)).replyDueAt).toBeNull();

    // The reminder comes 5 s after the request, past the first-reply deadline (4 s after submission):
    // once it is here the workflow has lived through that deadline, and it did not breach.
    await mailArrives(subject, 'needs-info reminder', (m) => m.text.startsWith('A reminder'));
    expect(Date.now()).toBeGreaterThan(Date.parse(query.submittedAt) + FIRST_REPLY_MS);
    expect((await readQuery(query.id)).slaBreached).toBe(false);
    expect((await workflow.query(supportQueryStatusQuery)).replyDueAt).toBeNull();
    expect(await stack.db.prisma.slaEvent.count({ where: { queryId: query.id, kind: 'reply_breach' } })).toBe(0);

    const answered = await stack.call(acme, 'POST', `/queries/${query.id}/messages`, { body: 'Version 4.2, logs attached.' });
    expect(answered.status).toBe(201);
    const answeredAt = Date.now();
    const breached = await eventually('breach at the resumed deadline', async () => {
      const q = await readQuery(query.id);
      return q.slaBreached ? q : undefined;
    }, { timeoutMs: 20_000 });
    const sinceAnswer = Date.parse(breached.breachedAt!) - answeredAt;
    expect(sinceAnswer).toBeGreaterThanOrEqual(NEXT_REPLY_MS - 1_000);
    expect(sinceAnswer).toBeLessThan(NEXT_REPLY_MS + 10_000);

    await reply(query.id, { answer: 'Fixed in 4.2.1.', etaMinutes: 5 });
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: true });
    await recordHistory('support-query-needs-info-answered', workflow);
  });

  it('needs_info without an answer is reminded, then closed with a note; the worker renews its token from identity meanwhile', async () => {
    const tokensBefore = stack.workerTokensUsed.size;
    const subject = 'Slow reports';
    const { query, workflow } = await submit(subject);
    await reply(query.id, { kind: 'needs_info', answer: 'Please send the logs.', etaMinutes: 60, needInfo: [{ item: 'logs' }] });
    expect(await workflow.result()).toMatchObject({ result: 'closed' });
    const closed = await readQuery(query.id);
    expect(closed).toMatchObject({ status: 'closed', closeNote: expect.stringContaining('did not receive the information') });
    await mailArrives(subject, 'reminder', (m) => m.text.startsWith('A reminder'));
    const closing = await mailArrives(subject, 'closing note', (m) => m.text.startsWith('We have closed this query'));
    expect(closing.to).toEqual([stack.people.companyLabel]);
    // 8 s of clocks with tokens that live 4 s: the worker fetched new ones, and every call was accepted.
    expect(stack.workerTokensUsed.size).toBeGreaterThanOrEqual(tokensBefore + 2);
    await recordHistory('support-query-needs-info-closed', workflow);
  });

  it('an action reply asks the project board for a task', async () => {
    const { query, workflow } = await submit('Add SSO');
    const res = await reply(query.id, { kind: 'action', answer: 'We will add SSO.', etaMinutes: 600, task: { title: 'Add SSO for Acme', estimateMinutes: 240 } });
    const taskRequestId = res.body.replies[0]!.taskRequestId;
    const event = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'support.task.requested', payload: { path: ['queryId'], equals: query.id } } });
    expect(event.payload).toMatchObject({ taskRequestId, title: 'Add SSO for Acme', estimateMinutes: 240, customerId: acme.customerId });
    await resolveAsCustomer(query.id);
    await workflow.result();
  });
});

interface RawPayload {
  metadata?: Record<string, Uint8Array> | null;
  data?: Uint8Array | null;
}

/** Every payload anywhere in a history (inputs, results, signals, failures), with where it sits. */
function collectPayloads(node: unknown, path = '', found: { path: string; payload: RawPayload }[] = []) {
  if (node === null || typeof node !== 'object') return found;
  if (node instanceof Uint8Array) return found;
  const candidate = node as RawPayload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && 'encoding' in candidate.metadata && candidate.data !== undefined) {
    found.push({ path, payload: candidate });
    return found;
  }
  for (const [key, value] of Object.entries(node)) collectPayloads(value, `${path}.${key}`, found);
  return found;
}
