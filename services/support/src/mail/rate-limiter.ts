/** Says whether one more attempt under a key (a sender, an address) is allowed now. */
export interface RateLimiter {
  tryTake(key: string): boolean;
}

/**
 * At most `limit` attempts per key in each window of `windowMs`, counted in memory: enough for one
 * listener process; several would share a store behind the same interface.
 */
export function createWindowRateLimiter({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const sweepAbove = 10_000;

  function sweep(at: number) {
    for (const [key, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(key);
  }

  return {
    tryTake(key) {
      const at = now();
      if (windows.size > sweepAbove) sweep(at);
      const window = windows.get(key);
      if (!window || at - window.startedAt >= windowMs) {
        windows.set(key, { startedAt: at, count: 1 });
        return true;
      }
      if (window.count >= limit) return false;
      window.count += 1;
      return true;
    },
  };
}
