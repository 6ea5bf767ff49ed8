import type { Prisma } from '@guild/db';
import type Stripe from 'stripe';
import type { StripeClient } from '../stripe/client.js';
import type { BillingDeps } from './billing-deps.js';
import { invalidWebhook } from './billing-errors.js';
import { recordInvoicePaid, recordPaymentFailed, recordRefund } from './record-payment.js';

export interface WebhookOutcome {
  eventId: string;
  type: string;
  /** What handling did, for the log and the inbox row; null when the event id was handled before. */
  outcome: string | null;
}

/** Our invoice behind a Stripe object: by Stripe's invoice id, or the id we put in its metadata. */
async function ourInvoice(tx: Prisma.TransactionClient, stripeInvoiceId: string | null, metadata: Stripe.Metadata | null | undefined) {
  if (stripeInvoiceId) {
    const byStripeId = await tx.billingInvoice.findUnique({ where: { stripeInvoiceId } });
    if (byStripeId) return byStripeId;
  }
  const id = metadata?.guild_invoice_id;
  return id ? tx.billingInvoice.findUnique({ where: { id } }) : null;
}

/** Handles one verified event from the object as Stripe shows it now (the payload is only a hint). */
async function handleStripeEvent(tx: Prisma.TransactionClient, stripe: StripeClient, event: Stripe.Event): Promise<string> {
  const objectId = (event.data.object as { id?: unknown }).id;
  if (typeof objectId !== 'string') return 'ignored: the event names no object';
  switch (event.type) {
    case 'invoice.paid': {
      const invoice = await stripe.invoices.retrieve(objectId);
      const ours = await ourInvoice(tx, invoice.id ?? null, invoice.metadata);
      if (!ours) return 'ignored: not a Guild invoice';
      if (invoice.status !== 'paid') return `ignored: Stripe shows the invoice ${invoice.status ?? 'without a status'}`;
      const paidAt = invoice.status_transitions.paid_at ? new Date(invoice.status_transitions.paid_at * 1000) : new Date();
      return (await recordInvoicePaid(tx, ours, paidAt)) ? `invoice ${ours.id} paid` : `invoice ${ours.id} was already paid`;
    }
    case 'payment_intent.succeeded': {
      const intent = await stripe.paymentIntents.retrieve(objectId);
      const ours = await ourInvoice(tx, null, intent.metadata);
      if (!ours) return 'ignored: the payment is not for a Guild invoice';
      if (intent.status !== 'succeeded') return `ignored: Stripe shows the payment ${intent.status}`;
      return (await recordInvoicePaid(tx, ours, new Date())) ? `invoice ${ours.id} paid` : `invoice ${ours.id} was already paid`;
    }
    case 'invoice.payment_failed': {
      const invoice = await stripe.invoices.retrieve(objectId);
      const ours = await ourInvoice(tx, invoice.id ?? null, invoice.metadata);
      if (!ours) return 'ignored: not a Guild invoice';
      if (invoice.status === 'paid') return 'ignored: Stripe shows the invoice paid';
      return (await recordPaymentFailed(tx, ours)) ? `payment of invoice ${ours.id} failed` : `ignored: invoice ${ours.id} is ${ours.status}`;
    }
    case 'charge.refunded': {
      const charge = await stripe.charges.retrieve(objectId);
      const ours = await ourInvoice(tx, null, charge.metadata);
      if (!ours) return 'ignored: the charge is not for a Guild invoice';
      const booked = await tx.billingLedgerEntry.aggregate({ where: { kind: 'refund', idempotencyKey: { startsWith: `refund:${charge.id}:` } }, _sum: { amountCents: true } });
      const refunded = await recordRefund(tx, ours, charge.id, charge.amount_refunded, -(booked._sum.amountCents ?? 0));
      return refunded ? `refund of ${charge.amount_refunded} cents booked on invoice ${ours.id}` : 'refund already booked';
    }
    default:
      return `ignored: billing does not handle ${event.type}`;
  }
}

/**
 * Verifies a Stripe webhook on its raw body, lands it in the inbox (unique on the event id) and
 * handles it once: Stripe's redeliveries, for days, change nothing twice.
 */
export async function receiveStripeWebhook(deps: BillingDeps, rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
  if (!signature) throw invalidWebhook('the Stripe-Signature header is missing');
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.settings.webhookSecret);
  } catch {
    throw invalidWebhook('the signature does not match the body');
  }
  const { prisma, stripe } = deps;
  await prisma.billingWebhookEvent.createMany({ data: [{ eventId: event.id, type: event.type }], skipDuplicates: true });
  const outcome = await prisma.$transaction(
    async (tx) => {
      const [inbox] = await tx.$queryRaw<{ handled_at: Date | null }[]>`SELECT handled_at FROM billing.webhook_event WHERE event_id = ${event.id} FOR UPDATE`;
      if (inbox?.handled_at) return null;
      const handled = await handleStripeEvent(tx, stripe, event);
      await tx.billingWebhookEvent.update({ where: { eventId: event.id }, data: { handledAt: new Date(), outcome: handled } });
      return handled;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  deps.eventsRecorded();
  return { eventId: event.id, type: event.type, outcome };
}
