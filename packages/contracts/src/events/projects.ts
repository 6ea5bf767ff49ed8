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
