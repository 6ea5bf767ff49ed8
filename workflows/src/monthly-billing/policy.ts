import { z } from 'zod';
import { isDuration } from '../shared/duration.js';

const duration = (fallback: string) =>
  z.string().refine(isDuration, { message: 'must be a duration such as 90s, 15m, 1h or 3d' }).default(fallback);

/**
 * The billing process's clocks and limits (`BILLING_POLICY`), passed as workflow input so ops
 * change them without a deploy and tests run dunning in seconds. Dunning counts from the failed payment.
 */
export const billingPolicySchema = z.object({
  firstReminderAfter: duration('3d'),
  secondReminderAfter: duration('7d'),
  /** Still unpaid this long after the failure: the customer's projects pause until it is paid. */
  pauseProjectsAfter: duration('14d'),
  /** Customers billed at the same time in one run. */
  concurrentCustomers: z.number().int().min(1).max(100).default(10),
  /**
   * A run continues as new past this many history events (Temporal refuses a history past
   * 51,200 events or 50 MiB; a customer costs a run about 8 events).
   */
  rollOverAfterEvents: z.number().int().min(100).max(40_000).default(10_000),
});
export type BillingPolicy = z.infer<typeof billingPolicySchema>;
