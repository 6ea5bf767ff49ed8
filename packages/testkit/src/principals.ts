import { signToken, type Principal } from '@guild/platform';
import { testJwtSecret } from './jwt-secret.js';

export const customer = (customerId: string): Principal => ({ subject: `user-${customerId}`, role: 'customer', customerId });
export const expert = (expertId: string): Principal => ({ subject: `user-${expertId}`, role: 'expert', expertId });
export const ops: Principal = { subject: 'ops-1', role: 'ops' };
export const service: Principal = { subject: 'temporal-worker', role: 'service' };

/** An HS256 access token for `principal`, accepted by any app built with `testJwtSecret`. */
export function tokenFor(principal: Principal, opts?: { expiresIn?: string }): Promise<string> {
  return signToken(testJwtSecret, principal, opts);
}
