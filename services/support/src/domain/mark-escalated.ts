import { queryEscalated } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from './source.js';
import { queryThread } from './query-view.js';

/**
 * Marks a query whose first-reply deadline passed without a reply. Idempotent: the workflow
 * retries this call, and a query already escalated or answered is returned as it is.
 */
export async function markEscalated(prisma: PrismaClient, queryId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.query.updateMany({
      where: { id: queryId, status: 'open', firstRepliedAt: null },
      data: { status: 'escalated', escalatedAt: new Date() },
    });
    const query = await tx.query.findUniqueOrThrow({
      where: { id: queryId },
      include: queryThread,
    });
    if (count === 1) {
      await recordEvent(tx, SUPPORT_SOURCE, queryEscalated, {
        queryId,
        customerId: query.customerId,
        escalatedAt: query.escalatedAt!.toISOString(),
      });
    }
    return query;
  });
}
