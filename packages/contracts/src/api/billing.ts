import { z } from 'zod';

// The billing service's bodies and views. Money is integer cents in USD; a balance is the sum of the
// customer's ledger (positive: prepaid credit left; negative: approved work not yet invoiced).

export const billingPlanSchema = z.enum(['deposit', 'pay_as_you_go']);
export const billingCadenceSchema = z.enum(['monthly', 'biweekly']);
export type BillingCadence = z.infer<typeof billingCadenceSchema>;

/** `YYYY-MM` for a monthly period, the first day `YYYY-MM-DD` of a biweekly one. */
export const billingPeriodSchema = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a period: YYYY-MM or YYYY-MM-DD');

const positiveCents = z.number().int().positive().max(100_000_000_00);

// Both travel in Stripe's Idempotency-Key header: printable ASCII only, or the call to Stripe fails (a 500).
const headerSafe = /^[\x21-\x7e]+$/;
export const billingCustomerParamsSchema = z.object({ id: z.string().trim().min(1).max(100).regex(headerSafe, 'a customer id is printable ASCII without spaces') });

export const setPlanBodySchema = z
  .object({
    plan: billingPlanSchema,
    cadence: billingCadenceSchema.default('monthly'),
    /** The safe balance to collect first; required for a deposit plan. */
    depositCents: positiveCents.optional(),
    /** An overage above this waits as a draft for ops to approve. */
    overageApprovalCents: positiveCents.default(500_000),
  })
  .refine((b) => b.plan !== 'deposit' || b.depositCents !== undefined, { path: ['depositCents'], message: 'a deposit plan needs a deposit of at least 1 cent' })
  .refine((b) => b.plan === 'deposit' || b.depositCents === undefined, { path: ['depositCents'], message: 'a pay-as-you-go plan takes no deposit' });
export type SetPlanBody = z.infer<typeof setPlanBodySchema>;

export const billingAccountViewSchema = z.object({
  customerId: z.string(),
  plan: billingPlanSchema,
  cadence: billingCadenceSchema,
  overageApprovalCents: z.number().int(),
  stripeCustomerId: z.string(),
  createdAt: z.iso.datetime(),
});

export const topUpBodySchema = z.object({ amountCents: positiveCents });

export const balanceAdjustmentBodySchema = z.object({
  amountCents: z.number().int().refine((n) => n !== 0, 'an adjustment moves at least 1 cent').refine((n) => Math.abs(n) <= 100_000_000_00, 'too large'),
  reason: z.string().trim().min(3, 'say why the balance is adjusted').max(500),
});

export const billingInvoiceKindSchema = z.enum(['deposit', 'period']);
export const billingInvoiceStatusSchema = z.enum(['draft', 'awaiting_approval', 'open', 'paid', 'payment_failed']);

export const billingInvoiceViewSchema = z.object({
  id: z.uuid(),
  customerId: z.string(),
  kind: billingInvoiceKindSchema,
  period: z.string().nullable(),
  amountCents: z.number().int(),
  currency: z.literal('USD'),
  status: billingInvoiceStatusSchema,
  stripeInvoiceId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
});
export type BillingInvoiceView = z.infer<typeof billingInvoiceViewSchema>;

export const customerLedgerKindSchema = z.enum(['deposit_paid', 'work_drawn', 'invoice_issued', 'invoice_paid', 'refund', 'adjustment']);

export const customerLedgerEntryViewSchema = z.object({
  id: z.uuid(),
  kind: customerLedgerKindSchema,
  amountCents: z.number().int(),
  occurredAt: z.iso.datetime(),
  projectId: z.string().nullable(),
  timeEntryId: z.string().nullable(),
  minutes: z.number().int().nullable(),
  rateCents: z.number().int().nullable(),
  invoiceId: z.string().nullable(),
  reason: z.string().nullable(),
});

export const customerBalanceViewSchema = z.object({
  customerId: z.string(),
  /** The sum of the ledger. */
  balanceCents: z.number().int(),
  /** Issued invoices not paid yet (the overage moved off the balance onto them). */
  openInvoicesCents: z.number().int(),
  currency: z.literal('USD'),
});

export const invoicePreviewSchema = z.object({
  customerId: z.string(),
  period: z.string(),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  /** Work approved in the running period (not yet closed). */
  drawnCents: z.number().int(),
  drawnMinutes: z.number().int(),
  balanceCents: z.number().int(),
  /** What the period's invoice would be if it closed now. */
  overageCents: z.number().int(),
  needsOpsApproval: z.boolean(),
});

export const parkedEntryViewSchema = z.object({
  timeEntryId: z.uuid(),
  projectId: z.uuid(),
  customerId: z.string(),
  minutes: z.number().int(),
  customerRateCents: z.number().int(),
  reason: z.string(),
  parkedAt: z.iso.datetime(),
});

// The billing process's calls (service role): each one is idempotent, so activity retries are safe.

/** The period of a cadence that ended by `endedBy` (a run's scheduled time), and the customers it bills. */
export const dueCustomersQuerySchema = z.object({ cadence: billingCadenceSchema, endedBy: z.iso.datetime() });
export const dueCustomersViewSchema = z.object({
  period: z.string(),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  customerIds: z.array(z.string()),
});

export const closePeriodBodySchema = z.object({
  period: billingPeriodSchema,
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
});

export const statementViewSchema = z.object({
  id: z.uuid(),
  customerId: z.string(),
  period: z.string(),
  drawnCents: z.number().int(),
  drawnMinutes: z.number().int(),
  overageCents: z.number().int(),
  needsOpsApproval: z.boolean(),
  invoiceId: z.uuid().nullable(),
});
export type StatementView = z.infer<typeof statementViewSchema>;

/** The workflow id + step name the Stripe calls of this step are keyed by. */
export const stepKeyBodySchema = z.object({ idempotencyKey: z.string().trim().min(8).max(200).regex(headerSafe, 'an idempotency key is printable ASCII without spaces') });

export const paymentReminderBodySchema = z.object({ reminder: z.number().int().min(1).max(5), alertOps: z.boolean().default(false) });

export const reconciliationViewSchema = z.object({
  checkedInvoices: z.number().int(),
  differences: z.array(z.object({ invoiceId: z.uuid(), stripeInvoiceId: z.string(), problem: z.string() })),
});
