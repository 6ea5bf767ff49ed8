import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportQueryStatusQuery } from '../src/support-query/messages.js';
import { recordHistory } from './histories.js';
import { customer, expert, ops, startSupportStack } from './support-stack.js';
import { eventually } from '@guild/testkit';

// The whole support process against real PostgreSQL, NATS and Temporal, with clocks in seconds:
// first reply 4 s (warning 2 s before), community check 3 s, research update every 2 s,
// needs-info reminder 2 s and close 4 s.
let stack: Awaited<ReturnType<typeof startSupportStack>>;
const acme = customer('acme');
const alice = expert('alice');

beforeAll(async () => {
  stack = await startSupportStack({
    firstReply: '4s',
    preBreachWarning: '2s',
    nextReply: '4s',
    communityCheck: '3s',
    researchUpdateEvery: '2s',
    needsInfoReminder: '2s',
    needsInfoClose: '4s',
    quietClose: '1h',
  });
  await stack.call(ops, 'PUT', '/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
  await stack.call(ops, 'PUT', '/customers/acme/contacts', { email: 'cto@acme.example', name: 'Acme CTO' });
});
afterAll(async () => stack?.stop());

async function submit(subject: string) {
  const res = await stack.call(acme, 'POST', '/queries', { subject, body: 'Details of the problem.' });
  expect(res.status).toBe(201);
  return { query: res.body, workflow: await stack.workflowOf(res.body.id) };
}
const reply = (queryId: string, body: Record<string, unknown>) => stack.call(alice, 'POST', `/queries/${queryId}/replies`, body);
const readQuery = async (queryId: string) => (await stack.call(acme, 'GET', `/queries/${queryId}`)).body;
/** The mails support queued about a query: who they are to (people by id, as identity will resolve them), template and data. */
async function mailsOf(queryId: string) {
  const rows = await stack.db.prisma.outboundMail.findMany({ where: { source: 'support', data: { path: ['queryId'], equals: queryId } }, orderBy: { createdAt: 'asc' } });
  return rows.map((row) => ({
    to: (row.recipients as { kind: string; companyId?: string; expertId?: string; address?: string }[]).map((r) => [r.kind, r.companyId ?? r.expertId ?? r.address].filter(Boolean).join(':')),
    template: row.template,
    text: JSON.stringify(row.data),
  }));
}
const queryIs = (queryId: string, status: string) =>
  eventually(`query ${queryId} ${status}`, async () => ((await readQuery(queryId)).status === status ? true : undefined));

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

  it('warns the expert before the deadline, then marks the breach, tells ops and the backup; a late reply still counts', async () => {
    const { query, workflow } = await submit('Dashboard down');
    const warning = await eventually('pre-breach warning', async () =>
      (await mailsOf(query.id)).find((m) => m.to.includes('expert:alice')),
    );
    expect(warning.template).toBe('support.reply-due');
    expect((await readQuery(query.id)).slaBreached).toBe(false);

    await eventually('breach', async () => ((await readQuery(query.id)).slaBreached ? true : undefined));
    const breachMail = (await mailsOf(query.id)).find((m) => m.template === 'support.breach');
    expect(breachMail?.to).toEqual(['ops', 'expert:bob']);
    const escalations = await stack.call<{ items: { queryId: string }[] }>(ops, 'GET', '/escalations');
    expect(escalations.body.items.map((i) => i.queryId)).toContain(query.id);
    expect((await workflow.describe()).searchAttributes).toMatchObject({ SlaBreached: [true] });
    const breachedEvent = await stack.db.prisma.outboxEvent.count({ where: { subject: 'support.query.breached', payload: { path: ['queryId'], equals: query.id } } });
    expect(breachedEvent).toBe(1);

    await reply(query.id, { answer: 'Sorry for the wait, it is back.', etaMinutes: 10 });
    await stack.call(alice, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: true });
    await recordHistory('support-query-breached-then-answered', workflow);
  });

  it('checking goes to the community; the answer reaches the assigned expert, who replies to the customer', async () => {
    const { query, workflow } = await submit('Webhook retries');
    await reply(query.id, { kind: 'checking', answer: 'Checking with colleagues.', etaMinutes: 120, communityQuestion: 'Do webhook retries back off?' });
    const open = await stack.call<{ items: { id: string; question: string }[] }>(expert('bob'), 'GET', '/community/questions');
    const question = open.body.items.find((q) => q.question === 'Do webhook retries back off?')!;
    expect(JSON.stringify(open.body)).not.toContain('acme');
    await stack.call(expert('bob'), 'POST', `/community/questions/${question.id}/answers`, { answer: 'Yes: exponential, 5 tries.' });
    const toAlice = (await mailsOf(query.id)).find((m) => m.to.includes('expert:alice') && m.text.includes('exponential'));
    expect(toAlice).toBeDefined();
    expect((await mailsOf(query.id)).some((m) => m.to.includes('company:acme') && m.text.includes('exponential'))).toBe(false);

    await reply(query.id, { answer: 'Retries back off exponentially, 5 tries; yours hit the limit.', etaMinutes: 5 });
    await eventually('answered', async () => ((await workflow.query(supportQueryStatusQuery)).stage === 'answered' ? true : undefined));
    expect((await mailsOf(query.id)).some((m) => m.to.includes('company:acme') && m.text.includes('back off exponentially'))).toBe(true);
    await stack.call(alice, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: false });
  });

  it('a community check that runs out moves to research, tells the customer, and updates them until resolved', async () => {
    const { query, workflow } = await submit('Odd ERP behaviour');
    await reply(query.id, { kind: 'checking', answer: 'We are checking with our community.', etaMinutes: 600, communityQuestion: 'ERP sync drops rows after 50%?' });
    expect((await readQuery(query.id)).status).toBe('community');
    await queryIs(query.id, 'research');
    const told = (await mailsOf(query.id)).find((m) => m.text.includes('now goes to research'));
    expect(told?.to).toEqual(['company:acme']);
    await eventually('two research updates', async () =>
      (await mailsOf(query.id)).filter((m) => m.text.includes('research is still under way')).length >= 2 ? true : undefined,
    );
    await reply(query.id, { answer: 'Found it: a driver bug; patched.', etaMinutes: 5 });
    await stack.call(alice, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved' });
    const updates = (await mailsOf(query.id)).filter((m) => m.text.includes('research is still under way')).length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await mailsOf(query.id)).filter((m) => m.text.includes('research is still under way')).length).toBe(updates);
    await recordHistory('support-query-community-to-research', workflow);
  });

  it('needs_info pauses the clock; the customer answering starts the next-reply clock', async () => {
    const { query, workflow } = await submit('Crash on start');
    await reply(query.id, { kind: 'needs_info', answer: 'Which version do you run?', etaMinutes: 60, needInfo: [{ item: 'version' }, { item: 'logs' }] });
    expect((await readQuery(query.id)).status).toBe('awaiting_customer');
    expect((await readQuery(query.id)).replyDueAt).toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await workflow.query(supportQueryStatusQuery)).replyDueAt).toBeNull();

    const answered = await stack.call(acme, 'POST', `/queries/${query.id}/messages`, { body: 'Version 4.2, logs attached.' });
    expect(answered.status).toBe(201);
    const dueAt = await eventually('next-reply clock', async () => (await readQuery(query.id)).replyDueAt ?? undefined);
    expect(Date.parse(dueAt) - Date.now()).toBeGreaterThan(1_000);
    await reply(query.id, { answer: 'Fixed in 4.2.1.', etaMinutes: 5 });
    await stack.call(acme, 'POST', `/queries/${query.id}/resolution`);
    expect(await workflow.result()).toMatchObject({ result: 'resolved', breached: false });
    await recordHistory('support-query-needs-info-answered', workflow);
  });

  it('needs_info without an answer is reminded, then closed with a note', async () => {
    const { query, workflow } = await submit('Slow reports');
    await reply(query.id, { kind: 'needs_info', answer: 'Please send the logs.', etaMinutes: 60, needInfo: [{ item: 'logs' }] });
    expect(await workflow.result()).toMatchObject({ result: 'closed' });
    const closed = await readQuery(query.id);
    expect(closed).toMatchObject({ status: 'closed', closeNote: expect.stringContaining('did not receive the information') });
    const texts = (await mailsOf(query.id)).map((m) => m.text);
    expect(texts.some((t) => t.startsWith('A reminder'))).toBe(true);
    expect(texts.some((t) => t.startsWith('We have closed this query'))).toBe(true);
    await recordHistory('support-query-needs-info-closed', workflow);
  });

  it('an action reply asks the project board for a task', async () => {
    const { query, workflow } = await submit('Add SSO');
    const res = await reply(query.id, { kind: 'action', answer: 'We will add SSO.', etaMinutes: 600, task: { title: 'Add SSO for Acme', estimateMinutes: 240 } });
    const taskRequestId = res.body.replies[0]!.taskRequestId;
    const event = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'support.task.requested', payload: { path: ['queryId'], equals: query.id } } });
    expect(event.payload).toMatchObject({ taskRequestId, title: 'Add SSO for Acme', estimateMinutes: 240, customerId: 'acme' });
    await stack.call(alice, 'POST', `/queries/${query.id}/resolution`);
    await workflow.result();
  });

  it('the same submitted event delivered twice runs one workflow', async () => {
    const { query, workflow } = await submit('Twice');
    const row = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'support.query.submitted', payload: { path: ['queryId'], equals: query.id } } });
    const envelope = { id: row.id, subject: row.subject, version: row.version, source: row.source, occurredAt: row.occurredAt.toISOString(), payload: row.payload };
    await stack.handlers['support.query.submitted']!(envelope);
    await stack.handlers['support.query.submitted']!(envelope);
    const runs: string[] = [];
    for await (const wf of stack.temporal.client.workflow.list({ query: `WorkflowId = '${workflow.workflowId}'` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    await stack.call(ops, 'POST', `/queries/${query.id}/resolution`);
    await workflow.result();
  });
});
