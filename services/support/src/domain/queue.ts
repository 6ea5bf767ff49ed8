import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, QueryStatus } from '@guild/db';
import { invalidCursor, type Principal } from '@guild/platform';
import { queryNotFound, queryToMoveAheadOfNotFound, cannotMoveAheadOfItself } from './support-errors.js';

/**
 * Queries on which a reply is owed: new or followed-up ones, and those in community or research,
 * whose ETA clock runs. An answered query and a needs-info one wait on the customer instead.
 */
const waitingOnUs: QueryStatus[] = ['open', 'community', 'research'];

const minutesLeft = (at: Date | null, now: Date) => (at ? Math.floor((at.getTime() - now.getTime()) / 60_000) : null);

export interface QueuePage {
  limit: number;
  cursor?: string | undefined;
}

/** Whose queue: an expert sees their own; ops everyone's, or one expert's. */
function queueOf(principal: Principal, filter: { expertId?: string | undefined }): Prisma.QueryWhereInput | null {
  if (principal.role === 'expert') return principal.expertId ? { assignedExpertId: principal.expertId } : null;
  return filter.expertId ? { assignedExpertId: filter.expertId } : {};
}

/** Breached or past their ETA: what ops must look at now. */
const escalated = (now: Date): Prisma.QueryWhereInput => ({ OR: [{ slaBreached: true }, { etaAt: { lt: now } }] });

/**
 * First come, first served: the queue is ordered by arrival, whatever a query says about its
 * urgency; only ops can move a query, with a reason that is kept. Pages follow (queue order, id);
 * the cursor is the last query of the previous page, and must be one of the caller's queue —
 * also when it has been answered since, so a page turned mid-work goes on where it was.
 */
export async function listQueue(
  prisma: PrismaClient,
  principal: Principal,
  filter: { expertId?: string | undefined; escalatedOnly?: boolean },
  page: QueuePage,
  now = new Date(),
) {
  const owner = queueOf(principal, filter);
  if (owner === null) {
    if (page.cursor) throw invalidCursor();
    return { items: [], nextCursor: null };
  }
  const queue: Prisma.QueryWhereInput = { AND: [owner, { status: { in: waitingOnUs } }, ...(filter.escalatedOnly ? [escalated(now)] : [])] };

  let after: Prisma.QueryWhereInput = {};
  let position = 0;
  if (page.cursor) {
    const last = await prisma.query.findFirst({ where: { AND: [owner, { id: page.cursor }] }, select: { id: true, queueOrderAt: true } });
    if (!last) throw invalidCursor();
    const notAfter: Prisma.QueryWhereInput = { OR: [{ queueOrderAt: { lt: last.queueOrderAt } }, { queueOrderAt: last.queueOrderAt, id: { lte: last.id } }] };
    after = { NOT: notAfter };
    position = await prisma.query.count({ where: { AND: [queue, notAfter] } });
  }
  const rows = await prisma.query.findMany({
    where: { AND: [queue, after] },
    orderBy: [{ queueOrderAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit).map((q, i) => ({
    position: position + i + 1,
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
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.queryId : null };
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
