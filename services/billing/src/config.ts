import { z } from 'zod';

/** Compose passes an unset deployment variable as an empty string: that means "not set". */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const billingConfig = {
  PORT: z.coerce.number().int().positive().default(4040),
  /** Stripe's secret key: a test-mode key against Stripe; against stripe-mock any `sk_test_` + letters and digits (it refuses more underscores). */
  STRIPE_SECRET_KEY: unsetWhenEmpty(z.string().min(1).default('sk_test_stripemock')),
  /** stripe-mock's address in development and tests; unset, the SDK talks to Stripe itself. */
  STRIPE_API_URL: unsetWhenEmpty(z.url().optional()),
  /** Verifies Stripe's webhook signatures (`whsec_…` from the Stripe dashboard or CLI). */
  STRIPE_WEBHOOK_SECRET: z.string().min(16).default('whsec_guild_development_only'),
  /** Days a period invoice gives the customer to pay. */
  INVOICE_DAYS_UNTIL_DUE: z.coerce.number().int().min(1).max(90).default(7),
  SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(1).default('Guild billing <billing@billing.guild.local>'),
  /** Identity resolves the people billing mails (a customer's company, ops) when each mail is sent. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4020'),
  SERVICE_CLIENT_ID: z.string().min(1).optional(),
  SERVICE_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
};
