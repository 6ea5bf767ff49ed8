import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * The sprint's clocks, as duration strings (`shared/duration.ts`), passed as workflow input
 * (`SPRINT_POLICY`) so ops change them without a deploy and tests run a week in seconds.
 */
export const sprintPolicySchema = z.object({
  /**
   * `calendar`: weeks run from the project's week start day at midnight in its time zone. A
   * duration makes every week that long instead (tests, demos), each still named after the next
   * calendar week.
   */
  weekLength: z.union([z.literal('calendar'), z.string().refine(isDuration, { message: "must be 'calendar' or a duration such as 90s" })]).default('calendar'),
  /** After the week starts, the expert is reminded of to-do tasks without an estimate. */
  estimateReminderAfter: duration('1d'),
  /** After the week starts, the expert is reminded of in-progress tasks without hours this week. */
  hoursReminderAfter: duration('4d'),
  /** After the week ends the customer reviews its hours; what is still submitted then is approved. */
  reviewWindow: duration('5d'),
});
export type SprintPolicy = z.infer<typeof sprintPolicySchema>;
