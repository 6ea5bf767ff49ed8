import type { PrismaClient } from '@guild/db';

export function createOutboxRetentionActivities({ prisma }: { prisma: PrismaClient }) {
  return {
    async pruneDeliveredEvents(retentionDays: number): Promise<number> {
      const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60_000);
      const { count } = await prisma.outboxEvent.deleteMany({
        where: { publishedAt: { not: null, lt: cutoff } },
      });
      return count;
    },
  };
}
