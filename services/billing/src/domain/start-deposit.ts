import { randomUUID } from 'node:crypto';
import type { BillingAccount } from '@guild/db';
import { draftStripeInvoice, finalizeAndSendStripeInvoice } from '../stripe/invoices.js';
import type { BillingDeps } from './billing-deps.js';
import { dollars } from './money.js';

/**
 * Starts or tops up the safe balance: a deposit invoice Stripe sends and collects. Nothing is
 * credited here; `invoice.paid` credits the ledger.
 */
export async function startDeposit(deps: BillingDeps, account: BillingAccount, amountCents: number) {
  const { prisma, stripe, settings } = deps;
  const invoice = await prisma.billingInvoice.create({
    data: { id: randomUUID(), customerId: account.customerId, kind: 'deposit', amountCents, status: 'draft' },
  });
  const key = `deposit:${invoice.id}`;
  const stripeInvoiceId = await draftStripeInvoice(prisma, stripe, {
    idempotencyKey: key,
    stripeCustomerId: account.stripeCustomerId,
    amountCents,
    description: `Safe balance deposit of ${dollars(amountCents)}`,
    daysUntilDue: settings.invoiceDaysUntilDue,
    invoiceId: invoice.id,
  });
  await finalizeAndSendStripeInvoice(prisma, stripe, key, stripeInvoiceId);
  return prisma.billingInvoice.update({ where: { id: invoice.id }, data: { stripeInvoiceId, status: 'open' } });
}
