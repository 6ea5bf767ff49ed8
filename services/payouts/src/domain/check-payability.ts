import type { PayoutRequest, PrismaClient } from '@guild/db';
import type { StripeConnect } from '../stripe/connect.js';
import { recordAccountState, whyNotPayable } from './account-check.js';
import type { ListingCheck } from './listing.js';
import { readStripeAccount } from './read-stripe-account.js';

export interface Payability {
  payable: boolean;
  reason: string | null;
  missing: string[];
  accountKind: PayoutRequest['accountKind'];
}

/**
 * Can this request be paid now? Asks Stripe afresh for a connected account (`payouts_enabled` and
 * its open requirements; the answer is stored) and checks the expert's listing is active.
 */
export async function checkPayability(prisma: PrismaClient, stripe: StripeConnect, listing: ListingCheck, request: PayoutRequest): Promise<Payability> {
  const notPayable = (reason: string, missing: string[] = []) => ({ payable: false, reason, missing, accountKind: request.accountKind });
  const account = await prisma.payoutAccount.findUnique({ where: { expertId: request.expertId } });
  if (!account || account.kind !== request.accountKind) return notPayable('your payout account changed after the request: request again');
  let current = account;
  if (account.kind === 'stripe_connect' && account.stripeAccountId) {
    const state = await readStripeAccount(stripe, account.stripeAccountId);
    current = await prisma.$transaction((tx) => recordAccountState(tx, account.expertId, account, state));
  }
  const accountProblem = whyNotPayable(current);
  if (accountProblem) return notPayable(accountProblem, current.missing);
  const listingProblem = await listing(request.expertId);
  if (listingProblem) return notPayable(listingProblem);
  return { payable: true, reason: null, missing: [], accountKind: request.accountKind };
}
