import { z } from 'zod';

// What support knows beyond one query: the expert community's answers, the ops quick sheet,
// and how fast first replies come.

/**
 * A community question as other experts see it: the asking expert's words only. It never names
 * the query or the customer, so it cannot be a way into another customer's query.
 */
export const communityQuestionItemSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  openedAt: z.iso.datetime(),
});

export const communityQuestionViewSchema = communityQuestionItemSchema.extend({
  answer: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
});
export type CommunityQuestionView = z.infer<typeof communityQuestionViewSchema>;

export const communityAnswerBodySchema = z.object({
  answer: z.string().trim().min(1).max(20_000),
});

/** A quick-sheet entry: a common question and its answer, kept by ops. */
export const faqEntryBodySchema = z.object({
  question: z.string().trim().min(1).max(1_000),
  answer: z.string().trim().min(1).max(20_000),
});
export type FaqEntryBody = z.infer<typeof faqEntryBodySchema>;

export const faqEntryViewSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FaqEntryView = z.infer<typeof faqEntryViewSchema>;

/** A suggestion for the expert, best first; the expert decides what, if anything, to send. */
export const faqMatchSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string(),
  rank: z.number(),
});

const maxReportDays = 366;
const dayMs = 24 * 60 * 60 * 1000;

// The range is judged only once both ends are dates, so a bad date is reported once, by its own field.
const bothEndsValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** The range of submission times a report covers, [from, to): at most a year and a day. */
export const reportRangeQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: '`to` must be after `from`', path: ['to'], when: bothEndsValid })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= maxReportDays * dayMs, {
    message: `a report covers at most ${maxReportDays} days`,
    path: ['to'],
    when: bothEndsValid,
  });

/** How long something took: how many, and the median and 90th percentile in minutes (one decimal; null when none). */
const durationStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  p50Minutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});

/**
 * One group of the support report. Minutes are business minutes for customers with a calendar
 * (their open hours only), wall-clock minutes for the others.
 */
export const supportStatsSchema = z.object({
  queries: z.number().int().nonnegative(),
  /** Breached queries / queries, to 4 decimals; 0 when there were none. */
  breachRate: z.number().min(0).max(1),
  /** Submission to the first reply; `count` is the queries answered. */
  firstReply: durationStatsSchema,
  /** A customer's follow-up to the reply after it; `waits` is the follow-ups that started a wait, `count` those answered. */
  nextReply: durationStatsSchema.extend({ waits: z.number().int().nonnegative() }),
  /** Submission to resolution; `count` is the queries resolved. */
  resolution: durationStatsSchema,
  /** The customers' 1–5 ratings: how many, and their mean to 2 decimals (null when none). */
  satisfaction: z.object({ ratings: z.number().int().nonnegative(), average: z.number().nullable() }),
});
export type SupportStats = z.infer<typeof supportStatsSchema>;

export const supportReportSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  overall: supportStatsSchema,
  /** `expertId` is null for queries no expert was assigned to. */
  byExpert: z.array(supportStatsSchema.extend({ expertId: z.string().nullable() })),
  /** `clock` says whether the customer's times count their business hours. */
  byCustomer: z.array(supportStatsSchema.extend({ customerId: z.string(), clock: z.enum(['business_hours', 'wall_clock']) })),
});
export type SupportReport = z.infer<typeof supportReportSchema>;
