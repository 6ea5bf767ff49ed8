import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * A meeting's clocks (`MEETING_POLICY`), as duration strings. How much notice a decline needs is
 * the projects service's rule (`RESCHEDULE_NOTICE_HOURS`): it flags a late reschedule itself.
 */
export const meetingPolicySchema = z.object({
  /** Reminders to the customer's people and the expert, this long before the meeting. */
  remindersBefore: z.array(duration('1h')).max(5).default(['24h', '1h']),
  /** The expert posts the three summary points within this long after the meeting ends… */
  summaryDue: duration('24h'),
  /** …or is reminded, and this long after the reminder ops are alerted. */
  opsAlertAfter: duration('24h'),
});
export type MeetingPolicy = z.infer<typeof meetingPolicySchema>;
