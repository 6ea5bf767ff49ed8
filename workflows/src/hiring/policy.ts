import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * The hiring process's clocks and wave sizes (`HIRING_POLICY`, JSON), passed as workflow input so
 * ops change them without a deploy and tests run the 24 hours in seconds.
 */
export const hiringPolicySchema = z.object({
  /** The promise: launched within this long of the posting. */
  launchBy: duration('24h'),
  /** No offer at all by then: the next wave goes out and ops are alerted. */
  noOffersBy: duration('4h'),
  /** Nothing selected by then: the customer is sent the best offers. */
  selectBy: duration('12h'),
  /** How long a wave has to bring `minOffersPerWave` offers before the next wave. */
  waveWindow: duration('1h'),
  waveSize: z.number().int().min(1).max(50).default(5),
  minOffersPerWave: z.number().int().min(1).max(50).default(2),
  maxWaves: z.number().int().min(1).max(20).default(4),
  /** How many offers the customer's "top offers" mail shows. */
  topOffers: z.number().int().min(1).max(10).default(3),
  /** How often the onboarding checklist is read again (tool access and stakeholders change elsewhere). */
  onboardingCheckEvery: duration('15m'),
  /** How often whoever still owes an onboarding item is reminded. */
  onboardingReminderEvery: duration('2h'),
});
export type HiringPolicy = z.infer<typeof hiringPolicySchema>;
