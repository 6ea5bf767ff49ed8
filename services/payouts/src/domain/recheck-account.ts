import type { PrismaClient } from '@guild/db';
import type { Logger } from '@guild/platform';
import type { StripeConnect } from '../stripe/connect.js';
import { recordAccountState } from './account-check.js';

/**
 * Asks Stripe again about the expert's connected account, so a problem (new requirements, a pause)
 * reaches the expert or ops days before they ask for money. A Stripe outage only skips this check.
 */
export async function recheckConnectedAccount(prisma: PrismaClient, stripe: StripeConnect, expertId: string, logger: Logger): Promise<void> {
  const account = await prisma.payoutAccount.findUnique({ where: { expertId } });
  if (!account?.stripeAccountId) return;
  try {
    const state = await stripe.readAccount(account.stripeAccountId);
    await prisma.$transaction((tx) => recordAccountState(tx, expertId, account, state));
  } catch (err) {
    logger.warn({ err, expertId }, 'could not recheck the payout account with Stripe; the payout itself checks again');
  }
}
