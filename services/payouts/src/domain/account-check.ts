import type { PayoutAccount, PayoutAccountStatus, Prisma } from '@guild/db';
import type { ConnectAccountState } from '../stripe/connect.js';
import { accountAlertMails } from '../mail/account-alerts.js';

/**
 * Stripe's view reduced to one state: paid out (`verified`), waiting on the expert
 * (`requirements_due`, with what is missing), or paused by Stripe with nothing listed to fix
 * (`paused_by_stripe`, a known Connect failure mode only Stripe support or ops can clear).
 */
export function statusFromStripe(state: ConnectAccountState): PayoutAccountStatus {
  if (state.payoutsEnabled && state.missing.length === 0) return 'verified';
  if (state.missing.length > 0) return 'requirements_due';
  return 'paused_by_stripe';
}

/** Why an account cannot be paid, in words the expert can act on; null when it can. */
export function whyNotPayable(account: Pick<PayoutAccount, 'kind' | 'status' | 'missing' | 'disabledReason'>): string | null {
  switch (account.status) {
    case 'verified':
    case 'manual':
      return null;
    case 'requirements_due':
      return `your Stripe account cannot receive payouts yet: Stripe still needs ${account.missing.join(', ')}`;
    case 'paused_by_stripe':
      return `Stripe has paused payouts to your account${account.disabledReason ? ` (${account.disabledReason})` : ''} without listing anything to fix: our team is on it`;
  }
}

/**
 * Stores what Stripe said about the account and, when that is new or changed for the worse, tells
 * the expert what to fix (or ops, when Stripe paused it with nothing to fix). Called when the
 * account is added, when hours are approved and before every payout, so a problem shows days
 * before a request.
 */
export async function recordAccountState(
  tx: Prisma.TransactionClient,
  expertId: string,
  previous: Pick<PayoutAccount, 'status' | 'missing'> | null,
  state: ConnectAccountState,
): Promise<PayoutAccount> {
  const status = statusFromStripe(state);
  const updated = await tx.payoutAccount.update({
    where: { expertId },
    data: { status, missing: state.missing, disabledReason: state.disabledReason, checkedAt: new Date() },
  });
  const changed = !previous || previous.status !== status || previous.missing.join() !== state.missing.join();
  if (changed) await accountAlertMails(tx, updated);
  return updated;
}
