import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import type { BillingDeps } from '../domain/billing-deps.js';
import { receiveStripeWebhook } from '../domain/receive-stripe-webhook.js';

/**
 * Stripe's webhook. The body arrives raw (server.ts keeps it unparsed for this path), since the
 * signature is over the exact bytes Stripe sent.
 */
export function registerStripeWebhookRoute(r: RouteRegistrar, deps: BillingDeps) {
  r.route({
    method: 'post',
    path: '/stripe/webhook',
    summary: "Stripe's events: invoice.paid, invoice.payment_failed, payment_intent.succeeded, charge.refunded",
    description: 'Signed with the webhook secret (400 otherwise); each event id is handled once; other types are acknowledged and ignored.',
    tags: ['stripe'],
    roles: 'public',
    response: z.object({ received: z.literal(true), duplicate: z.boolean() }),
    handler: async ({ req, log }) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await receiveStripeWebhook(deps, rawBody, req.get('stripe-signature'));
      log.info(result, result.outcome === null ? 'Stripe event already handled' : 'Stripe event handled');
      return { received: true as const, duplicate: result.outcome === null };
    },
  });
}
