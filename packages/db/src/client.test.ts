import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../test/scratch.js';
import { createPrismaClient } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let db: TestDatabase;

/** Polls until the condition holds, or fails after 10 s. */
async function until(condition: () => boolean) {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > 10_000) throw new Error('timed out waiting for the connection error');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('a connection the server ends', () => {
  it('fails the transaction holding it, and the service keeps answering instead of crashing', async () => {
    const seen: Error[] = [];
    const prisma = createPrismaClient(db.url, (error) => seen.push(error));
    try {
      const transaction = prisma.$transaction(async (tx) => {
        const [own] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        // Another connection ends this one while the transaction holds it (a restart, an admin, a failover).
        await query(db.url, 'SELECT pg_terminate_backend($1)', [own!.pid]);
        await until(() => seen.length > 0);
        await tx.$queryRaw`SELECT 1`;
      });
      await expect(transaction).rejects.toThrow();
      expect(seen.some((error) => /terminat/i.test(error.message))).toBe(true);
      expect(await prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    } finally {
      await prisma.$disconnect();
    }
  });
});
