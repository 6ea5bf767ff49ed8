import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * The payout's clocks, as duration strings (`shared/duration.ts`), passed as workflow input
 * (`PAYOUT_POLICY`) so ops change them without a deploy and tests run a day in seconds.
 */
export const payoutPolicySchema = z.object({
  /** The promise: paid within this long of the request. */
  deadline: duration('24h'),
  /** Ops are warned when this much of it has passed and the payout is not paid. */
  warnAfter: duration('20h'),
  /**
   * How long Stripe transfers are retried through outages before a person takes over: after that
   * nobody knows whether money left, so the process cannot release the hold by itself.
   */
  transferGivesUpAfter: duration('4h'),
});
export type PayoutPolicy = z.infer<typeof payoutPolicySchema>;
