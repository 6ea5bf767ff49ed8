import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');
const globex = customer('globex');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
  await support.as(ops).put('/customers/globex/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => support?.db.drop());

async function submitAs(who: typeof acme, subject: string) {
  const res = await support.as(who).post('/queries', { subject, body: 'Since Monday the sync stops at 50%.' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const answerOf = (res: { status: number; body: { error?: { code: string; message: string } } }) => ({
  status: res.status,
  code: res.body.error?.code,
  message: res.body.error?.message,
});

describe('page cursors', () => {
  it("another customer's query id as a cursor answers exactly like a made-up one", async () => {
    for (let i = 0; i < 3; i++) await submitAs(acme, `acme ${i}`);
    const foreignId = await submitAs(globex, 'globex secret');
    const foreign = await support.as(acme).get(`/queries?limit=1&cursor=${foreignId}`);
    const madeUp = await support.as(acme).get(`/queries?limit=1&cursor=${randomUUID()}`);
    expect(answerOf(foreign)).toEqual({ status: 400, code: 'invalid_cursor', message: expect.stringContaining('invalid cursor') });
    expect(answerOf(foreign)).toEqual(answerOf(madeUp));

    // The cursors the list gives out still lead to the next page.
    const first = await support.as(acme).get('/queries?limit=1');
    const second = await support.as(acme).get(`/queries?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('the FAQ and community lists refuse a cursor they never gave out', async () => {
    const faq = await support.as(ops).get(`/faq?limit=1&cursor=${randomUUID()}`);
    expect(answerOf(faq)).toMatchObject({ status: 400, code: 'invalid_cursor' });
    const community = await support.as(ops).get(`/community/questions?limit=1&cursor=${randomUUID()}`);
    expect(answerOf(community)).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });
});
