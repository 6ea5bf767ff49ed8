import type { PrismaClient } from '@guild/db';
import type { StripeClient } from './client.js';
import { stripeOnce } from './stripe-once.js';

export interface StripeInvoiceDraft {
  /** Every Stripe write of this draft is keyed `<key>:<write>`. */
  idempotencyKey: string;
  stripeCustomerId: string;
  amountCents: number;
  description: string;
  daysUntilDue: number;
  /** Our invoice id, so a webhook or a reconciliation finds it from Stripe's side. */
  invoiceId: string;
}

/** A draft Stripe invoice with one line, collected by a sent invoice (the customer pays it online). */
export async function draftStripeInvoice(prisma: PrismaClient, stripe: StripeClient, draft: StripeInvoiceDraft): Promise<string> {
  const metadata = { guild_invoice_id: draft.invoiceId };
  const stripeInvoiceId = await stripeOnce(prisma, `${draft.idempotencyKey}:invoice`, 'invoices.create', (key) =>
    stripe.invoices.create(
      {
        customer: draft.stripeCustomerId,
        collection_method: 'send_invoice',
        days_until_due: draft.daysUntilDue,
        currency: 'usd',
        pending_invoice_items_behavior: 'exclude',
        description: draft.description,
        metadata,
      },
      { idempotencyKey: key },
    ),
  );
  await stripeOnce(prisma, `${draft.idempotencyKey}:line`, 'invoiceItems.create', (key) =>
    stripe.invoiceItems.create(
      { customer: draft.stripeCustomerId, invoice: stripeInvoiceId, amount: draft.amountCents, currency: 'usd', description: draft.description, metadata },
      { idempotencyKey: key },
    ),
  );
  return stripeInvoiceId;
}

/** Finalises the draft and has Stripe send it to the customer. */
export async function finalizeAndSendStripeInvoice(prisma: PrismaClient, stripe: StripeClient, idempotencyKey: string, stripeInvoiceId: string): Promise<void> {
  await stripeOnce(prisma, `${idempotencyKey}:finalize`, 'invoices.finalizeInvoice', (key) =>
    stripe.invoices.finalizeInvoice(stripeInvoiceId, { auto_advance: false }, { idempotencyKey: key }),
  );
  await stripeOnce(prisma, `${idempotencyKey}:send`, 'invoices.sendInvoice', (key) => stripe.invoices.sendInvoice(stripeInvoiceId, {}, { idempotencyKey: key }));
}
