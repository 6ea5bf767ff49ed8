import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * Every support clock, as duration strings (`shared/duration.ts`). Passed as workflow input so ops change them
 * without a deploy and tests run them in seconds. Defaults are the promises in the handbook.
 */
export const supportPolicySchema = z.object({
  /** First reply to a new query. */
  firstReply: duration('1h'),
  /** The assigned expert is warned this long before a reply deadline. */
  preBreachWarning: duration('15m'),
  /** Next reply after a customer follow-up (or the community's answer, or a reopen): the same promise as the first. */
  nextReply: duration('1h'),
  /** A "we are checking" with the community; after it, the query moves to research. */
  communityCheck: duration('4h'),
  /** Research status update to the customer, repeated until resolved. */
  researchUpdateEvery: duration('24h'),
  /** Waiting for information from the customer: reminder, then closed. */
  needsInfoReminder: duration('3d'),
  needsInfoClose: duration('7d'),
  /** An answered query with no follow-up is closed after this quiet period. */
  quietClose: duration('14d'),
  /** A proposed resolution the customer neither confirms nor disputes is confirmed after this. */
  confirmResolution: duration('3d'),
  /** After resolution or close, a customer's message reopens the same query within this window; later it opens a new one. */
  reopenWithin: duration('7d'),
  /**
   * History events after which the query's workflow continues as new with its state carried, on
   * top of Temporal's own suggestion (thousands of events). Unset in production; tests set it low.
   */
  rollOverAfterEvents: z.number().int().min(20).optional(),
});
export type SupportPolicy = z.infer<typeof supportPolicySchema>;
export const defaultSupportPolicy: SupportPolicy = supportPolicySchema.parse({});
