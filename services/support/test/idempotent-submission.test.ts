import { randomUUID } from 'node:crypto';
import { tokenFor } from '@guild/testkit';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, ops, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
const acme = customer('acme');

beforeAll(async () => {
  support = await startSupportApp();
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => support?.db.drop());

async function submit(key: string, subject: string) {
  return supertest(support.app)
    .post('/queries')
    .set('authorization', `Bearer ${await tokenFor(acme)}`)
    .set('idempotency-key', key)
    .send({ subject, body: 'Since Monday the sync stops at 50%.' });
}

const queriesTitled = (subject: string) => support.db.prisma.query.count({ where: { subject } });

describe('POST /queries with an Idempotency-Key', () => {
  it('a retried submission answers the first query and opens no second one', async () => {
    const key = randomUUID();
    const subject = `CRM sync fails ${key}`;
    const first = await submit(key, subject);
    expect(first.status).toBe(201);
    const retry = await submit(key, subject);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await queriesTitled(subject)).toBe(1);
  });

  it('the same key with another query is a 422', async () => {
    const key = randomUUID();
    await submit(key, `first ${key}`);
    const other = await submit(key, `second ${key}`);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await queriesTitled(`second ${key}`)).toBe(0);
  });

  it('20 concurrent duplicates open one query', async () => {
    const key = randomUUID();
    const subject = `double click ${key}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(key, subject)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id as string)).size).toBe(1);
    expect(await queriesTitled(subject)).toBe(1);
  });

  it('the OpenAPI document offers the header on POST /queries', async () => {
    const doc = (await support.anonymous.get('/openapi.json')).body;
    expect(doc.paths['/queries'].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });
});
