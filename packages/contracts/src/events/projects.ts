import { z } from 'zod';
import { defineEvent } from './define-event.js';

/** The project board created a task; `taskRequestId` links it to the support reply that asked. */
export const taskCreated = defineEvent(
  'projects.task.created',
  1,
  z.object({
    taskId: z.string().min(1),
    taskRequestId: z.uuid().nullable(),
    customerId: z.string().min(1),
    title: z.string().min(1),
    createdAt: z.iso.datetime(),
  }),
);

/** Who works for whom at what rates: what billing, payouts and support read about an engagement. */
export const projectCreated = defineEvent(
  'projects.project.created',
  1,
  z.object({
    projectId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    customerRateCents: z.number().int().positive(),
    expertRateCents: z.number().int().positive(),
    currency: z.literal('USD'),
    talentRegion: z.enum(['eu_asia', 'us_western_europe']),
    billingMode: z.enum(['deposit', 'pay_as_you_go']),
    timeZone: z.string().min(1),
    weekStartDay: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    createdAt: z.iso.datetime(),
  }),
);

const projectStatusChange = z.object({
  projectId: z.uuid(),
  customerId: z.string().min(1),
  expertId: z.string().min(1),
  at: z.iso.datetime(),
});

/** The sprint starts when a project becomes active, stops when it pauses or ends, restarts on resume. */
export const projectActivated = defineEvent('projects.project.activated', 1, projectStatusChange);
export const projectPaused = defineEvent('projects.project.paused', 1, projectStatusChange);
export const projectResumed = defineEvent('projects.project.resumed', 1, projectStatusChange);
export const projectEnded = defineEvent('projects.project.ended', 1, projectStatusChange);

/**
 * Hours the customer (or the review window, or ops) approved: the single source of what is billed
 * and paid. Published exactly once per time entry, with the project's rates at approval.
 */
export const timeEntryApproved = defineEvent(
  'projects.timeentry.approved',
  1,
  z.object({
    timeEntryId: z.uuid(),
    projectId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    minutes: z.number().int().positive(),
    customerRateCents: z.number().int().positive(),
    expertRateCents: z.number().int().positive(),
    currency: z.literal('USD'),
    day: z.iso.date(),
    approvedAt: z.iso.datetime(),
  }),
);

/** The customer disputed an entry: ops resolve it. The reason stays in the service. */
export const timeEntryDisputed = defineEvent(
  'projects.timeentry.disputed',
  1,
  z.object({
    timeEntryId: z.uuid(),
    projectId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    day: z.iso.date(),
    disputedAt: z.iso.datetime(),
  }),
);

const meetingRef = z.object({
  meetingId: z.uuid(),
  projectId: z.uuid(),
  customerId: z.string().min(1),
  expertId: z.string().min(1),
});

/** A customer booked a meeting: its reminders and summary deadline start here. */
export const meetingBooked = defineEvent(
  'projects.meeting.booked',
  1,
  meetingRef.extend({ startsAt: z.iso.datetime(), durationMinutes: z.number().int().positive() }),
);

export const meetingConfirmed = defineEvent('projects.meeting.confirmed', 1, meetingRef.extend({ startsAt: z.iso.datetime() }));

/** The expert cannot attend and proposed another time; `late` when it came after the notice the policy asks. */
export const meetingRescheduled = defineEvent(
  'projects.meeting.rescheduled',
  1,
  meetingRef.extend({ startsAt: z.iso.datetime(), proposedStartsAt: z.iso.datetime(), late: z.boolean() }),
);

export const meetingSummarized = defineEvent('projects.meeting.summarized', 1, meetingRef.extend({ summarizedAt: z.iso.datetime() }));

/** The customer asked for a weekly summary call: an ops task at their preferred time. */
export const summaryCallRequested = defineEvent(
  'projects.summarycall.requested',
  1,
  z.object({
    requestId: z.uuid(),
    projectId: z.uuid(),
    customerId: z.string().min(1),
    weekStart: z.iso.date(),
    preferredAt: z.iso.datetime(),
  }),
);

/**
 * A customer answered an NPS survey. A detractor (score ≤ 6) alerts ops and opens a support query
 * on the customer's behalf; the comment stays in the service.
 */
export const npsAnswered = defineEvent(
  'projects.nps.answered',
  1,
  z.object({
    surveyId: z.uuid(),
    projectId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    period: z.iso.date(),
    score: z.number().int().min(0).max(10),
    detractor: z.boolean(),
    answeredAt: z.iso.datetime(),
    /** What support names the query it opens for a detractor by; absent in events recorded before it was added. */
    projectTitle: z.string().optional(),
    /** A detractor's optional words with the score, the body of that query; other answers' comments are not published. */
    comment: z.string().nullable().optional(),
  }),
);
