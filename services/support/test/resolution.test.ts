import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, service, startSupportApp } from './support-app.js';

// Resolution, rating, reopening and assignment through support's API, as the workflow would drive
// them (it reports fired clocks to /sla-events); the whole process runs in workflows' tests.
let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const alice = expert('alice');
const bob = expert('bob');
const workflow = service;

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice', backupExpertId: 'bob' });
});
afterAll(async () => support?.db.drop());

async function answeredQuery(subject: string) {
  const { body: query } = await support.as(acme).post('/queries', { subject, body: 'Details.' });
  await support.as(alice).post(`/queries/${query.id}/replies`, { answer: 'Done.', etaMinutes: 30 });
  return query as { id: string; number: number };
}
async function mailsOf(queryId: string) {
  const rows = await support.db.prisma.outboundMail.findMany({ where: { source: 'support', data: { path: ['queryId'], equals: queryId } }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => ({ template: r.template, to: r.recipients, data: r.data as Record<string, unknown> }));
}
const tokenOf = (url: string) => decodeURIComponent(url.split('#token=')[1]!);

describe('resolution the customer agrees with', () => {
  it('an expert proposes, the customer confirms; the resolution mail carries five signed rating links', async () => {
    const query = await answeredQuery('Export fails');
    expect((await support.as(alice).post(`/queries/${query.id}/resolution`)).status).toBe(403);
    const proposed = await support.as(alice).post(`/queries/${query.id}/resolution-proposal`);
    expect(proposed.body.status).toBe('resolution_proposed');
    const confirmed = await support.as(acme).post(`/queries/${query.id}/resolution`);
    expect(confirmed.body.status).toBe('resolved');
    const mail = (await mailsOf(query.id)).find((m) => m.template === 'support.query-resolved')!;
    expect(mail.to).toEqual([{ kind: 'company', companyId: 'acme' }]);
    expect((mail.data.ratingLinks as unknown[]).length).toBe(5);
  });

  it('a rating link rates once: the page rates nothing, the first answer is kept, a second is 409', async () => {
    const query = await answeredQuery('Rate me');
    await support.as(ops).post(`/queries/${query.id}/resolution`);
    const links = (await mailsOf(query.id)).find((m) => m.template === 'support.query-resolved')!.data.ratingLinks as { score: number; url: string }[];
    expect((await support.anonymous.get('/ratings/answer')).status).toBe(200);
    expect(await support.db.prisma.queryRating.count({ where: { queryId: query.id } })).toBe(0);

    const four = tokenOf(links[3]!.url);
    const rated = await support.anonymous.post('/ratings/answer').type('form').send({ token: four, comment: 'Quick, thanks' });
    expect(rated.status).toBe(201);
    const again = await support.anonymous.post('/ratings').send({ token: tokenOf(links[0]!.url) });
    expect(again.status).toBe(409);
    expect(await support.db.prisma.queryRating.findUnique({ where: { queryId: query.id } })).toMatchObject({ score: 4, comment: 'Quick, thanks' });
  });

  it('a forged or altered rating link is a 404', async () => {
    const query = await answeredQuery('Forged');
    await support.as(ops).post(`/queries/${query.id}/resolution`);
    const links = (await mailsOf(query.id)).find((m) => m.template === 'support.query-resolved')!.data.ratingLinks as { url: string }[];
    const [id, , expires, sig] = tokenOf(links[0]!.url).split('.');
    expect((await support.anonymous.post('/ratings').send({ token: `${id}.5.${expires}.${sig}` })).status).toBe(404);
    expect((await support.anonymous.post('/ratings').send({ token: 'nonsense' })).status).toBe(404);
  });

  it('a message inside the reopen window reopens the same query; after it, a new query follows the old one', async () => {
    const query = await answeredQuery('Reopen me');
    await support.as(acme).post(`/queries/${query.id}/resolution`);
    const reopened = await support.as(acme).post(`/queries/${query.id}/messages`, { body: 'Still broken.' });
    expect(reopened.body).toMatchObject({ id: query.id, status: 'open', reopenedAt: expect.any(String) });

    await support.as(ops).post(`/queries/${query.id}/resolution`);
    await support.as(workflow).post(`/queries/${query.id}/sla-events`, { kind: 'reopen_window_end', dueAt: new Date().toISOString() });
    const late = await support.as(acme).post(`/queries/${query.id}/messages`, { body: 'It broke again.' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ followsQueryId: query.id, status: 'open', body: 'It broke again.' });
    expect(late.body.id).not.toBe(query.id);
  });

  it('a follow-up accepted before an automatic close keeps the query open', async () => {
    const query = await answeredQuery('Race');
    await support.as(acme).post(`/queries/${query.id}/messages`, { body: 'One more thing.' });
    const closed = await support.as(workflow).post(`/queries/${query.id}/sla-events`, { kind: 'quiet_close', dueAt: new Date().toISOString() });
    expect(closed.body.status).toBe('open');
  });
});

describe('nobody is stuck', () => {
  it('an unassigned query alerts ops; ops assign it with a reason (audited) and the expert answers', async () => {
    const lonely = customer('lonely');
    const { body: query } = await support.as(lonely).post('/queries', { subject: 'Anyone?', body: 'Hello?' });
    expect((await mailsOf(query.id)).find((m) => m.template === 'support.query-needs-ops')?.to).toEqual([{ kind: 'ops' }]);
    expect((await support.as(ops).put(`/queries/${query.id}/assignment`, { expertId: 'nobody-such', reason: 'try someone' })).status).toBe(422);
    const assigned = await support.as(ops).put(`/queries/${query.id}/assignment`, { expertId: 'alice', reason: 'alice knows exports' });
    expect(assigned.body.assignedExpertId).toBe('alice');
    const audit = await support.db.prisma.opsAuditEntry.findFirst({ where: { action: 'assign query', target: { contains: query.id } } });
    expect(audit?.details).toMatchObject({ from: null, to: 'alice', reason: 'alice knows exports' });
    expect((await support.as(alice).post(`/queries/${query.id}/replies`, { answer: 'Here.', etaMinutes: 5 })).status).toBe(201);
  });

  it('ops reply to any query; after a breach the backup expert opens and answers it', async () => {
    const { body: query } = await support.as(acme).post('/queries', { subject: 'Late', body: 'Urgent.' });
    expect((await support.as(bob).get(`/queries/${query.id}`)).status).toBe(404);
    await support.as(workflow).post(`/queries/${query.id}/sla-events`, { kind: 'reply_breach', dueAt: new Date().toISOString() });
    expect((await support.as(bob).get(`/queries/${query.id}`)).status).toBe(200);
    expect((await support.as(bob).post(`/queries/${query.id}/replies`, { answer: 'Taking over.', etaMinutes: 20 })).status).toBe(201);
    expect((await support.as(ops).post(`/queries/${query.id}/replies`, { answer: 'Ops here too.' })).status).toBe(201);
  });
});
