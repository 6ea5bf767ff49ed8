import { commonConfig, ConfigError, loadConfig, mailConfig } from '@guild/platform';
import { newPasswordSchema } from '@guild/contracts';
import { z } from 'zod';
import type { IdentityPolicy } from './domain/policy.js';
import type { RateLimitSettings } from './rate-limit/rate-limits.js';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The identity service's environment; signing keys are read separately by `loadSigningKeys`. */
export const identityConfigShape = {
  ...commonConfig,
  PORT: z.coerce.number().int().min(0).max(65_535).default(4020),
  ...mailConfig('Guild <no-reply@guild.local>'),
  /** Where the links in invitation and reset mails point: the front end that posts the token back. */
  IDENTITY_APP_URL: z.url().default('http://127.0.0.1:4020'),
  /** Express `trust proxy`: set it (e.g. `1` or `loopback`) only behind a proxy that sets X-Forwarded-For. */
  TRUST_PROXY: z.string().default('false'),
  ACCESS_TOKEN_TTL_SECONDS: count(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: count(30),
  INVITATION_TTL_HOURS: count(72),
  PASSWORD_RESET_TTL_MINUTES: count(30),
  SIGN_IN_MAX_FAILURES: count(5),
  SIGN_IN_LOCK_SECONDS: count(15 * 60),
  RATE_LIMIT_WINDOW_SECONDS: count(60),
  RATE_LIMIT_SIGN_IN_PER_IP: count(10),
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: count(5),
  RATE_LIMIT_PASSWORD_RESET_PER_IP: count(10),
  RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: count(5),
  IDENTITY_BOOTSTRAP_OPS_EMAIL: z.email().optional(),
  IDENTITY_BOOTSTRAP_OPS_PASSWORD: newPasswordSchema.optional(),
  IDENTITY_WORKER_CLIENT_ID: z.string().regex(/^[\w.-]{1,100}$/, 'use letters, digits, ".", "_" and "-" only').optional(),
  IDENTITY_WORKER_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  /** The services that call identity with their own credentials (their mail relays): `support=<secret>,billing=<secret>`. */
  IDENTITY_SERVICE_CLIENTS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[\w.-]{1,100}=.{32,}$/, 'each entry is <client id>=<secret of at least 32 characters>')
          .transform((entry) => ({ id: entry.slice(0, entry.indexOf('=')), secret: entry.slice(entry.indexOf('=') + 1) })),
      ),
    ),
};

export type IdentityConfig = z.infer<z.ZodObject<typeof identityConfigShape>>;

// Variables that only make sense together: one without the other is a mistake worth stopping for.
const pairs = [
  ['IDENTITY_BOOTSTRAP_OPS_EMAIL', 'IDENTITY_BOOTSTRAP_OPS_PASSWORD'],
  ['IDENTITY_WORKER_CLIENT_ID', 'IDENTITY_WORKER_CLIENT_SECRET'],
] as const;

/** Parses the environment; throws a `ConfigError` naming every bad variable. */
export function loadIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  const config = loadConfig(identityConfigShape, env);
  const problems = pairs.flatMap(([a, b]) => {
    if ((config[a] === undefined) === (config[b] === undefined)) return [];
    const missing = config[a] === undefined ? a : b;
    return [{ variable: missing, message: `is required when ${missing === a ? b : a} is set` }];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function policyFromConfig(config: IdentityConfig): IdentityPolicy {
  return {
    refreshTokenTtlMs: config.REFRESH_TOKEN_TTL_DAYS * 24 * 3_600_000,
    invitationTtlMs: config.INVITATION_TTL_HOURS * 3_600_000,
    passwordResetTtlMs: config.PASSWORD_RESET_TTL_MINUTES * 60_000,
    maxFailedSignIns: config.SIGN_IN_MAX_FAILURES,
    lockDurationMs: config.SIGN_IN_LOCK_SECONDS * 1_000,
    appUrl: config.IDENTITY_APP_URL,
  };
}

export function rateLimitSettingsFromConfig(config: IdentityConfig): RateLimitSettings {
  return {
    windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1_000,
    signInPerIp: config.RATE_LIMIT_SIGN_IN_PER_IP,
    signInPerAccount: config.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
    passwordResetPerIp: config.RATE_LIMIT_PASSWORD_RESET_PER_IP,
    passwordResetPerAccount: config.RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT,
  };
}

/** `TRUST_PROXY` as Express understands it: a boolean, a hop count, or a list of subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
