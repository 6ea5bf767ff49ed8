import { customerReinstated, customerSuspended } from '@guild/contracts';
import type { BillingInvoice, Prisma } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { overdueInvoiceAlertMail, paymentReminderMail, projectsPausedMail } from '../mail/templates.js';
import { queueBillingMail } from '../mail/billing-mail.js';
import type { BillingDeps } from './billing-deps.js';
import { invoiceNotOverdue, invoiceNotPaid } from './billing-errors.js';
import { BILLING_SOURCE } from './source.js';

// The steps of chasing an unpaid period invoice; the billing process decides when each one is due.

async function unpaidPeriodInvoice(tx: Prisma.TransactionClient, invoiceId: string): Promise<BillingInvoice & { period: string }> {
  const invoice = await tx.billingInvoice.findUnique({ where: { id: invoiceId } });
  if (!invoice || invoice.kind !== 'period' || invoice.period === null) throw notFound('period invoice');
  if (invoice.status !== 'open' && invoice.status !== 'payment_failed') throw invoiceNotOverdue(invoice.status);
  return { ...invoice, period: invoice.period };
}

/** Reminds the customer (each reminder once), and alerts ops when asked. */
export async function remindOfPayment(deps: BillingDeps, invoiceId: string, reminder: number, alertOps: boolean) {
  await deps.prisma.$transaction(async (tx) => {
    const invoice = await unpaidPeriodInvoice(tx, invoiceId);
    const about = { period: invoice.period, amountCents: invoice.amountCents, reminder };
    await queueBillingMail(tx, { idempotencyKey: `reminder:${invoice.id}:${reminder}`, template: paymentReminderMail, data: about, to: [{ kind: 'company', companyId: invoice.customerId }] });
    if (alertOps) {
      await queueBillingMail(tx, {
        idempotencyKey: `overdue-alert:${invoice.id}:${reminder}`,
        template: overdueInvoiceAlertMail,
        data: { ...about, customerId: invoice.customerId, invoiceId: invoice.id },
        to: [{ kind: 'ops' }],
      });
    }
    await tx.billingInvoice.update({ where: { id: invoice.id }, data: { remindersSent: Math.max(invoice.remindersSent, reminder) } });
  });
  deps.eventsRecorded();
}

/** Still unpaid at the end of dunning: the customer's projects pause (the projects service hears it). */
export async function suspendCustomer(deps: BillingDeps, invoiceId: string) {
  await deps.prisma.$transaction(async (tx) => {
    const invoice = await unpaidPeriodInvoice(tx, invoiceId);
    const { count } = await tx.billingInvoice.updateMany({ where: { id: invoice.id, suspendedAt: null }, data: { suspendedAt: new Date() } });
    if (count === 0) return;
    await recordEvent(tx, BILLING_SOURCE, customerSuspended, { customerId: invoice.customerId, invoiceId: invoice.id, at: new Date().toISOString() });
    await queueBillingMail(tx, {
      idempotencyKey: `projects-paused:${invoice.id}`,
      template: projectsPausedMail,
      data: { period: invoice.period, amountCents: invoice.amountCents },
      to: [{ kind: 'company', companyId: invoice.customerId }],
    });
  });
  deps.eventsRecorded();
}

/** The overdue invoice is paid: the projects billing paused resume. Nothing happens if none were paused. */
export async function reinstateCustomer(deps: BillingDeps, invoiceId: string) {
  await deps.prisma.$transaction(async (tx) => {
    const invoice = await tx.billingInvoice.findUnique({ where: { id: invoiceId } });
    if (!invoice) throw notFound('invoice');
    if (invoice.status !== 'paid') throw invoiceNotPaid(invoice.status);
    const { count } = await tx.billingInvoice.updateMany({ where: { id: invoice.id, suspendedAt: { not: null }, reinstatedAt: null }, data: { reinstatedAt: new Date() } });
    if (count === 0) return;
    await recordEvent(tx, BILLING_SOURCE, customerReinstated, { customerId: invoice.customerId, invoiceId: invoice.id, at: new Date().toISOString() });
  });
  deps.eventsRecorded();
}
