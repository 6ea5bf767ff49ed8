import { z } from 'zod';

export const submitQueryBodySchema = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
});
export type SubmitQueryBody = z.infer<typeof submitQueryBodySchema>;

/** Every first reply carries an ETA: hours from now, or a deadline. */
export const replyBodySchema = z
  .object({
    answer: z.string().trim().min(1).max(20_000),
    etaMinutes: z.number().int().positive().max(60 * 24 * 365).optional(),
    etaAt: z.iso.datetime().optional(),
  })
  .refine((b) => b.etaMinutes !== undefined || b.etaAt !== undefined, {
    message: 'a reply needs an ETA: etaMinutes or etaAt',
    path: ['eta'],
  })
  .refine((b) => !(b.etaMinutes !== undefined && b.etaAt !== undefined), {
    message: 'give etaMinutes or etaAt, not both',
    path: ['eta'],
  });
export type ReplyBody = z.infer<typeof replyBodySchema>;

export const expertAssignmentBodySchema = z.object({
  expertId: z.string().min(1),
  backupExpertId: z.string().min(1).nullable().optional(),
});
export type ExpertAssignmentBody = z.infer<typeof expertAssignmentBodySchema>;

export const customerParamsSchema = z.object({ customerId: z.string().min(1) });

export const queryStatusSchema = z.enum(['open', 'escalated', 'answered']);

export const replyViewSchema = z.object({
  id: z.uuid(),
  expertId: z.string(),
  answer: z.string(),
  etaMinutes: z.number().int().nullable(),
  etaAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const queryViewSchema = z.object({
  id: z.uuid(),
  customerId: z.string(),
  assignedExpertId: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  status: queryStatusSchema,
  submittedAt: z.iso.datetime(),
  firstRepliedAt: z.iso.datetime().nullable(),
  escalatedAt: z.iso.datetime().nullable(),
  replies: z.array(replyViewSchema),
});
export type QueryView = z.infer<typeof queryViewSchema>;

export const expertAssignmentViewSchema = z.object({
  customerId: z.string(),
  expertId: z.string(),
  backupExpertId: z.string().nullable(),
});
