import { overageApproved } from '@guild/contracts';
import { notFound, recordEvent } from '@guild/platform';
import type { BillingDeps } from './billing-deps.js';
import { invoiceNotAwaitingApproval } from './billing-errors.js';
import { BILLING_SOURCE } from './source.js';

/** Ops let an overage above the threshold go out; the waiting billing process hears it. */
export async function approveOverage(deps: BillingDeps, invoiceId: string, actor: string) {
  const approved = await deps.prisma.$transaction(async (tx) => {
    const invoice = await tx.billingInvoice.findUnique({ where: { id: invoiceId } });
    if (!invoice || invoice.kind !== 'period' || invoice.period === null) throw notFound('invoice');
    if (invoice.approvedBy !== null) return invoice;
    if (invoice.status !== 'awaiting_approval') throw invoiceNotAwaitingApproval(invoice.status);
    const updated = await tx.billingInvoice.update({ where: { id: invoiceId }, data: { status: 'draft', approvedBy: actor } });
    await recordEvent(tx, BILLING_SOURCE, overageApproved, {
      invoiceId,
      customerId: invoice.customerId,
      period: invoice.period,
      amountCents: invoice.amountCents,
      approvedAt: new Date().toISOString(),
    });
    return updated;
  });
  deps.eventsRecorded();
  return approved;
}
