import { stripeConfig } from '@guild/platform';
import { z } from 'zod';

export const payoutsConfig = {
  PORT: z.coerce.number().int().positive().default(4050),
  ...stripeConfig,
};
