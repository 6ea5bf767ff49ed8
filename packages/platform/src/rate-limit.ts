import type { Response } from 'express';
import { AppError } from './errors.js';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts attempts per key within a window. In-process for now; a store shared by every instance
 * (PostgreSQL, Redis) can replace it behind this interface without touching the routes.
 */
export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  hit(key: string): Promise<RateLimitDecision>;
}

interface Window {
  startedAt: number;
  count: number;
}

const sweepEvery = 1_000;

/** A fixed-window counter in memory: `limit` attempts per key per `windowMs`. */
export function createMemoryRateLimiter(opts: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, Window>();
  let hitsSinceSweep = 0;

  // Forget finished windows now and then, so keys seen once do not accumulate forever.
  function sweep(at: number) {
    for (const [key, window] of windows) if (at - window.startedAt >= opts.windowMs) windows.delete(key);
  }

  return {
    async hit(key) {
      const at = now();
      if (++hitsSinceSweep >= sweepEvery) {
        hitsSinceSweep = 0;
        sweep(at);
      }
      let window = windows.get(key);
      if (!window || at - window.startedAt >= opts.windowMs) {
        window = { startedAt: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= opts.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + opts.windowMs - at) / 1_000)) };
    },
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
