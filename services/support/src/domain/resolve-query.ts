import { queryResolved } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queryThread, type QueryWithThread } from './query-view.js';
import { SUPPORT_SOURCE } from './source.js';

/** The work is delivered: the query's clocks stop. Resolving twice changes nothing. */
export async function resolveQuery(prisma: PrismaClient, query: QueryWithThread, by: string, now = new Date()) {
  if (query.status === 'resolved' || query.status === 'closed') return query;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.query.update({
      where: { id: query.id },
      data: { status: 'resolved', resolvedAt: now, replyDueAt: null },
      include: queryThread,
    });
    await recordEvent(tx, SUPPORT_SOURCE, queryResolved, { queryId: query.id, customerId: query.customerId, resolvedAt: now.toISOString(), by });
    return updated;
  });
}
