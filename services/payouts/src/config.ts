import { z } from 'zod';

export const payoutsConfig = {
  PORT: z.coerce.number().int().positive().default(4050),
  /** Stripe's secret key; the default is stripe-mock's, which accepts any key. */
  STRIPE_SECRET_KEY: z.string().min(1).default('sk_test_stripe_mock'),
  /** stripe-mock in development and tests; unset to reach Stripe itself. */
  STRIPE_API_URL: z.url().optional(),
};
