import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.js';

export const submitQueryBodySchema = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  /** The customer's project the query is about: its expert answers, and its board gets the tasks and hours. */
  projectId: z.uuid().optional(),
});
export type SubmitQueryBody = z.infer<typeof submitQueryBodySchema>;

export const replyKindSchema = z.enum(['answer', 'checking', 'research', 'needs_info', 'action']);
export type ReplyKind = z.infer<typeof replyKindSchema>;

/** Support asks only for what it needs: each item is one thing, with an optional note why. */
export const needInfoItemSchema = z.object({
  item: z.enum(['os', 'timezone', 'environment_variables', 'version', 'event_log', 'exception_report', 'crash_dump', 'logs', 'reproduction', 'screenshot', 'other']),
  note: z.string().trim().max(500).optional(),
});

export const taskRequestSchema = z.object({
  title: z.string().trim().min(1).max(200),
  estimateMinutes: z.number().int().positive().max(60 * 24 * 30).optional(),
});

/**
 * An expert's reply. Each kind carries what it needs: a needs-info checklist, a task for the
 * project board, or the question put to the community (in the expert's words, without the
 * customer's identity). Every first reply carries an ETA — checked by the service, which knows
 * whether the reply is the first.
 */
export const replyBodySchema = z
  .object({
    kind: replyKindSchema.default('answer'),
    answer: z.string().trim().min(1).max(20_000),
    etaMinutes: z.number().int().positive().max(60 * 24 * 365).optional(),
    etaAt: z.iso.datetime().optional(),
    needInfo: z.array(needInfoItemSchema).min(1).max(11).optional(),
    task: taskRequestSchema.optional(),
    communityQuestion: z.string().trim().min(1).max(5_000).optional(),
  })
  .refine((b) => !(b.etaMinutes !== undefined && b.etaAt !== undefined), {
    message: 'give etaMinutes or etaAt, not both',
    path: ['eta'],
  })
  .refine((b) => b.kind !== 'needs_info' || b.needInfo !== undefined, {
    message: 'a needs_info reply lists what is needed',
    path: ['needInfo'],
  })
  .refine((b) => b.kind !== 'action' || b.task !== undefined, {
    message: 'an action reply names the task to create',
    path: ['task'],
  })
  .refine((b) => b.kind !== 'checking' || b.communityQuestion !== undefined, {
    message: 'a checking reply states the question for the community',
    path: ['communityQuestion'],
  });
export type ReplyBody = z.infer<typeof replyBodySchema>;

export const customerMessageBodySchema = z.object({
  body: z.string().trim().min(1).max(20_000),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const openingHours = z.array(z.object({ start: hhmm, end: hhmm })).max(4);
export const businessCalendarSchema = z.object({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone, e.g. Europe/Warsaw'),
  weeklyHours: z
    .object({ mon: openingHours, tue: openingHours, wed: openingHours, thu: openingHours, fri: openingHours, sat: openingHours, sun: openingHours })
    .partial()
    .refine((w) => Object.values(w).some((hours) => hours && hours.length > 0), 'at least one day with opening hours'),
  holidays: z.array(z.iso.date()).max(366).optional(),
});
export type BusinessCalendarBody = z.infer<typeof businessCalendarSchema>;

export const supportTermsBodySchema = z.object({ calendar: businessCalendarSchema.nullable() });
export const supportTermsViewSchema = z.object({ customerId: z.string(), calendar: businessCalendarSchema.nullable() });

export const slaClockKindSchema = z.enum([
  'reply_clock_started',
  'pre_breach_warning',
  'reply_breach',
  'community_timeout',
  'research_update',
  'needs_info_reminder',
  'needs_info_close',
  'eta_overdue',
  'quiet_close',
  'resolution_confirm',
  'reopen_window_end',
]);
export type SlaClockKind = z.infer<typeof slaClockKindSchema>;
export const slaEventBodySchema = z.object({ kind: slaClockKindSchema, dueAt: z.iso.datetime() });

export const customerContactBodySchema = z.object({ email: z.email().toLowerCase(), name: z.string().trim().max(200).optional() });

export const queueReorderBodySchema = z.object({
  beforeQueryId: z.uuid(),
  reason: z.string().trim().min(5).max(1_000),
});

export const queueItemSchema = z.object({
  position: z.number().int().positive(),
  queryId: z.uuid(),
  customerId: z.string(),
  assignedExpertId: z.string().nullable(),
  subject: z.string(),
  status: z.string(),
  submittedAt: z.iso.datetime(),
  replyDueAt: z.iso.datetime().nullable(),
  replyMinutesLeft: z.number().int().nullable(),
  etaAt: z.iso.datetime().nullable(),
  etaMinutesLeft: z.number().int().nullable(),
  slaBreached: z.boolean(),
});

/** A page of the queue or of the escalations, in queue order; `cursor` is the last query id of the previous page. */
export const queueQuerySchema = pageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  expertId: z.string().min(1).optional().describe("ops: only this expert's queue"),
});
export const queuePageSchema = pageOf(queueItemSchema);

/** Time an expert spent on a query; one entry is at most a day. */
export const logQueryTimeBodySchema = z.object({
  minutes: z.number().int().min(1, 'log at least 1 minute').max(24 * 60, 'one entry is at most 24 hours (1440 minutes)'),
  note: z.string().trim().min(1).max(500).optional(),
});
export const queryTimeEntryViewSchema = z.object({
  id: z.uuid(),
  queryId: z.uuid(),
  expertId: z.string(),
  minutes: z.number().int(),
  note: z.string().nullable(),
  loggedAt: z.iso.datetime(),
  /** All minutes logged on the query, this entry included. */
  queryMinutesLogged: z.number().int(),
});

export const expertAssignmentBodySchema = z.object({
  expertId: z.string().min(1),
  backupExpertId: z.string().min(1).nullable().optional(),
});
export type ExpertAssignmentBody = z.infer<typeof expertAssignmentBodySchema>;

export const customerParamsSchema = z.object({ customerId: z.string().min(1) });

export const queryStatusSchema = z.enum(['open', 'answered', 'community', 'research', 'awaiting_customer', 'resolution_proposed', 'resolved', 'closed']);

export const replyViewSchema = z.object({
  id: z.uuid(),
  expertId: z.string(),
  kind: replyKindSchema,
  answer: z.string(),
  needInfo: z.array(needInfoItemSchema).nullable(),
  taskRequestId: z.uuid().nullable(),
  taskId: z.string().nullable(),
  etaMinutes: z.number().int().nullable(),
  etaAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const queryViewSchema = z.object({
  id: z.uuid(),
  /** The query's number, as mails name it. */
  number: z.number().int().positive(),
  customerId: z.string(),
  assignedExpertId: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  status: queryStatusSchema,
  channel: z.enum(['api', 'email']),
  submittedAt: z.iso.datetime(),
  firstRepliedAt: z.iso.datetime().nullable(),
  replyDueAt: z.iso.datetime().nullable(),
  etaAt: z.iso.datetime().nullable(),
  slaBreached: z.boolean(),
  breachedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  closeNote: z.string().nullable(),
  /** The customer's project the query is about, when they named one. */
  projectId: z.uuid().nullable(),
  /** Minutes experts logged on the query. */
  minutesLogged: z.number().int(),
  resolutionProposedAt: z.iso.datetime().nullable(),
  reopenedAt: z.iso.datetime().nullable(),
  /** The earlier query this one continues (a message after that one's reopen window). */
  followsQueryId: z.uuid().nullable(),
  replies: z.array(replyViewSchema),
  messages: z.array(z.object({ id: z.uuid(), body: z.string(), channel: z.enum(['api', 'email']), receivedAt: z.iso.datetime() })),
  attachments: z.array(z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), createdAt: z.iso.datetime() })),
});
export type QueryView = z.infer<typeof queryViewSchema>;

/** Ops hand a query to an expert; the reason is kept in the audit trail. */
export const queryAssignmentBodySchema = z.object({
  expertId: z.string().min(1).max(100),
  reason: z.string().trim().min(5).max(1_000),
});

/** A satisfaction rating through the resolution mail's signed link: one answer per query. */
export const queryRatingBodySchema = z.object({
  token: z.string().min(1).max(300),
  comment: z.string().trim().max(5_000).optional(),
});
export const queryRatingViewSchema = z.object({ queryId: z.uuid(), score: z.number().int().min(1).max(5), comment: z.string().nullable(), ratedAt: z.iso.datetime() });

export const expertAssignmentViewSchema = z.object({
  customerId: z.string(),
  expertId: z.string(),
  backupExpertId: z.string().nullable(),
});

/** An inbound mail held because SPF/DKIM/DMARC did not prove its sender; its content stays sealed. */
export const heldMailViewSchema = z.object({
  id: z.uuid(),
  fromAddress: z.string(),
  subject: z.string().nullable(),
  remoteIp: z.string().nullable(),
  /** Why it was held, e.g. "DMARC fail for acme.example". */
  reason: z.string(),
  spf: z.string(),
  dkim: z.array(z.object({ result: z.string(), domain: z.string().nullable() })),
  dmarc: z.string(),
  status: z.enum(['held', 'released', 'discarded']),
  receivedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});
export const heldMailListQuerySchema = pageQuerySchema.extend({ status: z.enum(['held', 'released', 'discarded']).default('held') });
export const heldMailReleaseViewSchema = z.object({
  heldMail: heldMailViewSchema,
  /** What the mail became: a new query, a follow-up on one, or nothing new (already recorded or automatic). */
  outcome: z.enum(['opened', 'follow_up', 'duplicate', 'automatic']),
  queryId: z.uuid().nullable(),
});
