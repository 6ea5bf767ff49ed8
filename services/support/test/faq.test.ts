import { signToken } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const alice = expert('alice');
const bob = expert('bob');

const entries = {
  crmSync: {
    question: 'The CRM sync stops halfway',
    answer: 'When the CRM sync stops, re-authorize the CRM connector; the sync then resumes from the last page.',
  },
  syncSchedule: { question: 'How often do we sync?', answer: 'Every 15 minutes.' },
  password: { question: 'How do I reset my password?', answer: 'Use the reset link on the sign-in page.' },
};

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
  await support.as(ops).put('/customers/acme/contacts', { email: 'it@acme.example' });
  for (const entry of Object.values(entries)) expect((await support.as(ops).post('/faq', entry)).status).toBe(201);
});
afterAll(async () => support?.db.drop());

async function submit(subject: string, body: string) {
  const res = await support.as(acme).post('/queries', { subject, body });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function deleteAs(path: string) {
  return supertest(support.app).delete(path).set('authorization', `Bearer ${await signToken(testJwtSecret, ops)}`);
}

describe('the quick sheet', () => {
  it('ops add, change and remove entries', async () => {
    const created = await support.as(ops).post('/faq', { question: 'Where are invoices?', answer: 'Under Billing.' });
    expect(created.body).toMatchObject({ question: 'Where are invoices?', createdBy: 'ops-1' });
    const changed = await support.as(ops).put(`/faq/${created.body.id}`, { question: 'Where are my invoices?', answer: 'Billing > Invoices.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.body.id, answer: 'Billing > Invoices.' });
    expect((await deleteAs(`/faq/${created.body.id}`)).status).toBe(204);
    expect((await deleteAs(`/faq/${created.body.id}`)).status).toBe(404);
    expect((await support.as(ops).put(`/faq/${created.body.id}`, { question: 'q', answer: 'a' })).status).toBe(404);
  });

  it('experts read it a page at a time but cannot change it', async () => {
    const first = await support.as(alice).get('/faq?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await support.as(alice).get(`/faq?limit=2&cursor=${first.body.nextCursor}`);
    const questions = [...first.body.items, ...second.body.items].map((e: { question: string }) => e.question);
    expect(questions).toEqual(Object.values(entries).map((e) => e.question));
    expect((await support.as(alice).post('/faq', { question: 'q', answer: 'a' })).status).toBe(403);
    expect((await support.as(acme).get('/faq')).status).toBe(403);
  });

  it('refuses an entry without an answer, naming the field', async () => {
    const res = await support.as(ops).post('/faq', { question: 'Only a question' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.answer');
  });
});

describe('matches for a query', () => {
  it('ranks the most relevant entry first, though the whole text matches none', async () => {
    const id = await submit('CRM sync fails', 'Since Monday the CRM sync stops at 50%.');
    const res = await support.as(alice).get(`/queries/${id}/faq-matches`);
    expect(res.status).toBe(200);
    const questions = res.body.items.map((m: { question: string }) => m.question);
    expect(questions).toEqual([entries.crmSync.question, entries.syncSchedule.question]);
    expect(res.body.items[0].rank).toBeGreaterThan(res.body.items[1].rank);
  });

  it('a text whose every word is on an entry matches it directly, whatever the word forms', async () => {
    const id = await submit('Resetting passwords', 'How do I reset my password?');
    const res = await support.as(ops).get(`/queries/${id}/faq-matches`);
    expect(res.body.items.map((m: { question: string }) => m.question)).toEqual([entries.password.question]);
  });

  it('shows nothing for an unrelated query', async () => {
    const id = await submit('Holiday opening hours', 'Are you open over Christmas?');
    const res = await support.as(alice).get(`/queries/${id}/faq-matches`);
    expect(res.body.items).toEqual([]);
  });

  it('is 404 for an expert who is not assigned, as the query itself is', async () => {
    const id = await submit('CRM sync fails', 'It stops.');
    expect((await support.as(bob).get(`/queries/${id}/faq-matches`)).status).toBe(404);
    expect((await support.as(acme).get(`/queries/${id}/faq-matches`)).status).toBe(403);
  });

  it('never replies on its own: no reply and no mail from submitting or matching', async () => {
    const id = await submit('CRM sync stops halfway', 'The CRM sync stops halfway every night.');
    const res = await support.as(alice).get(`/queries/${id}/faq-matches`);
    expect(res.body.items[0].question).toBe(entries.crmSync.question);
    expect(await support.db.prisma.queryReply.count({ where: { queryId: id } })).toBe(0);
    expect(await support.db.prisma.outboundMail.count({ where: { data: { path: ['queryId'], equals: id } } })).toBe(0);
    const [withAnswer] = await support.db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM platform.outbound_mail WHERE data::text LIKE '%' || ${entries.crmSync.answer} || '%'`;
    expect(withAnswer?.n).toBe(0);
  });
});
