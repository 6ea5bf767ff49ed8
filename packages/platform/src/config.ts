import { z } from 'zod';

/** Why a process cannot start: every bad environment variable, each with its reason. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: { variable: string; message: string }[];

  constructor(problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/**
 * Parses the environment once, at boot, against a zod shape. An empty variable counts as unset,
 * so `FOO=` in a compose file falls back to the default instead of failing validation.
 */
export function loadConfig<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  const input: Record<string, string | undefined> = {};
  for (const variable of Object.keys(shape)) {
    const value = env[variable];
    input[variable] = value === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;

  const problems = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    const message = input[variable] === undefined ? 'is required but not set' : issue.message;
    problems.set(variable, [...(problems.get(variable) ?? []), message]);
  }
  throw new ConfigError(
    [...problems].map(([variable, messages]) => ({ variable, message: [...new Set(messages)].join('; ') })),
  );
}

/** For a process's entry point: a bad environment is fatal, and the message says which variable. */
export function loadConfigOrExit<T extends z.ZodRawShape>(
  shape: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<T>> {
  try {
    return loadConfig(shape, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The variables every service reads; spread it and add or override the service's own. */
export const commonConfig = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgresql://postgres@127.0.0.1:5432/guild'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  EVENT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]*$/, 'use lowercase letters, digits, _ and - only (it prefixes subjects and names the stream)')
    .default(''),
  /** HS256 dev tokens (`npm run token`, tests); deployed services leave it unset and verify JWKS only. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  IDENTITY_JWKS_URL: z.url().optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** 0: each log line is written as it comes; else lines go out in blocks of about this many bytes, at least once a second (`serviceLogDestination`). */
  LOG_BUFFER_BYTES: z.coerce.number().int().min(0).max(16_000).default(0),
  /** Lets a scraper off the host read /metrics (`Authorization: Bearer …`); unset, only loopback callers may. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters long').optional(),
  /** Largest JSON body; unset, the service's own (100kb, payouts 3mb for its invoices). */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+\s*(b|kb|mb)?$/i, 'must be a size such as 100kb or 1mb')
    .optional(),
  /** Loopback unless told otherwise; containers set `HOST=0.0.0.0`. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535),
};

/**
 * Compose passes an unset deployment variable as an empty string: that means "not set". `loadConfig`
 * already reads it so; this keeps a shape right when it is parsed on its own.
 */
export const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** Where a service's mail is sent (maildev locally, the mail provider elsewhere) and who it is from. */
export function mailConfig(defaultFrom: string) {
  return {
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default(defaultFrom),
  };
}

/** How billing and payouts reach Stripe; the platform only reads the variables, it never calls Stripe. */
export const stripeConfig = {
  /** A test-mode key against Stripe; against stripe-mock any `sk_test_` + letters and digits (it refuses more underscores). */
  STRIPE_SECRET_KEY: unsetWhenEmpty(z.string().min(1).default('sk_test_stripemock')),
  /** stripe-mock's address in development and tests; unset, the SDK talks to Stripe itself. */
  STRIPE_API_URL: unsetWhenEmpty(z.url().optional()),
};
