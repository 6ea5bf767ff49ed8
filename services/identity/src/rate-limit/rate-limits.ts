import { createMemoryRateLimiter, type RateLimiter } from '@guild/platform';

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

