import type { Prisma } from '@guild/db';

/**
 * Locks the query's row until the transaction ends and answers its status as it is now, so a
 * status check and the writes that follow it see no concurrent resolution, close or reply.
 */
export async function lockedQueryStatus(tx: Prisma.TransactionClient, queryId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM support.query WHERE id = ${queryId}::uuid FOR UPDATE`;
  return rows[0]?.status ?? 'missing';
}

export const hasEnded = (status: string) => status === 'resolved' || status === 'closed';
