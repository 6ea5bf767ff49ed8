import { z } from 'zod';
import { defineEvent } from './define-event.js';

/** An expert asked for a payout; the amount is already held. Starts `payout-<requestId>`. */
export const payoutRequested = defineEvent(
  'payouts.payout.requested',
  1,
  z.object({
    requestId: z.uuid(),
    expertId: z.string().min(1),
    amountCents: z.number().int().positive(),
    currency: z.literal('USD'),
    accountKind: z.enum(['stripe_connect', 'bank_transfer']),
    requestedAt: z.iso.datetime(),
  }),
);

/**
 * A payout request reached its end: paid (by Stripe or by ops' manual transfer), or its hold
 * released (refused, failed, or released by ops after a review). Published once per request.
 */
export const payoutSettled = defineEvent(
  'payouts.payout.settled',
  1,
  z.object({
    requestId: z.uuid(),
    expertId: z.string().min(1),
    outcome: z.enum(['paid', 'failed', 'refused', 'released']),
    amountCents: z.number().int().positive(),
    settledAt: z.iso.datetime(),
  }),
);
