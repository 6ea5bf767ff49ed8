import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { query } from '../test/scratch.js';
import { createTestDatabase } from './testing.js';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  return (await query(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
}

describe('createTestDatabase', () => {
  it('two test databases created at once are both migrated and independent of each other', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.url).not.toBe(second.url);

      await first.prisma.outboxEvent.create({
        data: { id: randomUUID(), source: 'support', subject: 'support.query.submitted', version: 1, payload: {} },
      });

      expect(await first.prisma.outboxEvent.count()).toBe(1);
      expect(await second.prisma.outboxEvent.count()).toBe(0);
      expect(await second.prisma.query.count()).toBe(0);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('drop() removes the database', async () => {
    const database = await createTestDatabase();
    await database.prisma.processedEvent.count();

    await database.drop();

    expect(await databaseExists(database.url)).toBe(false);
  });
});
