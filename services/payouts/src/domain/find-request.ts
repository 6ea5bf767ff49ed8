import type { PayoutRequest, PrismaClient } from '@guild/db';
import { assertCanSee, notFound, type Principal } from '@guild/platform';

/** A payout request the caller may see: its expert, ops, the worker; anyone else gets a 404. */
export async function findVisibleRequest(prisma: PrismaClient, principal: Principal, id: string): Promise<PayoutRequest> {
  const request = await prisma.payoutRequest.findUnique({ where: { id } });
  if (!request) throw notFound('payout request');
  assertCanSee(principal, { expertIds: [request.expertId] }, 'payout request');
  return request;
}

/** An expert reaches only their own balance, ledger and payouts (404 otherwise, as if none existed). */
export function assertOwnExpert(principal: Principal, expertId: string): void {
  assertCanSee(principal, { expertIds: [expertId] }, 'expert');
}
