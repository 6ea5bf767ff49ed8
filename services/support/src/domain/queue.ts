import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, QueryStatus } from '@guild/db';
import type { Principal } from '@guild/platform';
import { queryNotFound, queryToMoveAheadOfNotFound, cannotMoveAheadOfItself } from './support-errors.js';

/** Queries that wait on us; a needs-info query waits on the customer and leaves the queue. */
const waitingOnUs: QueryStatus[] = ['open', 'answered', 'community', 'research'];

const minutesLeft = (at: Date | null, now: Date) => (at ? Math.floor((at.getTime() - now.getTime()) / 60_000) : null);

/**
 * First come, first served: the queue is ordered by arrival, whatever a query says about its
 * urgency; only ops can move a query, with a reason that is kept.
 */
export async function listQueue(prisma: PrismaClient, principal: Principal, filter: { expertId?: string | undefined }, now = new Date()) {
  const where: Prisma.QueryWhereInput = { status: { in: waitingOnUs } };
  if (principal.role === 'expert') {
    if (!principal.expertId) return [];
    where.assignedExpertId = principal.expertId;
  }
  else if (filter.expertId) where.assignedExpertId = filter.expertId;
  const rows = await prisma.query.findMany({ where, orderBy: [{ queueOrderAt: 'asc' }, { id: 'asc' }], take: 500 });
  return rows.map((q, i) => ({
    position: i + 1,
    queryId: q.id,
    customerId: q.customerId,
    assignedExpertId: q.assignedExpertId,
    subject: q.subject,
    status: q.status,
    submittedAt: q.submittedAt.toISOString(),
    replyDueAt: q.replyDueAt?.toISOString() ?? null,
    replyMinutesLeft: minutesLeft(q.replyDueAt, now),
    etaAt: q.etaAt?.toISOString() ?? null,
    etaMinutesLeft: minutesLeft(q.etaAt, now),
    slaBreached: q.slaBreached,
  }));
}

/** Ops move a query just ahead of another one; the move and its reason are audited. */
export async function moveAhead(prisma: PrismaClient, queryId: string, beforeQueryId: string, movedBy: string, reason: string) {
  if (queryId === beforeQueryId) throw cannotMoveAheadOfItself();
  return prisma.$transaction(async (tx) => {
    const [query, before] = await Promise.all([
      tx.query.findUnique({ where: { id: queryId } }),
      tx.query.findUnique({ where: { id: beforeQueryId } }),
    ]);
    if (!query) throw queryNotFound();
    if (!before) throw queryToMoveAheadOfNotFound();
    const toOrderAt = new Date(before.queueOrderAt.getTime() - 1);
    await tx.query.update({ where: { id: queryId }, data: { queueOrderAt: toOrderAt } });
    await tx.queueReorder.create({
      data: { id: randomUUID(), queryId, movedBy, reason, fromOrderAt: query.queueOrderAt, toOrderAt },
    });
    await tx.opsAuditEntry.create({
      data: { id: randomUUID(), actor: movedBy, action: 'queue.reorder', target: `query:${queryId}`, details: { beforeQueryId, reason } },
    });
  });
}
