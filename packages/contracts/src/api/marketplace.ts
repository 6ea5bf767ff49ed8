import { z } from 'zod';
import { pageQuerySchema } from './common.js';
import { talentRegionSchema } from './projects.js';

// The marketplace's bodies and views: expert profiles, jobs, offers, matching and the hiring
// reports. Money is integer USD cents; an expert is named by identity's expert id.

const expertId = z.string().trim().min(1).max(100);
const cents = z.number().int().positive().max(100_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);

export const expertProfileParamsSchema = z.object({ id: expertId });
export const skillLevelSchema = z.object({ name: text(60).transform((s) => s.toLowerCase()), level: z.number().int().min(1).max(5) });
export const listingStatusSchema = z.enum(['draft', 'listed', 'paused']);

export const expertProfileBodySchema = z.object({
  headline: z.string().trim().max(200).default(''),
  skills: z.array(skillLevelSchema).min(1).max(50),
  technologies: z.array(text(60)).max(50).default([]),
  talentRegion: talentRegionSchema,
  hourlyRateCents: cents,
  weeklyHours: z.number().int().min(0).max(80),
  listingStatus: listingStatusSchema,
});
export type ExpertProfileBody = z.infer<typeof expertProfileBodySchema>;

export const expertProfileViewSchema = expertProfileBodySchema.extend({
  expertId: z.string(),
  /** Empty while the profile is a draft opened at registration. */
  skills: z.array(skillLevelSchema),
  quality: z.object({
    npsAverage: z.number().nullable(),
    npsAnswers: z.number().int(),
    approvedEntries: z.number().int(),
    approvedMinutes: z.number().int(),
  }),
  /** Median minutes from an invitation to the expert's offer; null until one was answered. */
  medianResponseMinutes: z.number().nullable(),
});

/** Hourly: at most this rate per hour, capped at so many minutes in all; fixed: one amount. */
export const jobBudgetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hourly'), maxRateCents: cents, capMinutes: z.number().int().positive().max(60 * 24 * 366) }),
  z.object({ kind: z.literal('fixed'), amountCents: cents }),
]);
export type JobBudget = z.infer<typeof jobBudgetSchema>;

export const postJobBodySchema = z.object({
  title: text(200),
  description: text(5_000),
  tasks: z.array(text(500)).min(1).max(50),
  skills: z.array(text(60).transform((s) => s.toLowerCase())).min(1, 'name at least one skill the job needs').max(20),
  budget: jobBudgetSchema,
  talentRegion: talentRegionSchema.optional(),
  desiredStart: z.iso.date(),
  timeZone: z.string().min(1).max(60).default('UTC'),
});
export type PostJobBody = z.infer<typeof postJobBodySchema>;

export const jobStatusSchema = z.enum(['open', 'selected', 'launched', 'closed']);
export const jobViewSchema = z.object({
  id: z.uuid(),
  /** The customer's company; null for experts (they see the work, not who asks for it). */
  customerId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  tasks: z.array(z.string()),
  skills: z.array(z.string()),
  budget: jobBudgetSchema,
  talentRegion: talentRegionSchema.nullable(),
  desiredStart: z.iso.date(),
  timeZone: z.string(),
  status: jobStatusSchema,
  postedAt: z.iso.datetime(),
  selectedOfferId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  onboarding: z.object({ scopeAgreed: z.boolean(), budgetAgreed: z.boolean(), guidelinesAcknowledged: z.boolean() }),
  launchedAt: z.iso.datetime().nullable(),
  slaBreachedAt: z.iso.datetime().nullable(),
});
export const jobListQuerySchema = pageQuerySchema.extend({ status: jobStatusSchema.optional() });

export const offerBodySchema = z
  .object({
    kind: z.enum(['hourly', 'fixed']),
    rateCents: cents.optional(),
    priceCents: cents.optional(),
    isEstimate: z.boolean(),
    scope: text(5_000),
    schedule: text(2_000),
    notes: z.string().trim().max(5_000).default(''),
  })
  .refine((o) => (o.kind === 'hourly' ? o.rateCents !== undefined && o.priceCents === undefined : o.priceCents !== undefined && o.rateCents === undefined), {
    message: 'an hourly offer names rateCents, a fixed one priceCents',
    path: ['kind'],
  });
export type OfferBody = z.infer<typeof offerBodySchema>;

export const offerStatusSchema = z.enum(['open', 'withdrawn', 'selected', 'declined']);
export const offerViewSchema = z.object({
  id: z.uuid(),
  jobId: z.uuid(),
  expertId: z.string(),
  kind: z.enum(['hourly', 'fixed']),
  rateCents: z.number().int().nullable(),
  priceCents: z.number().int().nullable(),
  isEstimate: z.boolean(),
  scope: z.string(),
  schedule: z.string(),
  notes: z.string(),
  status: offerStatusSchema,
  submittedAt: z.iso.datetime(),
  seenByCustomer: z.boolean(),
});
export const offerParamsSchema = z.object({ id: z.uuid(), offerId: z.uuid() });
export const selectOfferBodySchema = z.object({ offerId: z.uuid() });

export const scorePartsSchema = z.object({
  skillFit: z.number(),
  availability: z.number(),
  budgetFit: z.number(),
  quality: z.number(),
  responseSpeed: z.number(),
});
export const matchViewSchema = z.object({ expertId: z.string(), score: z.number(), parts: scorePartsSchema });
export const invitationWaveBodySchema = z.object({ wave: z.number().int().min(1).max(50), size: z.number().int().min(1).max(100) });
export const invitationWaveViewSchema = z.object({ wave: z.number().int(), invited: z.array(matchViewSchema) });

export const onboardingItemSchema = z.enum(['scope_agreed', 'budget_agreed', 'guidelines_acknowledged']);
export const onboardingBodySchema = z.object({ item: onboardingItemSchema });

export const timeToLaunchReportSchema = z.object({
  launched: z.number().int(),
  p50Minutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  jobs: z.array(z.object({ jobId: z.uuid(), customerId: z.string(), postedAt: z.iso.datetime(), launchedAt: z.iso.datetime().nullable(), minutesToLaunch: z.number().int().nullable(), breached: z.boolean() })),
});
