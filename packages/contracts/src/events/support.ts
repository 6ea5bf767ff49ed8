import { z } from 'zod';
import { businessCalendarSchema } from '../api/support.js';
import { defineEvent } from './define-event.js';

// Events carry ids and times only: query text may hold a customer's secrets, so it stays in
// the support service's database and never travels on NATS or into workflow histories.

export const querySubmitted = defineEvent(
  'support.query.submitted',
  1,
  z.object({
    queryId: z.uuid(),
    customerId: z.string().min(1),
    assignedExpertId: z.string().min(1).nullable(),
    submittedAt: z.iso.datetime(),
    /** The customer's support terms as the query was submitted; events recorded before they were carried have none. */
    terms: z.object({ calendar: businessCalendarSchema.nullable() }).optional(),
  }),
);

export const queryReplied = defineEvent(
  'support.query.replied',
  1,
  z.object({
    queryId: z.uuid(),
    customerId: z.string().min(1),
    replyId: z.uuid(),
    expertId: z.string().min(1),
    // Added after v1 shipped: older events are answers.
    kind: z.enum(['answer', 'checking', 'research', 'needs_info', 'action']).default('answer'),
    repliedAt: z.iso.datetime(),
    etaMinutes: z.number().int().positive().nullable(),
    etaAt: z.iso.datetime().nullable(),
  }),
);

export const queryFollowedUp = defineEvent(
  'support.query.followed_up',
  1,
  z.object({ queryId: z.uuid(), customerId: z.string().min(1), messageId: z.uuid(), receivedAt: z.iso.datetime() }),
);

export const queryBreached = defineEvent(
  'support.query.breached',
  1,
  z.object({
    queryId: z.uuid(),
    customerId: z.string().min(1),
    assignedExpertId: z.string().min(1).nullable(),
    clock: z.enum(['first_reply', 'next_reply']),
    dueAt: z.iso.datetime(),
    breachedAt: z.iso.datetime(),
  }),
);

export const queryResolved = defineEvent(
  'support.query.resolved',
  1,
  z.object({ queryId: z.uuid(), customerId: z.string().min(1), resolvedAt: z.iso.datetime(), by: z.string().min(1) }),
);

export const queryClosed = defineEvent(
  'support.query.closed',
  1,
  z.object({ queryId: z.uuid(), customerId: z.string().min(1), closedAt: z.iso.datetime(), reason: z.enum(['no_customer_answer', 'quiet']) }),
);

/** The expert proposes that the work is delivered; the customer confirms, or the quiet period does. */
export const queryResolutionProposed = defineEvent(
  'support.query.resolution_proposed',
  1,
  z.object({ queryId: z.uuid(), customerId: z.string().min(1), proposedAt: z.iso.datetime(), by: z.string().min(1) }),
);

/**
 * Ops changed the customer's support terms while this query's workflow may still run (open, or in
 * its reopen window): its reply clocks count in the new calendar (null: round the clock) from `changedAt`.
 */
export const queryTermsChanged = defineEvent(
  'support.query.terms_changed',
  1,
  z.object({ queryId: z.uuid(), customerId: z.string().min(1), calendar: businessCalendarSchema.nullable(), changedAt: z.iso.datetime() }),
);

/** The community answered a query's question: its timer stops and the assigned expert owes the customer a reply. */
export const communityAnswered = defineEvent(
  'support.community.answered',
  1,
  z.object({ queryId: z.uuid(), questionId: z.uuid(), answeredAt: z.iso.datetime() }),
);

/** An action reply asks the project board for a task; the board answers with projects.task.created. */
export const taskRequested = defineEvent(
  'support.task.requested',
  1,
  z.object({
    taskRequestId: z.uuid(),
    queryId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    title: z.string().min(1),
    estimateMinutes: z.number().int().positive().nullable(),
    /** The project the query named; without one, the customer's active project takes the task. Added after v1. */
    projectId: z.uuid().nullable().default(null),
  }),
);

/**
 * An expert logged minutes on a query; the project board records them as a submitted time entry
 * of the project's expert (once per `timeEntryId`).
 */
export const queryTimeLogged = defineEvent(
  'support.query.time_logged',
  1,
  z.object({
    timeEntryId: z.uuid(),
    queryId: z.uuid(),
    customerId: z.string().min(1),
    projectId: z.uuid().nullable(),
    expertId: z.string().min(1),
    minutes: z.number().int().min(1).max(24 * 60),
    /** All minutes logged on the query so far, this entry included. */
    queryMinutesLogged: z.number().int().positive(),
    loggedAt: z.iso.datetime(),
  }),
);
