import { identityClientConfig, mailConfig, stripeConfig } from '@guild/platform';
import { z } from 'zod';

export const billingConfig = {
  PORT: z.coerce.number().int().positive().default(4040),
  ...stripeConfig,
  /** Verifies Stripe's webhook signatures (`whsec_…` from the Stripe dashboard or CLI). */
  STRIPE_WEBHOOK_SECRET: z.string().min(16).default('whsec_guild_development_only'),
  /** Days a period invoice gives the customer to pay. */
  INVOICE_DAYS_UNTIL_DUE: z.coerce.number().int().min(1).max(90).default(7),
  ...mailConfig('Guild billing <billing@billing.guild.local>'),
  /** Identity resolves the people billing mails (a customer's company, ops) when each mail is sent. */
  ...identityClientConfig,
};
