import { notFound } from '@guild/platform';
import { overageApprovalMail } from '../mail/templates.js';
import { queueBillingMail } from '../mail/billing-mail.js';
import { draftStripeInvoice } from '../stripe/invoices.js';
import type { BillingDeps } from './billing-deps.js';
import { dollars } from './money.js';

/**
 * Creates the period's Stripe invoice as a draft, keyed by the process step; an overage above the
 * threshold also asks ops to approve it. Repeating the step answers the same invoice.
 */
export async function draftPeriodInvoice(deps: BillingDeps, statementId: string, idempotencyKey: string) {
  const { prisma, stripe, settings } = deps;
  const statement = await prisma.billingStatement.findUnique({ where: { id: statementId } });
  if (!statement?.invoiceId) throw notFound('period invoice');
  const invoice = await prisma.billingInvoice.findUniqueOrThrow({ where: { id: statement.invoiceId } });
  if (invoice.stripeInvoiceId) return invoice;
  const account = await prisma.billingAccount.findUniqueOrThrow({ where: { customerId: invoice.customerId } });

  const stripeInvoiceId = await draftStripeInvoice(prisma, stripe, {
    idempotencyKey,
    stripeCustomerId: account.stripeCustomerId,
    amountCents: invoice.amountCents,
    description: `Approved work beyond your safe balance, ${statement.period}: ${dollars(invoice.amountCents)}`,
    daysUntilDue: settings.invoiceDaysUntilDue,
    invoiceId: invoice.id,
  });
  const drafted = await prisma.$transaction(async (tx) => {
    const updated = await tx.billingInvoice.update({ where: { id: invoice.id }, data: { stripeInvoiceId } });
    if (invoice.status === 'awaiting_approval') {
      await queueBillingMail(tx, {
        idempotencyKey: `overage-approval:${invoice.id}`,
        template: overageApprovalMail,
        data: { customerId: invoice.customerId, invoiceId: invoice.id, period: statement.period, amountCents: invoice.amountCents, thresholdCents: account.overageApprovalCents },
        to: [{ kind: 'ops' }],
      });
    }
    return updated;
  });
  deps.eventsRecorded();
  return drafted;
}
