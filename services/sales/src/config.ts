import { mailConfig } from '@guild/platform';
import { z } from 'zod';

export const salesConfig = {
  PORT: z.coerce.number().int().positive().default(4080),
  /** Where the accept link in a project draft mail points (this service's public address). */
  SALES_PUBLIC_URL: z.url().default('http://127.0.0.1:4080'),
  /** A commission stays pending this long after the payment (the refund window), then becomes available. */
  COMMISSION_REFUND_WINDOW_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  ...mailConfig('Guild sales <sales@sales.guild.local>'),
};

