import type { Prisma } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';

/**
 * The lead as the caller may act on it, locked for the change: its owner, ops and the services.
 * Another expert gets the same 404 as for a lead that does not exist.
 */
export async function findLeadFor(tx: Prisma.TransactionClient, principal: Principal, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM sales.lead WHERE id = ${id}::uuid FOR UPDATE`;
  const lead = row ? await tx.salesLead.findUnique({ where: { id: row.id } }) : null;
  if (!lead) throw notFound('lead');
  if (principal.role === 'ops' || principal.role === 'service') return lead;
  if (principal.role === 'expert' && principal.expertId === lead.ownerId) return lead;
  throw notFound('lead');
}
