import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.js';
import { emailSchema } from './identity.js';
import { talentRegionSchema } from './projects.js';

// The sales service's bodies and views: leads from first contact to won or lost, the offer at no
// less than the minimum rate, the project draft, referral codes and commissions. Money is USD cents.

const text = (max: number) => z.string().trim().min(1).max(max);
const expertId = z.string().trim().min(1).max(100);

export const leadStageSchema = z.enum(['new', 'meeting_booked', 'offer_presented', 'draft_sent', 'won', 'lost']);
export type LeadStage = z.infer<typeof leadStageSchema>;
export const leadSourceSchema = z.enum(['expert', 'referral', 'inbound']);

export const leadParamsSchema = z.object({ id: z.uuid() });
export const salesExpertParamsSchema = z.object({ expertId });

/** An expert brings a lead (source `expert`, the expert owns and is attributed); ops record an inbound one with an owner. */
export const createLeadBodySchema = z
  .object({
    companyName: text(200),
    contactName: text(200),
    contactEmail: emailSchema,
    needs: text(5_000),
    /** Ops only: the expert who runs an inbound lead. */
    ownerId: expertId.optional(),
  })
  .strict();

/** A customer who comes with an expert's referral code (the website's form; no sign-in). */
export const referredLeadBodySchema = z
  .object({ companyName: text(200), contactName: text(200), contactEmail: emailSchema, needs: text(5_000) })
  .strict();
export const referralCodeParamsSchema = z.object({ code: z.string().trim().regex(/^[a-z0-9-]{4,40}$/, 'a referral code, e.g. ref-3f9a2c') });

/** The 30–60 minute sales meeting. */
export const bookSalesMeetingBodySchema = z.object({ startsAt: z.iso.datetime({ offset: true }), minutes: z.number().int() }).strict();

/** The hourly plan offered. Deliberately no discount field: the minimum rate is not negotiable. */
export const presentOfferBodySchema = z
  .object({ rateCents: z.number().int().positive().max(10_000_00), hours: z.number().int().positive().max(2_000), talentRegion: talentRegionSchema })
  .strict();

export const draftTaskSchema = z.object({ title: text(300), estimateHours: z.number().positive().max(1_000) }).strict();
export const sendDraftBodySchema = z.object({ tasks: z.array(draftTaskSchema).min(1).max(100) }).strict();

export const reportOutcomeBodySchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('won') }).strict(),
  z.object({ outcome: z.literal('lost'), reason: text(1_000) }).strict(),
]);

export const leadHandlingSchema = z.enum(['serve', 'pass_to_pool']);
export const chooseHandlingBodySchema = z.object({ handling: leadHandlingSchema }).strict();

export const leadViewSchema = z.object({
  id: z.uuid(),
  companyName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  needs: z.string(),
  source: leadSourceSchema,
  referrerId: z.string().nullable(),
  ownerId: z.string(),
  stage: leadStageSchema,
  lostReason: z.string().nullable(),
  meeting: z.object({ startsAt: z.iso.datetime(), minutes: z.number().int() }).nullable(),
  offer: z.object({ rateCents: z.number().int(), hours: z.number().int(), talentRegion: talentRegionSchema }).nullable(),
  draftTasks: z.array(draftTaskSchema).nullable(),
  customerId: z.string().nullable(),
  handling: leadHandlingSchema.nullable(),
  createdAt: z.iso.datetime(),
  stageChangedAt: z.iso.datetime(),
});
export type LeadView = z.infer<typeof leadViewSchema>;

/** The leads the caller may see, newest first: an expert their own, ops all (optionally one owner's). */
export const leadListQuerySchema = pageQuerySchema.extend({ stage: leadStageSchema.optional(), ownerId: expertId.optional() });
export const leadPageSchema = pageOf(leadViewSchema);

export const minimumRateViewSchema = z.object({ talentRegion: talentRegionSchema, rateCents: z.number().int(), changedBy: z.string(), changedAt: z.iso.datetime() });
export const regionParamsSchema = z.object({ talentRegion: talentRegionSchema });
/** Applies to offers presented from now on; offers already presented keep their rate. */
export const setMinimumRateBodySchema = z.object({ rateCents: z.number().int().positive().max(10_000_00), reason: text(1_000) }).strict();

export const referralCodeViewSchema = z.object({ code: z.string(), expertId: z.string() });

export const commissionLineViewSchema = z.object({
  id: z.uuid(),
  customerId: z.string(),
  amountCents: z.number().int(),
  invoiceId: z.uuid(),
  originalId: z.uuid().nullable(),
  refundId: z.string().nullable(),
  status: z.enum(['pending', 'available', 'clawback']),
  availableAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const commissionsViewSchema = z.object({
  expertId: z.string(),
  pendingCents: z.number().int(),
  /** Handed to the payout balance so far. */
  releasedCents: z.number().int(),
  /** Matured commissions net of clawbacks not yet handed over; negative carries forward against later commissions. */
  carriedCents: z.number().int(),
  lines: z.array(commissionLineViewSchema),
});

export const commissionReleaseViewSchema = z.object({ id: z.uuid(), expertId: z.string(), amountCents: z.number().int(), creditedAt: z.iso.datetime().nullable() });

export const salesReportSchema = z.object({
  pipeline: z.record(leadStageSchema, z.number().int()),
  winRate: z.number().nullable(),
  medianDaysToWin: z.number().nullable(),
  commissions: z.array(z.object({ expertId: z.string(), pendingCents: z.number().int(), releasedCents: z.number().int(), clawedBackCents: z.number().int() })),
});
