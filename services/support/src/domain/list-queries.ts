import type { Prisma, PrismaClient } from '@guild/db';
import type { Principal } from '@guild/platform';
import { queryThread } from './query-view.js';

/** Only your own records by default: the filter follows from who is asking. */
const nothing: Prisma.QueryWhereInput = { id: { in: [] } };

function visibleTo(principal: Principal): Prisma.QueryWhereInput {
  switch (principal.role) {
    case 'customer':
      return principal.customerId ? { customerId: principal.customerId } : nothing;
    case 'expert':
      return principal.expertId ? { assignedExpertId: principal.expertId } : nothing;
    default:
      return {};
  }
}

export async function listVisibleQueries(
  prisma: PrismaClient,
  principal: Principal,
  page: { limit: number; cursor?: string | undefined },
) {
  const rows = await prisma.query.findMany({
    where: visibleTo(principal),
    include: queryThread,
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
