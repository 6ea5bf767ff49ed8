import { z } from 'zod';
import { defineEvent } from './define-event.js';

// Billing's facts about customers' money. Amounts are integer cents in USD. A `period` is `YYYY-MM`
// for monthly customers or the first day (`YYYY-MM-DD`) of a two-week period for biweekly ones.

const period = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

/**
 * Stripe confirmed money from a customer: a paid deposit or a paid period invoice. Commissions
 * consume it. Published once per invoice.
 */
export const paymentReceived = defineEvent(
  'billing.payment.received',
  1,
  z.object({
    invoiceId: z.uuid(),
    customerId: z.string().min(1),
    kind: z.enum(['deposit', 'period']),
    period: period.nullable(),
    amountCents: z.number().int().positive(),
    currency: z.literal('USD'),
    stripeInvoiceId: z.string().min(1),
    paidAt: z.iso.datetime(),
  }),
);

/**
 * Stripe gave money of a paid invoice back, in full or in part: one event per refunded amount,
 * `refundId` naming it (the charge and its running refunded total), so consumers book it once.
 */
export const paymentRefunded = defineEvent(
  'billing.payment.refunded',
  1,
  z.object({
    refundId: z.string().min(1),
    invoiceId: z.uuid(),
    customerId: z.string().min(1),
    /** This refund's amount, not the running total. */
    amountCents: z.number().int().positive(),
    /** What the invoice was paid, and how much of it is refunded now in all. */
    paymentCents: z.number().int().positive(),
    refundedTotalCents: z.number().int().positive(),
    currency: z.literal('USD'),
    refundedAt: z.iso.datetime(),
  }),
);

/** Stripe could not collect a period invoice: the period's billing process starts dunning. */
export const paymentFailed = defineEvent(
  'billing.payment.failed',
  1,
  z.object({
    invoiceId: z.uuid(),
    customerId: z.string().min(1),
    period: period,
    amountCents: z.number().int().positive(),
    failedAt: z.iso.datetime(),
  }),
);

/** Ops approved an overage above the customer's threshold: its draft invoice may go out. */
export const overageApproved = defineEvent(
  'billing.overage.approved',
  1,
  z.object({
    invoiceId: z.uuid(),
    customerId: z.string().min(1),
    period: period,
    amountCents: z.number().int().positive(),
    approvedAt: z.iso.datetime(),
  }),
);

const customerStanding = z.object({ customerId: z.string().min(1), invoiceId: z.uuid(), at: z.iso.datetime() });

/** An invoice stayed unpaid past dunning: the customer's projects pause until it is paid. */
export const customerSuspended = defineEvent('billing.customer.suspended', 1, customerStanding);

/** The overdue invoice was paid: the projects billing paused resume. */
export const customerReinstated = defineEvent('billing.customer.reinstated', 1, customerStanding);
