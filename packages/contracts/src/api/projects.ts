import { z } from 'zod';

// The project service's bodies and views. Money is integer cents in USD; time is integer minutes;
// a day is a calendar date in the project's time zone.

export const projectStatusSchema = z.enum(['launching', 'active', 'paused', 'ended']);
export const talentRegionSchema = z.enum(['eu_asia', 'us_western_europe']);
export const billingModeSchema = z.enum(['deposit', 'pay_as_you_go']);
export const npsCadenceSchema = z.enum(['weekly', 'biweekly']);
export const weekDaySchema = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type WeekDay = z.infer<typeof weekDaySchema>;

const day = z.iso.date();
const rateCents = z.number().int().positive().max(100_000_00);
const ianaTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone, e.g. Europe/Warsaw');

/** Hours per week, or a cap over the whole project; in minutes. */
export const budgetSchema = z.object({
  kind: z.enum(['per_week', 'cap']),
  minutes: z.number().int().positive().max(60 * 24 * 366),
});

export const createProjectBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  customerId: z.string().trim().min(1).max(100),
  expertId: z.string().trim().min(1).max(100),
  customerRateCents: rateCents,
  expertRateCents: rateCents,
  talentRegion: talentRegionSchema,
  budget: budgetSchema,
  weekStartDay: weekDaySchema.default('monday'),
  timeZone: ianaTimeZone,
  billingMode: billingModeSchema,
  npsCadence: npsCadenceSchema.default('weekly'),
});
export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;

export const projectViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  customerId: z.string(),
  expertId: z.string(),
  customerRateCents: z.number().int(),
  expertRateCents: z.number().int(),
  currency: z.literal('USD'),
  talentRegion: talentRegionSchema,
  budget: budgetSchema,
  weekStartDay: weekDaySchema,
  timeZone: z.string(),
  billingMode: billingModeSchema,
  npsCadence: npsCadenceSchema,
  status: projectStatusSchema,
  /** The week the project is in now, in its time zone. */
  currentWeekStart: day,
  createdAt: z.iso.datetime(),
});

export const projectListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid().optional(),
  status: projectStatusSchema.optional(),
});

export const projectWeekParamsSchema = z.object({ id: z.uuid(), weekStart: day });

export const taskStatusSchema = z.enum(['todo', 'in_progress', 'done']);
const estimateMinutes = z.number().int().positive().max(60 * 24 * 30);

/** A new task goes on the to-do list, so it needs its estimate. */
export const createTaskBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  estimateMinutes,
  milestoneId: z.uuid().optional(),
  /** The support reply that asked for this task, when it came from a query. */
  taskRequestId: z.uuid().optional(),
});
export type CreateTaskBody = z.infer<typeof createTaskBodySchema>;

export const updateTaskBodySchema = z
  .object({
    status: taskStatusSchema.optional(),
    estimateMinutes: estimateMinutes.optional(),
    milestoneId: z.uuid().nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'change at least one of status, estimateMinutes, milestoneId');
export type UpdateTaskBody = z.infer<typeof updateTaskBodySchema>;

export const taskViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  status: taskStatusSchema,
  estimateMinutes: z.number().int().nullable(),
  reportedMinutes: z.number().int(),
  milestoneId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
});

export const timeEntryStatusSchema = z.enum(['submitted', 'approved', 'disputed', 'rejected']);

export const reportTimeBodySchema = z.object({
  taskId: z.uuid(),
  /** One entry is at most a day's work. */
  minutes: z.number().int().min(1).max(24 * 60),
  day,
  note: z.string().trim().max(2_000).optional(),
});
export type ReportTimeBody = z.infer<typeof reportTimeBodySchema>;

export const timeEntryViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  taskId: z.uuid(),
  expertId: z.string(),
  minutes: z.number().int(),
  day,
  weekStart: day,
  note: z.string().nullable(),
  status: timeEntryStatusSchema,
  disputeReason: z.string().nullable(),
  resolution: z.enum(['approved', 'changed', 'rejected']).nullable(),
  approvedAt: z.iso.datetime().nullable(),
  approvedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const timeEntryListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid().optional(),
  weekStart: day.optional(),
  status: timeEntryStatusSchema.optional(),
});

const disputeSchema = z.object({ timeEntryId: z.uuid(), reason: z.string().trim().min(1).max(2_000) });

/** Approves the week's submitted hours, except the entries disputed in the same call. */
export const approveWeekBodySchema = z.object({ disputes: z.array(disputeSchema).max(500).default([]) });
export const disputeEntriesBodySchema = z.object({ disputes: z.array(disputeSchema).min(1).max(500) });

export const resolveDisputeBodySchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), note: z.string().trim().max(2_000).optional() }),
  z.object({ outcome: z.literal('change'), minutes: z.number().int().min(1).max(24 * 60), note: z.string().trim().max(2_000).optional() }),
  z.object({ outcome: z.literal('reject'), note: z.string().trim().max(2_000).optional() }),
]);
export type ResolveDisputeBody = z.infer<typeof resolveDisputeBodySchema>;

export const weekApprovalViewSchema = z.object({
  projectId: z.uuid(),
  weekStart: day,
  approvedEntryIds: z.array(z.uuid()),
  disputedEntryIds: z.array(z.uuid()),
});

export const planWeekBodySchema = z.object({ taskIds: z.array(z.uuid()).max(500) });

const taskMinutes = z.object({ taskId: z.uuid(), title: z.string(), minutes: z.number().int() });
const budgetUse = z.object({
  kind: z.enum(['per_week', 'cap']),
  budgetMinutes: z.number().int(),
  usedMinutes: z.number().int(),
  remainingMinutes: z.number().int(),
});

export const sprintViewSchema = z.object({
  projectId: z.uuid(),
  weekStart: day,
  weekEnd: day,
  plannedTaskIds: z.array(z.uuid()),
  minutesPerTask: z.array(taskMinutes),
  totalMinutes: z.number().int(),
  budget: budgetUse,
  approvedAt: z.iso.datetime().nullable(),
  summarySentAt: z.iso.datetime().nullable(),
  /** Whether this week gets an NPS survey, by the project's cadence. */
  npsDue: z.boolean(),
});

export const weekSummarySchema = z.object({
  projectId: z.uuid(),
  projectTitle: z.string(),
  weekStart: day,
  weekEnd: day,
  tasksDone: z.array(z.object({ taskId: z.uuid(), title: z.string() })),
  minutesPerTask: z.array(taskMinutes),
  totalMinutes: z.number().int(),
  budget: budgetUse,
  nextWeekPlan: z.array(z.object({ taskId: z.uuid(), title: z.string(), estimateMinutes: z.number().int().nullable() })),
  openDisputes: z.array(z.object({ timeEntryId: z.uuid(), day, minutes: z.number().int(), reason: z.string().nullable() })),
});

export const summaryCallBodySchema = z.object({
  preferredAt: z.iso.datetime(),
  note: z.string().trim().max(2_000).optional(),
});
export const summaryCallViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  weekStart: day,
  preferredAt: z.iso.datetime(),
  note: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.iso.datetime(),
});

export const milestoneBodySchema = z.object({ title: z.string().trim().min(1).max(200), dueOn: day.optional() });
export const milestoneViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  dueOn: day.nullable(),
  createdAt: z.iso.datetime(),
});

export const stakeholderBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().min(1).max(200),
  email: z.email(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, 'a phone number, e.g. +48 600 100 200').optional(),
});
export const stakeholderViewSchema = stakeholderBodySchema.extend({
  id: z.uuid(),
  projectId: z.uuid(),
  phone: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const meetingStatusSchema = z.enum(['requested', 'confirmed', 'rescheduling', 'summarized']);
export const bookMeetingBodySchema = z.object({
  startsAt: z.iso.datetime(),
  durationMinutes: z.number().int().min(15).max(8 * 60),
  agenda: z.string().trim().max(2_000).optional(),
});
export const declineMeetingBodySchema = z.object({
  proposedStartsAt: z.iso.datetime(),
  reason: z.string().trim().max(2_000).optional(),
});
/** Every meeting ends with exactly three summary points; follow-up tasks go on the board. */
export const meetingSummaryBodySchema = z.object({
  points: z.array(z.string().trim().min(1).max(2_000)).length(3, 'a meeting summary has exactly three points'),
  followUpTasks: z.array(z.object({ title: z.string().trim().min(1).max(200), estimateMinutes })).max(20).default([]),
});
export const meetingViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  expertId: z.string(),
  startsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  agenda: z.string().nullable(),
  status: meetingStatusSchema,
  proposedStartsAt: z.iso.datetime().nullable(),
  lateReschedule: z.boolean(),
  summaryPoints: z.array(z.string()).nullable(),
  followUpTaskIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
});

export const lateRescheduleReportQuerySchema = z.object({ expertId: z.string().min(1).max(100).optional() });
export const lateRescheduleReportSchema = z.object({
  experts: z.array(
    z.object({
      expertId: z.string(),
      lateReschedules: z.number().int(),
      meetings: z.array(z.object({ meetingId: z.uuid(), projectId: z.uuid(), startsAt: z.iso.datetime(), declinedAt: z.iso.datetime() })),
    }),
  ),
});

export const releaseStepSchema = z.enum(['staging', 'tested', 'production']);
export const createReleaseBodySchema = z.object({ title: z.string().trim().min(1).max(200) });
export const releaseStepBodySchema = z
  .object({
    step: releaseStepSchema,
    note: z.string().trim().min(1).max(2_000).optional(),
    link: z.url().max(2_000).optional(),
  })
  .refine((b) => b.note !== undefined || b.link !== undefined, { message: 'each step records its evidence: a note or a link', path: ['note'] });
export const releaseViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  steps: z.array(
    z.object({ step: releaseStepSchema, recordedBy: z.string(), note: z.string().nullable(), link: z.string().nullable(), recordedAt: z.iso.datetime() }),
  ),
  createdAt: z.iso.datetime(),
});

export const createNpsSurveyBodySchema = z.object({ weekStart: day });
export const npsSurveyViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  period: day,
  answeredAt: z.iso.datetime().nullable(),
  score: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
/** The signed one-click link carries the survey and the score; the comment is optional. */
export const npsAnswerBodySchema = z.object({
  token: z.string().min(1).max(500),
  comment: z.string().trim().max(5_000).optional(),
});
export const npsAnswerViewSchema = z.object({ surveyId: z.uuid(), score: z.number().int(), answeredAt: z.iso.datetime() });

export const npsReportQuerySchema = z.object({ from: day.optional(), to: day.optional() });
const npsSeries = z.object({
  answers: z.array(z.object({ period: day, score: z.number().int() })),
  averageScore: z.number().nullable(),
  npsScore: z.number().int().nullable(),
});
export const npsReportSchema = z.object({
  byProject: z.array(npsSeries.extend({ projectId: z.uuid(), expertId: z.string() })),
  byExpert: z.array(npsSeries.extend({ expertId: z.string() })),
});

export const projectTaskParamsSchema = z.object({ id: z.uuid(), taskId: z.uuid() });
export const projectTimeEntryParamsSchema = z.object({ id: z.uuid(), entryId: z.uuid() });
export const taskListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.uuid().optional(),
  status: taskStatusSchema.optional(),
});

// The sprint and meeting workflows' mail requests (service role). Each queues its mail once: a
// retry with the same ids answers `queued: false`.

/** Reminds the expert of a gap on the board: to-do tasks without an estimate, or in-progress tasks without hours this week. */
export const boardReminderBodySchema = z.object({ kind: z.enum(['missing_estimates', 'missing_hours']) });
export const mailQueuedViewSchema = z.object({
  queued: z.boolean(),
  /** What the mail is about (the tasks with gaps), empty when there was nothing to say. */
  taskIds: z.array(z.uuid()).default([]),
});
/** The summary deadline passed: first a reminder to the expert, then an alert to ops. */
export const meetingSummaryChaseBodySchema = z.object({ step: z.enum(['remind_expert', 'alert_ops']) });
/** The meeting time a reminder is for: a moved meeting gets reminders of its own. */
export const meetingReminderBodySchema = z.object({ startsAt: z.iso.datetime(), before: z.string().min(1).max(20) });
