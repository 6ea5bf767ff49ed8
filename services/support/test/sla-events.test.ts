import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, service, startSupportApp } from './support-app.js';

// What each fired clock does, reported as the workflow reports it (POST /queries/:id/sla-events):
// every kind once, the same report twice takes one effect, and a late report on a query that has
// ended takes none.
let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const alice = expert('alice');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => support?.db.drop());

async function submit() {
  const res = await support.as(acme).post('/queries', { subject: 'Nightly import stalls', body: 'It stops at row 10k.' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const dueAt = new Date(Date.now() - 1_000).toISOString();
const report = (queryId: string, kind: string, due = dueAt) => support.as(service).post(`/queries/${queryId}/sla-events`, { kind, dueAt: due });
const reply = (queryId: string, body: Record<string, unknown>) => support.as(alice).post(`/queries/${queryId}/replies`, body);
const readQuery = async (queryId: string) => (await support.as(acme).get(`/queries/${queryId}`)).body;

/** Everything a report could cause about one query: its mails (template, people, text) and its events. */
async function effectsOf(queryId: string) {
  const about = { path: ['queryId'], equals: queryId };
  const mails = await support.db.prisma.outboundMail.findMany({ where: { source: 'support', data: about }, orderBy: { createdAt: 'asc' } });
  const events = await support.db.prisma.outboxEvent.findMany({ where: { payload: about }, orderBy: { occurredAt: 'asc' } });
  return {
    mails: mails.map((m) => ({ template: m.template, to: m.recipients, text: JSON.stringify(m.data) })),
    events: events.map((e) => ({ subject: e.subject, payload: e.payload as Record<string, unknown> })),
  };
}
/** What a report added to a query's effects. */
async function effectOfReport(queryId: string, kind: string, due = dueAt) {
  const before = await effectsOf(queryId);
  const res = await report(queryId, kind, due);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const after = await effectsOf(queryId);
  return { query: res.body, mails: after.mails.slice(before.mails.length), events: after.events.slice(before.events.length) };
}

/** A query in the state each clock fires in. */
const setups: Record<string, () => Promise<string>> = {
  open: submit,
  community: async () => {
    const id = await submit();
    await reply(id, { kind: 'checking', answer: 'Checking with colleagues.', etaMinutes: 60, communityQuestion: 'Imports stalling at 10k rows?' });
    return id;
  },
  research: async () => {
    const id = await setups.community!();
    await report(id, 'community_timeout');
    return id;
  },
  awaiting_customer: async () => {
    const id = await submit();
    await reply(id, { kind: 'needs_info', answer: 'Which version?', etaMinutes: 60, needInfo: [{ item: 'version' }] });
    return id;
  },
  answered: async () => {
    const id = await submit();
    await reply(id, { answer: 'Raised the batch limit.', etaMinutes: 30 });
    return id;
  },
};

describe('each fired clock through the service', () => {
  it('reply_clock_started shows the deadline in the queue, nothing else', async () => {
    const id = await submit();
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const { query, mails, events } = await effectOfReport(id, 'reply_clock_started', due);
    expect(query.replyDueAt).toBe(due);
    expect(events).toEqual([]);
    expect(mails.filter((m) => m.template !== 'support.query-received')).toEqual([]);
  });

  it('pre_breach_warning mails the assigned expert', async () => {
    const { mails, events } = await effectOfReport(await submit(), 'pre_breach_warning');
    expect(mails).toEqual([expect.objectContaining({ template: 'support.reply-due', to: [{ kind: 'expert', expertId: 'alice' }] })]);
    expect(events).toEqual([]);
  });

  it('reply_breach marks the query, publishes the breach and mails ops and the backup expert', async () => {
    const id = await submit();
    const { query, mails, events } = await effectOfReport(id, 'reply_breach');
    expect(query).toMatchObject({ slaBreached: true });
    expect(events).toEqual([expect.objectContaining({ subject: 'support.query.breached', payload: expect.objectContaining({ clock: 'first_reply', dueAt }) })]);
    expect(mails).toEqual([expect.objectContaining({ template: 'support.breach', to: [{ kind: 'ops' }, { kind: 'expert', expertId: 'bob' }] })]);
  });

  it('community_timeout moves the query to research and tells the customer', async () => {
    const { query, mails } = await effectOfReport(await setups.community!(), 'community_timeout');
    expect(query.status).toBe('research');
    expect(mails.some((m) => m.template === 'support.query-update' && m.text.includes('now goes to research'))).toBe(true);
  });

  it('research_update tells the customer research goes on', async () => {
    const { query, mails, events } = await effectOfReport(await setups.research!(), 'research_update');
    expect(query.status).toBe('research');
    expect(mails).toEqual([expect.objectContaining({ template: 'support.query-update', text: expect.stringContaining('research is still under way') })]);
    expect(events).toEqual([]);
  });

  it('needs_info_reminder reminds the customer', async () => {
    const { query, mails } = await effectOfReport(await setups.awaiting_customer!(), 'needs_info_reminder');
    expect(query.status).toBe('awaiting_customer');
    expect(mails).toEqual([expect.objectContaining({ template: 'support.query-update', text: expect.stringContaining('A reminder') })]);
  });

  it('needs_info_close closes the query with a note, publishes the close and tells the customer', async () => {
    const { query, mails, events } = await effectOfReport(await setups.awaiting_customer!(), 'needs_info_close');
    expect(query).toMatchObject({ status: 'closed', closeNote: expect.stringContaining('did not receive the information') });
    expect(events).toEqual([expect.objectContaining({ subject: 'support.query.closed', payload: expect.objectContaining({ reason: 'no_customer_answer' }) })]);
    expect(mails).toEqual([expect.objectContaining({ text: expect.stringContaining('We have closed this query') })]);
  });

  it('quiet_close closes an answered query nobody followed up', async () => {
    const { query, mails, events } = await effectOfReport(await setups.answered!(), 'quiet_close');
    expect(query).toMatchObject({ status: 'closed', closeNote: expect.stringContaining('heard nothing more') });
    expect(events).toEqual([expect.objectContaining({ subject: 'support.query.closed', payload: expect.objectContaining({ reason: 'quiet' }) })]);
    expect(mails).toEqual([expect.objectContaining({ text: expect.stringContaining('We have closed this query') })]);
  });

  it('eta_overdue alerts ops', async () => {
    const { query, mails, events } = await effectOfReport(await setups.answered!(), 'eta_overdue');
    expect(query.status).toBe('answered');
    expect(mails).toEqual([expect.objectContaining({ template: 'support.eta-overdue', to: [{ kind: 'ops' }] })]);
    expect(events).toEqual([]);
  });
});

describe('a clock reported twice', () => {
  const twice: [kind: string, setup: string][] = [
    ['pre_breach_warning', 'open'],
    ['reply_breach', 'open'],
    ['community_timeout', 'community'],
    ['research_update', 'research'],
    ['needs_info_reminder', 'awaiting_customer'],
    ['needs_info_close', 'awaiting_customer'],
    ['quiet_close', 'answered'],
    ['eta_overdue', 'answered'],
  ];
  it.each(twice)('%s takes one effect: no second mail, event or change', async (kind, setup) => {
    const id = await setups[setup]!();
    const first = await effectOfReport(id, kind);
    expect(first.mails.length + first.events.length).toBeGreaterThan(0);
    const second = await effectOfReport(id, kind);
    expect(second).toEqual({ query: first.query, mails: [], events: [] });
  });

  it('a new due time of the same kind is a new clock: it takes effect again', async () => {
    const id = await setups.research!();
    await effectOfReport(id, 'research_update');
    const next = await effectOfReport(id, 'research_update', new Date(Date.now()).toISOString());
    expect(next.mails).toHaveLength(1);
  });
});

describe('a late report on a query that has ended', () => {
  const late = ['pre_breach_warning', 'reply_breach', 'community_timeout', 'research_update', 'needs_info_reminder', 'needs_info_close', 'quiet_close', 'eta_overdue'];

  it.each(late)('%s on a resolved query takes no effect', async (kind) => {
    const id = await setups.answered!();
    expect((await support.as(acme).post(`/queries/${id}/resolution`)).status).toBe(200);
    const resolved = await readQuery(id);
    const { query, mails, events } = await effectOfReport(id, kind);
    expect({ mails, events }).toEqual({ mails: [], events: [] });
    expect(query).toMatchObject({ status: resolved.status, slaBreached: false, closeNote: resolved.closeNote });
  });

  it.each(late)('%s on a closed query takes no effect', async (kind) => {
    const id = await setups.awaiting_customer!();
    await report(id, 'needs_info_close', new Date(Date.now() - 5_000).toISOString());
    const closed = await readQuery(id);
    expect(closed.status).toBe('closed');
    const { query, mails, events } = await effectOfReport(id, kind);
    expect({ mails, events }).toEqual({ mails: [], events: [] });
    expect(query).toMatchObject({ status: 'closed', slaBreached: false, closeNote: closed.closeNote });
  });
});
