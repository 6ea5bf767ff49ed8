import { createPrismaClient } from '@guild/db';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/index.js';
import { tokenFor } from './support/kit.js';
import { createNotesApp } from './support/notes-app.js';

const acme: Principal = { subject: 'u-acme', role: 'customer', customerId: 'acme' };

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** A client whose whole pool is one connection, waited for at most 200 ms (DATABASE_URL's own parameters). */
function onePoolConnection() {
  const url = new URL(db.url);
  url.searchParams.set('connection_limit', '1');
  url.searchParams.set('pool_timeout', '0.2');
  return createPrismaClient(url.toString());
}

describe('a database without a free connection', () => {
  it('sheds the request with 503 and retry-after, having done nothing: the same key then succeeds once', async () => {
    const prisma = onePoolConnection();
    const notes = createNotesApp({ prisma });
    const http = supertest(notes.app);
    const token = `Bearer ${await tokenFor(acme)}`;
    try {
      // The one connection opened first, so that only the wait for it is timed below.
      await prisma.$queryRaw`SELECT 1`;
      const holding = prisma.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(1)::text`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const shed = await http.post('/tasks').set('authorization', token).set('idempotency-key', 'busy-1').send({ title: 'file taxes' });
      expect(shed.status, JSON.stringify(shed.body)).toBe(503);
      expect(shed.headers['retry-after']).toBe('1');
      expect(shed.body.error, JSON.stringify(shed.body)).toMatchObject({ code: 'busy' });
      expect(notes.tasks).toHaveLength(0);
      await holding;

      const retried = await http.post('/tasks').set('authorization', token).set('idempotency-key', 'busy-1').send({ title: 'file taxes' });
      expect(retried.status).toBe(201);
      expect(notes.tasks).toHaveLength(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});
