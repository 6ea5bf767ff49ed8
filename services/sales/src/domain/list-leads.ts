import type { LeadStage } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { invalidCursor, type Principal } from '@guild/platform';

/** An expert sees the leads they own; ops see all. */
function visibleTo(principal: Principal): Prisma.SalesLeadWhereInput {
  if (principal.role === 'ops') return {};
  return principal.role === 'expert' && principal.expertId ? { ownerId: principal.expertId } : { id: { in: [] } };
}

/**
 * The leads the caller may see, newest first, a page at a time (`cursor` is the last lead id of
 * the previous page). The filters narrow what the caller sees; they never widen it.
 */
export async function listLeads(
  prisma: PrismaClient,
  principal: Principal,
  query: { limit: number; cursor?: string | undefined; stage?: LeadStage | undefined; ownerId?: string | undefined },
) {
  const where: Prisma.SalesLeadWhereInput = {
    AND: [visibleTo(principal), query.stage ? { stage: query.stage } : {}, query.ownerId ? { ownerId: query.ownerId } : {}],
  };
  // Only a lead of this list is a cursor: another expert's lead id is as unknown as a made-up one.
  if (query.cursor && (await prisma.salesLead.count({ where: { AND: [where, { id: query.cursor }] } })) === 0) throw invalidCursor();
  const rows = await prisma.salesLead.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}
