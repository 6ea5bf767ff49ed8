import { AppError } from '@guild/platform';
import Stripe from 'stripe';
import type { ConnectAccountState, StripeConnect } from '../stripe/connect.js';
import { stripeUnavailable } from './payouts-errors.js';

/** Stripe's view of a connected account; an account Stripe does not know is the caller's mistake (400). */
export async function readStripeAccount(stripe: StripeConnect, accountId: string): Promise<ConnectAccountState> {
  try {
    return await stripe.readAccount(accountId);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripePermissionError) {
      throw new AppError('unknown_stripe_account', { status: 400, message: `Stripe does not know the account ${accountId} as one connected to us` });
    }
    throw stripeUnavailable(err);
  }
}
