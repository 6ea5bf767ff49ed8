import { describe, expect, it } from 'vitest';
import { AppError, assertCanSee, signToken, verifyToken, type Principal } from '../src/index.js';
import { testJwtSecret } from './support/kit.js';

const acme: Principal = { subject: 'u-acme', role: 'customer', customerId: 'acme' };
const alice: Principal = { subject: 'u-alice', role: 'expert', expertId: 'alice' };

function statusOf(fn: () => void): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AppError).status;
  }
}

describe('tokens', () => {
  it('a signed token verifies back to the same principal', async () => {
    const token = await signToken(testJwtSecret, acme);
    await expect(verifyToken(testJwtSecret, token)).resolves.toEqual(acme);
  });

  it('expired, forged and malformed tokens are all 401 unauthorized', async () => {
    const expired = await signToken(testJwtSecret, acme, { expiresIn: '-5 minutes' });
    const forged = await signToken('someone-elses-secret-with-32-characters', acme);
    for (const token of [expired, forged, 'garbage', '']) {
      await expect(verifyToken(testJwtSecret, token)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    }
  });
});

describe('who may see a record', () => {
  const record = { customerId: 'acme', expertIds: ['alice', null] };

  it('ops and services see every record', () => {
    expect(statusOf(() => assertCanSee({ subject: 'o', role: 'ops' }, record, 'query'))).toBeUndefined();
    expect(statusOf(() => assertCanSee({ subject: 'w', role: 'service' }, record, 'query'))).toBeUndefined();
  });

  it('a customer sees their own records, and another customer’s are a 404', () => {
    expect(statusOf(() => assertCanSee(acme, record, 'query'))).toBeUndefined();
    expect(statusOf(() => assertCanSee({ ...acme, customerId: 'globex' }, record, 'query'))).toBe(404);
    expect(statusOf(() => assertCanSee({ subject: 'x', role: 'customer' }, { customerId: null }, 'query'))).toBe(404);
  });

  it('an expert sees records that list them, and others are a 404', () => {
    expect(statusOf(() => assertCanSee(alice, record, 'query'))).toBeUndefined();
    expect(statusOf(() => assertCanSee({ ...alice, expertId: 'bob' }, record, 'query'))).toBe(404);
    expect(statusOf(() => assertCanSee(alice, { customerId: 'acme' }, 'query'))).toBe(404);
  });

  it('the 404 reads exactly like a missing record', () => {
    expect.assertions(2);
    try {
      assertCanSee({ ...acme, customerId: 'globex' }, record, 'query');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe('query not found');
    }
  });
});
