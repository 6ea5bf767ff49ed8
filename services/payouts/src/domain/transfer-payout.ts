import type { PayoutRequest, PrismaClient } from '@guild/db';
import { TransferRefused, type StripeConnect } from '../stripe/connect.js';
import { payoutStatusRefused, stripeUnavailable } from './payouts-errors.js';
import { markPayoutPaid, releasePayoutHold } from './settle-payout.js';

export type TransferOutcome = { outcome: 'paid'; transferId: string } | { outcome: 'failed'; reason: string };

/**
 * One Stripe transfer per request, keyed by the request id, so a retried call never pays twice.
 * Paid: the hold leaves the balance and the expert is told. Refused by Stripe: the hold is released
 * and the expert told why. A Stripe outage answers 503, and the process retries with the same key.
 */
export async function transferPayout(prisma: PrismaClient, stripe: StripeConnect, request: PayoutRequest, by: string): Promise<TransferOutcome> {
  if (request.status === 'paid' && request.stripeTransferId) return { outcome: 'paid', transferId: request.stripeTransferId };
  if (request.status !== 'held' || request.accountKind !== 'stripe_connect') throw payoutStatusRefused(request.status, 'transferred by Stripe');
  const account = await prisma.payoutAccount.findUniqueOrThrow({ where: { expertId: request.expertId } });
  let transferId: string;
  try {
    ({ transferId } = await stripe.transfer({ accountId: account.stripeAccountId ?? '', amountCents: request.amountCents, requestId: request.id }));
  } catch (err) {
    if (!(err instanceof TransferRefused)) throw stripeUnavailable(err);
    const reason = `Stripe refused the transfer: ${err.message}`;
    await prisma.$transaction((tx) => releasePayoutHold(tx, request, 'failed', reason, by));
    return { outcome: 'failed', reason };
  }
  await prisma.$transaction((tx) => markPayoutPaid(tx, request, by, transferId));
  return { outcome: 'paid', transferId };
}
