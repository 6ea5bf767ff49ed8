import type { PrismaClient } from '@guild/db';
import { invalidCursor } from '@guild/platform';

interface PageQuery {
  limit: number;
  cursor?: string | undefined;
}

/** Rows fetched with `take: limit + 1`: the page, and the cursor of the next one when there is more. */
function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

const after = (cursor: string | undefined): { cursor?: { id: string }; skip?: number } => (cursor ? { cursor: { id: cursor }, skip: 1 } : {});

/** The expert's ledger, newest first. A cursor that is not an entry of this expert is a 400. */
export async function listLedger(prisma: PrismaClient, expertId: string, { limit, cursor }: PageQuery) {
  if (cursor && !(await prisma.ledgerEntry.findFirst({ where: { id: cursor, expertId }, select: { id: true } }))) throw invalidCursor();
  const rows = await prisma.ledgerEntry.findMany({ where: { expertId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1, ...after(cursor) });
  return pageOf(rows, limit);
}

/** The expert's payout requests, newest first. */
export async function listPayouts(prisma: PrismaClient, expertId: string, { limit, cursor }: PageQuery) {
  if (cursor && !(await prisma.payoutRequest.findFirst({ where: { id: cursor, expertId }, select: { id: true } }))) throw invalidCursor();
  const rows = await prisma.payoutRequest.findMany({ where: { expertId }, orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }], take: limit + 1, ...after(cursor) });
  return pageOf(rows, limit);
}
