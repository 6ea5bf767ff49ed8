import type { PrismaClient } from '@guild/db';
import { assertCanSee, type Principal } from '@guild/platform';
import { queryThread } from './query-view.js';
import { queryNotFound } from './support-errors.js';

/**
 * Loads a query the caller may see: its customer, its assigned expert, ops and services — and,
 * once the query breached, the customer's backup expert, who was mailed to take over and needs
 * no ops step to open and answer it. Anyone else gets the same 404 as for a query that does not exist.
 */
export async function findVisibleQuery(prisma: PrismaClient, principal: Principal, id: string) {
  const query = await prisma.query.findUnique({
    where: { id },
    include: queryThread,
  });
  if (!query) throw queryNotFound();
  const takingOver = principal.role === 'expert' && query.slaBreached && principal.expertId !== query.assignedExpertId;
  const backup = takingOver ? (await prisma.expertAssignment.findUnique({ where: { customerId: query.customerId } }))?.backupExpertId : null;
  assertCanSee(principal, { customerId: query.customerId, expertIds: [query.assignedExpertId, backup] }, 'query');
  return query;
}
