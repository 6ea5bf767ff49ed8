import { notFound } from '@guild/platform';
import { finalizeAndSendStripeInvoice } from '../stripe/invoices.js';
import type { BillingDeps } from './billing-deps.js';
import { invoiceNotApproved } from './billing-errors.js';
import { bookLedgerEntry, lockCustomerLedger } from './ledger.js';

/**
 * Finalises and sends the period invoice, and moves its overage off the safe balance onto the
 * invoice (an `invoice_issued` entry). Issuing again answers the issued invoice.
 */
export async function issueInvoice(deps: BillingDeps, invoiceId: string, idempotencyKey: string) {
  const { prisma, stripe } = deps;
  const invoice = await prisma.billingInvoice.findUnique({ where: { id: invoiceId } });
  if (!invoice || invoice.kind !== 'period' || !invoice.stripeInvoiceId) throw notFound('drafted period invoice');
  if (invoice.status === 'awaiting_approval') throw invoiceNotApproved();
  if (invoice.status !== 'draft') return invoice;

  await finalizeAndSendStripeInvoice(prisma, stripe, idempotencyKey, invoice.stripeInvoiceId);
  return prisma.$transaction(async (tx) => {
    await lockCustomerLedger(tx, invoice.customerId);
    await bookLedgerEntry(tx, {
      customerId: invoice.customerId,
      kind: 'invoice_issued',
      amountCents: invoice.amountCents,
      idempotencyKey: `invoice-issued:${invoice.id}`,
      invoiceId: invoice.id,
    });
    await tx.billingInvoice.updateMany({ where: { id: invoice.id, status: 'draft' }, data: { status: 'open' } });
    return tx.billingInvoice.findUniqueOrThrow({ where: { id: invoice.id } });
  });
}
