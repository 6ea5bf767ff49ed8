import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyStore } from '../src/http/idempotency.js';
import type { Principal } from '../src/index.js';
import { tokenFor } from './support/kit.js';
import { createNotesApp } from './support/notes-app.js';

const acme: Principal = { subject: 'u-acme', role: 'customer', customerId: 'acme' };
const globex: Principal = { subject: 'u-globex', role: 'customer', customerId: 'globex' };

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

let keys = 0;
const newKey = () => `key-${Date.now()}-${++keys}`;

function notesWithTasks() {
  const notes = createNotesApp({ prisma: db.prisma });
  const http = supertest(notes.app);
  const createTask = async (who: Principal, key: string | undefined, title: string) => {
    const request = http.post('/tasks').set('authorization', `Bearer ${await tokenFor(who)}`);
    if (key !== undefined) request.set('idempotency-key', key);
    return request.send({ title });
  };
  return { ...notes, createTask };
}

const recordsOf = (key: string) => db.prisma.idempotencyRecord.count({ where: { service: 'notes', key } });

describe('Idempotency-Key on a creating route', () => {
  it('a retry with the same key answers the first response and creates nothing more', async () => {
    const { createTask, tasks } = notesWithTasks();
    const key = newKey();
    const first = await createTask(acme, key, 'call the bank');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const retry = await createTask(acme, key, 'call the bank');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(tasks).toHaveLength(1);
  });

  it('the same fields in another order are the same request', async () => {
    const { app, tasks } = notesWithTasks();
    const key = newKey();
    const authorization = `Bearer ${await tokenFor(acme)}`;
    const send = (raw: string) =>
      supertest(app).post('/tasks').set('authorization', authorization).set('idempotency-key', key).set('content-type', 'application/json').send(raw);
    expect((await send('{"title":"a","extra":1}')).status).toBe(201);
    const retry = await send('{"extra":1,"title":"a"}');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(tasks).toHaveLength(1);
  });

  it('the same key with a different body is a 422 and does no work', async () => {
    const { createTask, tasks } = notesWithTasks();
    const key = newKey();
    await createTask(acme, key, 'call the bank');
    const other = await createTask(acme, key, 'pay the rent');
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringContaining('different request') });
    expect(tasks.map((t) => t.title)).toEqual(['call the bank']);
  });

  it('20 concurrent duplicates create one task and one record, and all answer the same', async () => {
    const { createTask, tasks } = notesWithTasks();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 20 }, () => createTask(acme, key, 'file the taxes')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(tasks).toHaveLength(1);
    expect(await recordsOf(key)).toBe(1);
  });

  it('a key longer than 255 characters is a 400, and 255 is fine', async () => {
    const { createTask, tasks } = notesWithTasks();
    const tooLong = await createTask(acme, 'k'.repeat(256), 'call the bank');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'invalid_idempotency_key', message: expect.stringContaining('255') });
    expect(tasks).toHaveLength(0);
    expect((await createTask(acme, `${newKey()}`.padEnd(255, 'k'), 'call the bank')).status).toBe(201);
  });

  it("another caller's identical key is their own", async () => {
    const { createTask, tasks } = notesWithTasks();
    const key = newKey();
    const mine = await createTask(acme, key, 'call the bank');
    const theirs = await createTask(globex, key, 'call the bank');
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(tasks).toHaveLength(2);
  });

  it('a request that failed with a 5xx frees its key, so a retry does the work', async () => {
    const { createTask, tasks, faults } = notesWithTasks();
    const key = newKey();
    faults.crashes = 1;
    expect((await createTask(acme, key, 'call the bank')).status).toBe(500);
    expect(await recordsOf(key)).toBe(0);
    const retry = await createTask(acme, key, 'call the bank');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(tasks).toHaveLength(1);
  });

  it('a 4xx answer is kept and replayed, as Stripe does', async () => {
    const { createTask } = notesWithTasks();
    const key = newKey();
    const first = await createTask(acme, key, 'taken');
    expect(first.status).toBe(409);
    const retry = await createTask(acme, key, 'taken');
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('without a key the route simply creates each time', async () => {
    const { createTask, tasks } = notesWithTasks();
    await createTask(acme, undefined, 'call the bank');
    await createTask(acme, undefined, 'call the bank');
    expect(tasks).toHaveLength(2);
  });

  it('a record older than 24 hours no longer answers: the key does the work again', async () => {
    const { createTask, tasks } = notesWithTasks();
    const key = newKey();
    await createTask(acme, key, 'call the bank');
    await db.prisma.idempotencyRecord.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60_000) } });
    const later = await createTask(acme, key, 'pay the rent');
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(tasks).toHaveLength(2);
  });

  it('the OpenAPI document describes the header on the routes that take it', async () => {
    const { app } = notesWithTasks();
    const doc = (await supertest(app).get('/openapi.json')).body;
    const parameters = doc.paths['/tasks'].post.parameters as { name: string; in: string }[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(doc.paths['/tasks'].post.responses['422']).toBeDefined();
    expect(doc.paths['/notes'].post.parameters ?? []).not.toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }));
  });
});

describe('the idempotency store', () => {
  const request = (key: string) => ({ key, caller: 'customer:u-acme', route: 'POST /tasks', requestHash: 'h1' });

  it('a duplicate of a request still running after the wait is a 409 idempotency_key_in_use', async () => {
    const store = createIdempotencyStore(db.prisma, 'notes', { lockMs: 60_000, waitMs: 100, pollMs: 10 });
    const key = newKey();
    expect((await store.claim(request(key))).kind).toBe('claimed');
    await expect(store.claim(request(key))).rejects.toMatchObject({ status: 409, code: 'idempotency_key_in_use' });
  });

  it('a request that died mid-way frees its key once its lock has passed', async () => {
    const store = createIdempotencyStore(db.prisma, 'notes', { lockMs: 50, waitMs: 1_000, pollMs: 10 });
    const key = newKey();
    expect((await store.claim(request(key))).kind).toBe('claimed');
    expect((await store.claim(request(key))).kind).toBe('claimed');
  });

  it('records past the 24-hour window are deleted', async () => {
    const expiredKey = newKey();
    await db.prisma.idempotencyRecord.create({
      data: {
        service: 'notes',
        caller: 'customer:u-old',
        key: expiredKey,
        route: 'POST /tasks',
        requestHash: 'h0',
        status: 201,
        body: {},
        createdAt: new Date(Date.now() - 25 * 60 * 60_000),
        lockedUntil: new Date(0),
      },
    });
    const store = createIdempotencyStore(db.prisma, 'notes');
    await store.claim(request(newKey()));
    expect(await recordsOf(expiredKey)).toBe(0);
  });
});
