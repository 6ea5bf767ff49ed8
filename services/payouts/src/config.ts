import { z } from 'zod';

// Compose passes unset Stripe variables as empty strings: empty means "not given".
const unlessEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const payoutsConfig = {
  PORT: z.coerce.number().int().positive().default(4050),
  /** Stripe's secret key; the default is for stripe-mock, which accepts any key. */
  STRIPE_SECRET_KEY: unlessEmpty(z.string().min(1).default('sk_test_stripe_mock')),
  /** stripe-mock in development and tests; unset to reach Stripe itself. */
  STRIPE_API_URL: unlessEmpty(z.url().optional()),
};
