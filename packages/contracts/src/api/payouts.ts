import { z } from 'zod';

// The payouts service's bodies and views. Money is integer cents in USD.

const cents = z.number().int().positive().max(10_000_000_00);
const expertId = z.string().trim().min(1).max(100);

export const expertParamsSchema = z.object({ id: expertId });
export const payoutRequestParamsSchema = z.object({ id: z.uuid() });

/** A Stripe Connect account (Stripe verifies it), or bank details for a manual transfer by ops. */
export const payoutAccountBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stripe_connect'), stripeAccountId: z.string().regex(/^acct_[A-Za-z0-9]{1,64}$/, 'a Stripe account id, acct_…') }).strict(),
  z
    .object({
      kind: z.literal('bank_transfer'),
      accountHolder: z.string().trim().min(1).max(200),
      iban: z.string().trim().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,40}$/, 'an IBAN, e.g. PL61 1090 1014 0000 0712 1981 2874'),
      bankName: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
]);
export type PayoutAccountBody = z.infer<typeof payoutAccountBodySchema>;

export const payoutAccountStatusSchema = z.enum(['verified', 'requirements_due', 'paused_by_stripe', 'manual']);

export const payoutAccountViewSchema = z.object({
  expertId: z.string(),
  kind: z.enum(['stripe_connect', 'bank_transfer']),
  stripeAccountId: z.string().nullable(),
  status: payoutAccountStatusSchema,
  /** What Stripe still needs before it pays out, as Stripe names it. */
  missing: z.array(z.string()),
  disabledReason: z.string().nullable(),
  /** Bank transfers only; the IBAN is shown to the expert and ops with all but its last 4 characters hidden. */
  accountHolder: z.string().nullable(),
  ibanLast4: z.string().nullable(),
  checkedAt: z.iso.datetime(),
});

export const balanceViewSchema = z.object({
  expertId: z.string(),
  currency: z.literal('USD'),
  /** What the expert can request now. */
  availableCents: z.number().int(),
  /** Held for payout requests in flight. */
  heldCents: z.number().int(),
  /** Approved hours the next payout cycle credits. */
  approvedNotCreditedCents: z.number().int(),
});

export const ledgerEntryKindSchema = z.enum(['work_credited', 'commission_credited', 'payout_held', 'payout_paid', 'payout_released', 'adjustment']);

export const ledgerEntryViewSchema = z.object({
  id: z.uuid(),
  kind: ledgerEntryKindSchema,
  /** The entry's effect on available + held: positive credits, negative money out. */
  amountCents: z.number().int(),
  /** Its effect on what is held for requests in flight. */
  heldCents: z.number().int(),
  payoutRequestId: z.uuid().nullable(),
  timeEntryId: z.uuid().nullable(),
  cycle: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const ledgerQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid().optional(),
});

/** A PDF invoice for a bank transfer, base64-encoded (at most 2 MB). */
export const invoiceUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(200).regex(/\.pdf$/i, 'a .pdf file'),
  contentBase64: z.base64().max(2_800_000),
});

export const payoutRequestBodySchema = z.object({
  amountCents: cents,
  /** Required for a bank transfer: ops pay against it. */
  invoice: invoiceUploadSchema.optional(),
});
export type PayoutRequestBody = z.infer<typeof payoutRequestBodySchema>;

export const payoutStatusSchema = z.enum(['held', 'awaiting_manual_transfer', 'needs_review', 'paid', 'failed', 'refused', 'released']);

export const payoutRequestViewSchema = z.object({
  id: z.uuid(),
  expertId: z.string(),
  amountCents: z.number().int(),
  currency: z.literal('USD'),
  status: payoutStatusSchema,
  accountKind: z.enum(['stripe_connect', 'bank_transfer']),
  reason: z.string().nullable(),
  stripeTransferId: z.string().nullable(),
  hasInvoice: z.boolean(),
  requestedAt: z.iso.datetime(),
  /** The 24 h promise: paid by then. */
  dueAt: z.iso.datetime(),
  settledAt: z.iso.datetime().nullable(),
  warnedAt: z.iso.datetime().nullable(),
  breachedAt: z.iso.datetime().nullable(),
});

/** What ops need to pay a bank transfer by hand. */
export const manualTransferViewSchema = payoutRequestViewSchema.extend({
  accountHolder: z.string(),
  iban: z.string(),
  bankName: z.string().nullable(),
  invoiceUrl: z.string().nullable(),
});

export const adjustmentBodySchema = z.object({
  /** Signed: negative takes money away (a correction of credited work), positive adds it. */
  amountCents: z.number().int().refine((n) => n !== 0, 'must not be zero').refine((n) => Math.abs(n) <= 10_000_000_00, 'too large'),
  reason: z.string().trim().min(3).max(1000),
  timeEntryId: z.uuid().optional(),
});

export const commissionBodySchema = z.object({
  amountCents: cents,
  /** The business fact it pays for (a lead's invoice, a referral), once: the same reference credits nothing twice. */
  reference: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(3).max(1000),
});

export const suspensionBodySchema = z.object({ reason: z.string().trim().min(3).max(1000) });

/** The worker's calls: what the payout process learned. */
export const payabilitySchema = z.object({
  payable: z.boolean(),
  /** Why not, in words the expert can act on. */
  reason: z.string().nullable(),
  missing: z.array(z.string()),
  accountKind: z.enum(['stripe_connect', 'bank_transfer']),
});

export const refusalBodySchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export const reviewBodySchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export const reviewResolutionBodySchema = z.object({ outcome: z.enum(['paid', 'released']), note: z.string().trim().min(3).max(1000) });
export const deadlineEventBodySchema = z.object({ kind: z.enum(['warning', 'breach']) });

export const cycleParamsSchema = z.object({ cycle: z.iso.date() });
export const cycleCreditBodySchema = z.object({ periodStart: z.iso.date() });
export const cycleExpertsSchema = z.object({ expertIds: z.array(z.string()) });
export const cycleCreditSchema = z.object({ creditedEntries: z.number().int(), creditedCents: z.number().int() });
