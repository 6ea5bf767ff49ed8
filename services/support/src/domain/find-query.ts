import type { PrismaClient } from '@guild/db';
import { assertCanSee, type Principal } from '@guild/platform';
import { queryThread } from './query-view.js';
import { queryNotFound } from './support-errors.js';

/**
 * Loads a query the caller may see: its customer, its assigned expert, ops and services.
 * Anyone else gets the same 404 as for a query that does not exist.
 */
export async function findVisibleQuery(prisma: PrismaClient, principal: Principal, id: string) {
  const query = await prisma.query.findUnique({
    where: { id },
    include: queryThread,
  });
  if (!query) throw queryNotFound();
  assertCanSee(principal, { customerId: query.customerId, expertIds: [query.assignedExpertId] }, 'query');
  return query;
}
