import { AppError } from '@guild/platform';
import type { Response } from 'express';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface RateLimitSettings {
  windowMs: number;
  signInPerIp: number;
  signInPerAccount: number;
  passwordResetPerIp: number;
  passwordResetPerAccount: number;
}

export const defaultRateLimitSettings: RateLimitSettings = {
  windowMs: 60_000,
  signInPerIp: 10,
  signInPerAccount: 5,
  passwordResetPerIp: 10,
  passwordResetPerAccount: 5,
};

/** The limiters of the routes that guess-or-flood attacks aim at, per client IP and per account. */
export interface RateLimits {
  signInPerIp: RateLimiter;
  signInPerAccount: RateLimiter;
  passwordResetPerIp: RateLimiter;
  passwordResetPerAccount: RateLimiter;
}

export function createMemoryRateLimits(settings: RateLimitSettings = defaultRateLimitSettings): RateLimits {
  const limiter = (limit: number) => createMemoryRateLimiter({ limit, windowMs: settings.windowMs });
  return {
    signInPerIp: limiter(settings.signInPerIp),
    signInPerAccount: limiter(settings.signInPerAccount),
    passwordResetPerIp: limiter(settings.passwordResetPerIp),
    passwordResetPerAccount: limiter(settings.passwordResetPerAccount),
  };
}

/**
 * Counts the attempt against every limiter and refuses it with 429 and `retry-after` when any
 * is exhausted. Every limiter counts, so hammering one account also uses up the caller's IP budget.
 */
export async function enforceRateLimits(res: Response, checks: [RateLimiter, string][]): Promise<void> {
  const decisions = await Promise.all(checks.map(([limiter, key]) => limiter.hit(key)));
  const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
  if (waits.length === 0) return;
  const retryAfter = Math.max(...waits);
  res.setHeader('retry-after', String(retryAfter));
  throw new AppError('rate_limited', { status: 429, message: `too many attempts; retry in ${retryAfter} s` });
}
