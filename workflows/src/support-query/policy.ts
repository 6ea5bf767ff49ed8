import { z } from 'zod';

/**
 * Every support clock, as Temporal duration strings. Passed as workflow input so ops change them
 * without a deploy and tests run them in seconds. Defaults are the promises in the handbook.
 */
export const supportPolicySchema = z.object({
  /** First reply to a new query. */
  firstReply: z.string().min(1).default('1h'),
  /** The assigned expert is warned this long before a reply deadline. */
  preBreachWarning: z.string().min(1).default('15m'),
  /** Next reply after a customer follow-up. */
  nextReply: z.string().min(1).default('4h'),
  /** A "we are checking" with the community; after it, the query moves to research. */
  communityCheck: z.string().min(1).default('4h'),
  /** Research status update to the customer, repeated until resolved. */
  researchUpdateEvery: z.string().min(1).default('24h'),
  /** Waiting for information from the customer: reminder, then closed. */
  needsInfoReminder: z.string().min(1).default('3d'),
  needsInfoClose: z.string().min(1).default('7d'),
  /** An answered query with no follow-up is closed after this quiet period. */
  quietClose: z.string().min(1).default('14d'),
});
export type SupportPolicy = z.infer<typeof supportPolicySchema>;
export const defaultSupportPolicy: SupportPolicy = supportPolicySchema.parse({});
