import type { Principal } from '@guild/platform';
import { z } from 'zod';

/** Every access token names its issuer so a token from elsewhere never passes. */
export const accessTokenIssuer = 'guild';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(['customer', 'expert', 'ops', 'service']),
  customerId: z.string().min(1).optional(),
  expertId: z.string().min(1).optional(),
});

/** The claims that describe a principal, besides `sub` (set separately on the JWT). */
export function claimsOf(principal: Principal): Record<string, string> {
  const claims: Record<string, string> = { role: principal.role };
  if (principal.customerId !== undefined) claims['customerId'] = principal.customerId;
  if (principal.expertId !== undefined) claims['expertId'] = principal.expertId;
  return claims;
}

/** Reads a verified payload back into a principal; undefined when it names none. */
export function principalOfClaims(payload: unknown): Principal | undefined {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return undefined;
  const { sub, role, customerId, expertId } = claims.data;
  return {
    subject: sub,
    role,
    ...(customerId === undefined ? {} : { customerId }),
    ...(expertId === undefined ? {} : { expertId }),
  };
}
