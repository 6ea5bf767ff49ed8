import { renderMail } from '@guild/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityAnswerMail } from '../src/mail/templates.js';
import { customer, expert, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const alice = expert('alice');
const bob = expert('bob');

const subject = 'Warehouse export truncates SKUs';
const body = 'Our export for the Lodz warehouse cuts SKUs at 12 characters.';

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
  await support.as(ops).put('/customers/acme/contacts', { email: 'it@acme.example' });
});
afterAll(async () => support?.db.drop());

/** A query of acme that alice answers with "we are checking", putting a question to the community. */
async function askCommunity(communityQuestion: string) {
  const submitted = await support.as(acme).post('/queries', { subject, body });
  expect(submitted.status).toBe(201);
  const queryId = submitted.body.id as string;
  const replied = await support.as(alice).post(`/queries/${queryId}/replies`, {
    kind: 'checking',
    answer: 'We are checking this with our experts.',
    etaMinutes: 120,
    communityQuestion,
  });
  expect(replied.status).toBe(201);
  const question = await support.db.prisma.communityQuestion.findUniqueOrThrow({ where: { queryId } });
  return { queryId, questionId: question.id };
}

async function openQuestions() {
  const res = await support.as(bob).get('/community/questions?limit=100');
  expect(res.status).toBe(200);
  return res.body.items as { id: string; question: string; openedAt: string }[];
}

describe('open community questions', () => {
  it('show only the question, without the customer, the query or contact details', async () => {
    const { queryId, questionId } = await askCommunity(
      'Which export setting truncates SKU codes at 12 characters? Contact jan.kowalski@acme.example or +48 601 234 567.',
    );
    const items = await openQuestions();
    const item = items.find((q) => q.id === questionId);
    expect(item).toBeDefined();
    expect(Object.keys(item!).sort()).toEqual(['id', 'openedAt', 'question']);
    expect(item!.question).toContain('Which export setting truncates SKU codes');
    const listed = JSON.stringify(items);
    for (const secret of ['acme', queryId, subject, 'Lodz warehouse', 'jan.kowalski', '601 234 567']) {
      expect(listed).not.toContain(secret);
    }
  });

  it('come oldest first, a page at a time', async () => {
    const older = await askCommunity('Does the importer accept semicolon-separated files?');
    const newer = await askCommunity('Is there a rate limit on the orders webhook?');
    const first = await support.as(bob).get('/community/questions?limit=1');
    const ids: string[] = first.body.items.map((q: { id: string }) => q.id);
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const page = await support.as(bob).get(`/community/questions?limit=1&cursor=${cursor}`);
      ids.push(...page.body.items.map((q: { id: string }) => q.id));
      cursor = page.body.nextCursor;
    }
    expect(ids.indexOf(older.questionId)).toBeLessThan(ids.indexOf(newer.questionId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are not for customers', async () => {
    expect((await support.as(acme).get('/community/questions')).status).toBe(403);
  });
});

describe('answering a community question', () => {
  it('keeps the answer and mails it to the assigned expert, never to the customer', async () => {
    const { queryId, questionId } = await askCommunity('Why would a CSV export cut values at 12 characters?');
    const answer = 'The legacy export profile caps text columns at 12; switch the profile to "extended".';

    const res = await support.as(bob).post(`/community/questions/${questionId}/answers`, { answer });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: questionId, answer, answeredAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(queryId);
    const stored = await support.db.prisma.communityQuestion.findUniqueOrThrow({ where: { id: questionId } });
    expect(stored.answeredBy).toBe('bob');
    const mail = await support.db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey: `community-answer:${questionId}` } });
    expect(mail.recipients).toEqual([{ kind: 'expert', expertId: 'alice' }]);
    const text = renderMail(communityAnswerMail, mail.data).text;
    expect(text).toContain('Why would a CSV export cut values at 12 characters?');
    expect(text).toContain(answer);
    expect(text).toMatch(/reply to the customer/i);
    const mailsWithAnswer = await support.db.prisma.outboundMail.findMany({ where: { data: { path: ['answer'], equals: answer } } });
    expect(mailsWithAnswer.map((m) => m.recipients)).toEqual([[{ kind: 'expert', expertId: 'alice' }]]);
  });

  it('leaves the list once answered, and shows its answer', async () => {
    const { questionId } = await askCommunity('Can the export profile be changed per warehouse?');
    await support.as(ops).post(`/community/questions/${questionId}/answers`, { answer: 'Yes, under Warehouses > Export.' });
    expect((await openQuestions()).map((q) => q.id)).not.toContain(questionId);
    const one = await support.as(bob).get(`/community/questions/${questionId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: questionId, answer: 'Yes, under Warehouses > Export.' });
  });

  it('takes one answer; a second is refused and the first kept', async () => {
    const { questionId } = await askCommunity('Is the 12-character cap documented anywhere?');
    await support.as(bob).post(`/community/questions/${questionId}/answers`, { answer: 'In the admin guide, chapter 4.' });
    const second = await support.as(ops).post(`/community/questions/${questionId}/answers`, { answer: 'No.' });
    expect(second.status).toBe(409);
    const stored = await support.db.prisma.communityQuestion.findUniqueOrThrow({ where: { id: questionId } });
    expect(stored.answer).toBe('In the admin guide, chapter 4.');
  });

  it('is no side door: the answering expert still cannot read the query', async () => {
    const { queryId, questionId } = await askCommunity('What limits SKU length in exports?');
    await support.as(bob).post(`/community/questions/${questionId}/answers`, { answer: 'The export profile.' });
    expect((await support.as(bob).get(`/queries/${queryId}`)).status).toBe(404);
  });

  it('an unknown question is 404', async () => {
    const res = await support.as(bob).post('/community/questions/00000000-0000-4000-8000-000000000000/answers', { answer: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('community questions of finished queries', () => {
  it('leave the open list once their query is resolved', async () => {
    const support = await startSupportApp();
    try {
      await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
      const query = (await support.as(customer('acme')).post('/queries', { subject: 'Sync', body: 'Rows vanish' })).body;
      await support.as(expert('alice')).post(`/queries/${query.id}/replies`, {
        kind: 'checking',
        answer: 'Checking with the community.',
        etaMinutes: 120,
        communityQuestion: 'Rows vanish during sync: known issue?',
      });
      const listed = async () => ((await support.as(expert('bob')).get('/community/questions')).body.items as { question: string }[]).map((q) => q.question);
      expect(await listed()).toContain('Rows vanish during sync: known issue?');
      await support.as(customer('acme')).post(`/queries/${query.id}/resolution`);
      expect(await listed()).not.toContain('Rows vanish during sync: known issue?');
    } finally {
      await support.db.drop();
    }
  });
});
