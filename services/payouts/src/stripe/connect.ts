import Stripe from 'stripe';

/** What Stripe says about a connected account, reduced to what decides whether we can pay it. */
export interface ConnectAccountState {
  payoutsEnabled: boolean;
  /** Open requirements: currently due and past due, each once. */
  missing: string[];
  disabledReason: string | null;
}

/** Stripe refused the transfer itself (not an outage): retrying cannot change the answer. */
export class TransferRefused extends Error {
  override readonly name = 'TransferRefused';
}

/** The only calls payouts makes to Stripe: read a connected account, transfer to it. */
export interface StripeConnect {
  readAccount(accountId: string): Promise<ConnectAccountState>;
  /** One transfer per payout request: the request id is Stripe's idempotency key. */
  transfer(input: { accountId: string; amountCents: number; requestId: string }): Promise<{ transferId: string }>;
}

/** `STRIPE_SECRET_KEY` for Stripe itself; `STRIPE_API_URL` (stripe-mock) in development and tests. */
export function stripeConnect({ secretKey, apiUrl }: { secretKey: string; apiUrl?: string | undefined }): StripeConnect {
  const url = apiUrl ? new URL(apiUrl) : undefined;
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    ...(url ? { host: url.hostname, port: Number(url.port), protocol: url.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
  return {
    async readAccount(accountId) {
      const account = await stripe.accounts.retrieve(accountId);
      const requirements = account.requirements;
      const missing = [...new Set([...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])])];
      return { payoutsEnabled: account.payouts_enabled ?? false, missing, disabledReason: requirements?.disabled_reason ?? null };
    },
    async transfer({ accountId, amountCents, requestId }) {
      try {
        const transfer = await stripe.transfers.create(
          { amount: amountCents, currency: 'usd', destination: accountId, transfer_group: `payout-${requestId}`, metadata: { payoutRequestId: requestId } },
          { idempotencyKey: requestId },
        );
        return { transferId: transfer.id };
      } catch (err) {
        // A card/request/permission error is Stripe's answer about this transfer; anything else
        // (connection, rate limit, Stripe's own 5xx) is an outage the caller retries.
        if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripePermissionError || err instanceof Stripe.errors.StripeCardError) {
          throw new TransferRefused(err.message, { cause: err });
        }
        throw err;
      }
    },
  };
}
