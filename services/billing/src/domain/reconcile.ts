import { reconciliationMail } from '../mail/templates.js';
import { queueBillingMail } from '../mail/billing-mail.js';
import type { BillingDeps } from './billing-deps.js';

const LOOKBACK_DAYS = 60;

/**
 * Compares the invoices billing issued (and their payments) with Stripe's, and mails ops every
 * difference, once a day.
 */
export async function reconcileWithStripe(deps: BillingDeps, now = new Date()) {
  const { prisma, stripe } = deps;
  const invoices = await prisma.billingInvoice.findMany({
    where: { stripeInvoiceId: { not: null }, status: { in: ['open', 'paid', 'payment_failed'] }, createdAt: { gte: new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000) } },
    orderBy: { createdAt: 'asc' },
  });
  const differences: { invoiceId: string; stripeInvoiceId: string; problem: string }[] = [];
  for (const invoice of invoices) {
    const stripeInvoiceId = invoice.stripeInvoiceId!;
    const atStripe = await stripe.invoices.retrieve(stripeInvoiceId);
    const problems: string[] = [];
    if (atStripe.amount_due !== invoice.amountCents) problems.push(`amount ${invoice.amountCents} here, ${atStripe.amount_due} at Stripe`);
    const paidHere = invoice.status === 'paid';
    const paidAtStripe = atStripe.status === 'paid';
    if (paidHere !== paidAtStripe) problems.push(`${paidHere ? 'paid' : 'unpaid'} here, ${atStripe.status ?? 'no status'} at Stripe`);
    if (problems.length > 0) differences.push({ invoiceId: invoice.id, stripeInvoiceId, problem: problems.join('; ') });
  }
  if (differences.length > 0) {
    const day = now.toISOString().slice(0, 10);
    await prisma.$transaction((tx) => queueBillingMail(tx, { idempotencyKey: `reconciliation:${day}`, template: reconciliationMail, data: { day, differences }, to: [{ kind: 'ops' }] }));
    deps.eventsRecorded();
  }
  return { checkedInvoices: invoices.length, differences };
}
