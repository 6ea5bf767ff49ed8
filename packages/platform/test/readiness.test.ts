import { createPrismaClient } from '@guild/db';
import { createTestDatabase } from '@guild/db/testing';
import { describe, expect, it } from 'vitest';
import { prismaReady } from '../src/index.js';

describe('readiness of the database', () => {
  it('a reachable database is ready', async () => {
    const db = await createTestDatabase();
    try {
      await expect(prismaReady(db.prisma)).resolves.toBeUndefined();
    } finally {
      await db.drop();
    }
  });

  it('an unreachable database is not', async () => {
    const prisma = createPrismaClient('postgresql://postgres@127.0.0.1:1/guild');
    try {
      await expect(prismaReady(prisma)).rejects.toThrow();
    } finally {
      await prisma.$disconnect();
    }
  });
});
