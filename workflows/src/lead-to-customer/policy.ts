import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * The lead process's clocks (`LEAD_POLICY`, JSON), passed as workflow input so ops change them
 * without a deploy and tests run the 30 days in seconds.
 */
export const leadPolicySchema = z.object({
  /** No sales meeting booked this long after the lead came in: the owner is reminded. */
  meetingReminderAfter: duration('3d'),
  /** No outcome this long after the draft was sent: the owner is reminded. */
  outcomeReminderAfter: duration('14d'),
  /** Nothing happened on an open lead for this long: it is closed as lost, ops and the owner told. */
  silenceClosesAfter: duration('30d'),
  /** A won lead's owner has not chosen to serve the customer or pass it to the pool this long after the win: they are reminded. */
  handlingReminderAfter: duration('2d'),
});
export type LeadPolicy = z.infer<typeof leadPolicySchema>;
