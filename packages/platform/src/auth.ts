import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { notFound, unauthorized } from './errors.js';

export type Role = 'customer' | 'expert' | 'ops' | 'service';
export const roles = ['customer', 'expert', 'ops', 'service'] as const satisfies readonly Role[];

/** Who is calling: a person of a customer, an expert, an ops member, or another service. */
export interface Principal {
  subject: string;
  role: Role;
  customerId?: string;
  expertId?: string;
}

const issuer = 'guild';
const algorithm = 'HS256';

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(roles),
  customerId: z.string().min(1).optional(),
  expertId: z.string().min(1).optional(),
})
  // A customer token names the customer it acts for, an expert token the expert: records are
  // scoped by these ids, so a token without them is not a valid principal.
  .refine((c) => c.role !== 'customer' || c.customerId !== undefined, 'a customer token names its customerId')
  .refine((c) => c.role !== 'expert' || c.expertId !== undefined, 'an expert token names its expertId');

function keyFrom(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signToken(
  secret: string,
  principal: Principal,
  { expiresIn = '1h' }: { expiresIn?: string } = {},
): Promise<string> {
  const claims = claimsOf(principal);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyFrom(secret));
}

/**
 * The only place a token is trusted. Every failure is the same 401 to the caller (the reason is
 * in the message, never in a different status), so switching to asymmetric keys + JWKS later
 * changes this function alone.
 */
export async function verifyToken(secret: string, token: string): Promise<Principal> {
  return principalOfVerifiedToken(jwtVerify(token, keyFrom(secret), { issuer, algorithms: [algorithm] }));
}

/** Turns a signature check into the caller's principal; every failure is the same 401. */
export async function principalOfVerifiedToken(verification: Promise<{ payload: unknown }>): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await verification);
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized('the access token has expired');
    throw unauthorized('the access token is invalid');
  }
  const principal = principalOfClaims(payload);
  if (!principal) throw unauthorized('the access token does not name a valid principal');
  return principal;
}

/** The claims that describe a principal, besides `sub` (set separately on the JWT). */
export function claimsOf(principal: Principal): Record<string, string> {
  const claims: Record<string, string> = { role: principal.role };
  if (principal.customerId !== undefined) claims['customerId'] = principal.customerId;
  if (principal.expertId !== undefined) claims['expertId'] = principal.expertId;
  return claims;
}

/** The principal a verified token's claims name, or null when they name none. */
export function principalOfClaims(payload: unknown): Principal | null {
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return null;
  const { sub, role, customerId, expertId } = claims.data;
  return {
    subject: sub,
    role,
    ...(customerId === undefined ? {} : { customerId }),
    ...(expertId === undefined ? {} : { expertId }),
  };
}

/**
 * Tenant isolation: ops and services see everything, a customer only their own records, an expert
 * only records that list them. Anyone else gets the 404 of a missing record, so the existence of
 * another customer's data is never revealed.
 */
export function assertCanSee(
  principal: Principal,
  owners: { customerId?: string | null; expertIds?: (string | null | undefined)[] },
  what: string,
): void {
  if (principal.role === 'ops' || principal.role === 'service') return;
  if (principal.role === 'customer' && principal.customerId !== undefined && owners.customerId === principal.customerId) return;
  if (principal.role === 'expert' && principal.expertId !== undefined && (owners.expertIds ?? []).includes(principal.expertId)) return;
  throw notFound(what);
}
