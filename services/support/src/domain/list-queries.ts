import type { Prisma, PrismaClient } from '@guild/db';
import { invalidCursor, type Principal } from '@guild/platform';
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
  const visible = visibleTo(principal);
  // Only a query the caller sees is a cursor; another customer's id is as unknown as a made-up one.
  if (page.cursor && (await prisma.query.count({ where: { AND: [visible, { id: page.cursor }] } })) === 0) throw invalidCursor();
  const rows = await prisma.query.findMany({
    where: visible,
    include: queryThread,
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
