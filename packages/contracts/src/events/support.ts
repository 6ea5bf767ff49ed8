import { z } from 'zod';
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
    repliedAt: z.iso.datetime(),
    etaMinutes: z.number().int().positive().nullable(),
    etaAt: z.iso.datetime().nullable(),
  }),
);

export const queryEscalated = defineEvent(
  'support.query.escalated',
  1,
  z.object({
    queryId: z.uuid(),
    customerId: z.string().min(1),
    escalatedAt: z.iso.datetime(),
  }),
);
