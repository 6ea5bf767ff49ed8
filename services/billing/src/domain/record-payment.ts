import { paymentFailed, paymentReceived, paymentRefunded } from '@guild/contracts';
import type { BillingInvoice, Prisma } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { bookLedgerEntry, lockCustomerLedger } from './ledger.js';
import { BILLING_SOURCE } from './source.js';

/**
 * Stripe confirmed the invoice is paid: a deposit credits the safe balance, a period invoice is
 * settled (its overage left the balance when it was issued). Each invoice is booked and announced once.
 */
export async function recordInvoicePaid(tx: Prisma.TransactionClient, invoice: BillingInvoice, paidAt: Date): Promise<boolean> {
  await lockCustomerLedger(tx, invoice.customerId);
  const deposit = invoice.kind === 'deposit';
  const booked = await bookLedgerEntry(tx, {
    customerId: invoice.customerId,
    kind: deposit ? 'deposit_paid' : 'invoice_paid',
    amountCents: deposit ? invoice.amountCents : 0,
    idempotencyKey: `invoice-paid:${invoice.id}`,
    invoiceId: invoice.id,
    occurredAt: paidAt,
  });
  if (!booked) return false;
  await tx.billingInvoice.update({ where: { id: invoice.id }, data: { status: 'paid', paidAt } });
  await recordEvent(tx, BILLING_SOURCE, paymentReceived, {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    kind: deposit ? 'deposit' : 'period',
    period: invoice.period,
    amountCents: invoice.amountCents,
    currency: 'USD',
    stripeInvoiceId: invoice.stripeInvoiceId ?? '',
    paidAt: paidAt.toISOString(),
  });
  return true;
}

/** Stripe could not collect a period invoice: its billing process starts dunning. */
export async function recordPaymentFailed(tx: Prisma.TransactionClient, invoice: BillingInvoice): Promise<boolean> {
  if (invoice.status === 'paid' || invoice.kind !== 'period' || invoice.period === null) return false;
  await tx.billingInvoice.update({ where: { id: invoice.id }, data: { status: 'payment_failed' } });
  await recordEvent(tx, BILLING_SOURCE, paymentFailed, {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    period: invoice.period,
    amountCents: invoice.amountCents,
    failedAt: new Date().toISOString(),
  });
  return true;
}

/** Money Stripe gave back reduces the balance, once per refunded amount of a charge. */
export async function recordRefund(tx: Prisma.TransactionClient, invoice: BillingInvoice, chargeId: string, refundedCents: number, alreadyBookedCents: number) {
  const amount = refundedCents - alreadyBookedCents;
  if (amount <= 0) return false;
  await lockCustomerLedger(tx, invoice.customerId);
  const refundId = `${chargeId}:${refundedCents}`;
  const booked = await bookLedgerEntry(tx, { customerId: invoice.customerId, kind: 'refund', amountCents: -amount, idempotencyKey: `refund:${refundId}`, invoiceId: invoice.id });
  // Commissions on this customer's payments are clawed back from this event, once per refund.
  if (booked) {
    await recordEvent(tx, BILLING_SOURCE, paymentRefunded, {
      refundId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      amountCents: amount,
      paymentCents: invoice.amountCents,
      refundedTotalCents: refundedCents,
      currency: 'USD',
      refundedAt: new Date().toISOString(),
    });
  }
  return booked;
}
