import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../src/rate-limit.js';

describe('the in-memory rate limiter', () => {
  it('allows `limit` hits per key per window, then says when to retry', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    now = 15_000;
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limiter.hit('b')).toEqual({ allowed: true });
    now = 60_000;
    expect(await limiter.hit('a')).toEqual({ allowed: true });
  });
});
