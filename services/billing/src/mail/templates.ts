import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';
import { dollars } from '../domain/money.js';

// Every mail billing sends, declared once. Amounts are integer cents; templates write them as dollars.

const cents = z.number().int();

/** The period's statement: work drawn, the balance, and the invoice (or none when nothing is owed). */
export const statementMail = defineMailTemplate({
  name: 'billing.statement',
  data: z.object({
    period: z.string(),
    drawnMinutes: z.number().int(),
    drawnCents: cents,
    balanceBeforeCents: cents,
    invoicedCents: cents,
    plan: z.enum(['deposit', 'pay_as_you_go']),
  }),
  subject: (d) => `Your statement for ${d.period}${d.invoicedCents > 0 ? `: invoice of ${dollars(d.invoicedCents)}` : ''}`,
  text: (d) =>
    [
      `Approved work in ${d.period}: ${(d.drawnMinutes / 60).toFixed(2)} h, ${dollars(d.drawnCents)}.`,
      d.plan === 'deposit' ? `Your safe balance after this work: ${dollars(d.balanceBeforeCents)}.` : 'You pay as you go: the period is invoiced as approved.',
      d.invoicedCents > 0
        ? `An invoice of ${dollars(d.invoicedCents)} for the work beyond your balance is on its way from Stripe.`
        : 'Nothing to pay for this period.',
    ].join('\n'),
});

export const paymentReminderMail = defineMailTemplate({
  name: 'billing.payment-reminder',
  data: z.object({ period: z.string(), amountCents: cents, reminder: z.number().int() }),
  subject: (d) => `Reminder: your invoice of ${dollars(d.amountCents)} for ${d.period} is unpaid`,
  text: (d) =>
    [
      `Your invoice of ${dollars(d.amountCents)} for ${d.period} could not be collected.`,
      'Please pay it from the link in Stripe\'s invoice mail, or update your payment method.',
      d.reminder > 1 ? 'If it stays unpaid, your projects will be paused until it is paid.' : '',
    ].join('\n'),
});

export const overdueInvoiceAlertMail = defineMailTemplate({
  name: 'billing.overdue-invoice-alert',
  data: z.object({ customerId: z.string(), invoiceId: z.uuid(), period: z.string(), amountCents: cents, reminder: z.number().int() }),
  subject: (d) => `Unpaid invoice: ${d.customerId}, ${dollars(d.amountCents)} for ${d.period}`,
  text: (d) => `Customer ${d.customerId} has not paid invoice ${d.invoiceId} (${dollars(d.amountCents)}, ${d.period}) after reminder ${d.reminder}. Their projects pause if it stays unpaid.`,
});

export const projectsPausedMail = defineMailTemplate({
  name: 'billing.projects-paused',
  data: z.object({ period: z.string(), amountCents: cents }),
  subject: (d) => `Your projects are paused: invoice of ${dollars(d.amountCents)} unpaid`,
  text: (d) => `Your invoice of ${dollars(d.amountCents)} for ${d.period} is still unpaid, so your projects are paused. They resume as soon as it is paid.`,
});

export const overageApprovalMail = defineMailTemplate({
  name: 'billing.overage-approval',
  data: z.object({ customerId: z.string(), invoiceId: z.uuid(), period: z.string(), amountCents: cents, thresholdCents: cents }),
  subject: (d) => `Approve an overage: ${d.customerId}, ${dollars(d.amountCents)} for ${d.period}`,
  text: (d) =>
    `The ${d.period} overage of ${d.customerId} is ${dollars(d.amountCents)}, above their threshold of ${dollars(d.thresholdCents)}. Its invoice ${d.invoiceId} waits as a draft: approve it with POST /invoices/${d.invoiceId}/approval.`,
});

export const parkedEntryMail = defineMailTemplate({
  name: 'billing.parked-entry',
  data: z.object({ timeEntryId: z.uuid(), projectId: z.uuid(), customerId: z.string(), minutes: z.number().int(), reason: z.string() }),
  subject: (d) => `Approved hours not billed: customer ${d.customerId}`,
  text: (d) => `Time entry ${d.timeEntryId} (${d.minutes} min, project ${d.projectId}) was approved but is not billed: ${d.reason}. Set the customer's plan; parked entries are drawn then.`,
});

export const reconciliationMail = defineMailTemplate({
  name: 'billing.reconciliation',
  data: z.object({ day: z.iso.date(), differences: z.array(z.object({ invoiceId: z.string(), stripeInvoiceId: z.string(), problem: z.string() })).min(1) }),
  subject: (d) => `Billing and Stripe differ on ${d.differences.length} invoice(s) (${d.day})`,
  text: (d) => ['The ledger and Stripe disagree on:', ...d.differences.map((x) => `  - invoice ${x.invoiceId} (${x.stripeInvoiceId}): ${x.problem}`)].join('\n'),
});

export const billingMailTemplates = mailTemplates(
  statementMail,
  paymentReminderMail,
  overdueInvoiceAlertMail,
  projectsPausedMail,
  overageApprovalMail,
  parkedEntryMail,
  reconciliationMail,
);
