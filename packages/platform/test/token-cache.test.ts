import { describe, expect, it } from 'vitest';
import { signToken, type Principal } from '../src/auth.js';
import { cachedTokenVerifier } from '../src/http/token-cache.js';
import { createTokenVerifier } from '../src/token-verifier.js';

const secret = 'a-dev-secret-of-at-least-32-characters!!';
const customer: Principal = { subject: 'user-1', role: 'customer', customerId: 'c-1' };

describe('cached token verification', () => {
  it('checks a token once while it is valid, and again once the hold has passed', async () => {
    let checks = 0;
    const verify = createTokenVerifier({ jwtSecret: secret });
    let clock = Date.now();
    const cached = cachedTokenVerifier(async (token) => {
      checks++;
      return verify(token);
    }, () => clock);
    const token = await signToken(secret, customer, { expiresIn: '10m' });
    expect(await cached(token)).toEqual(await verify(token));
    await cached(token);
    expect(checks).toBe(1);
    clock += 31_000;
    await cached(token);
    expect(checks).toBe(2);
  });

  it('never holds a token past its expiry, nor one that was refused', async () => {
    const verify = createTokenVerifier({ jwtSecret: secret });
    let checks = 0;
    let clock = Date.now();
    const cached = cachedTokenVerifier(async (token) => {
      checks++;
      return verify(token);
    }, () => clock);
    const token = await signToken(secret, customer, { expiresIn: '2s' });
    await cached(token);
    clock += 3_000;
    await cached(token);
    expect(checks).toBe(2);
    await expect(cached('not-a-token')).rejects.toMatchObject({ status: 401 });
    await expect(cached('not-a-token')).rejects.toMatchObject({ status: 401 });
    expect(checks).toBe(4);
  });
});
