import { errors, jwtVerify } from 'jose';

/** An ops member allowed to read decrypted payloads, and until when their token holds. */
export interface OpsPrincipal {
  subject: string;
  expiresAt: Date | undefined;
}

/** Why a caller may not use the codec; the server turns it into a 401 or 403 JSON answer. */
export class OpsAuthError extends Error {
  override readonly name = 'OpsAuthError';
  readonly status: 401 | 403;
  readonly code: 'unauthorized' | 'forbidden';

  constructor(status: 401 | 403, message: string) {
    super(message);
    this.status = status;
    this.code = status === 401 ? 'unauthorized' : 'forbidden';
  }
}

/**
 * The only place the codec server trusts a token: the platform's HS256 tokens today, so moving
 * to the platform's JWKS verifier changes this function alone. Decrypted payloads hold personal
 * data, so only the ops role passes.
 */
export async function verifyOpsToken(token: string, jwtSecret: string): Promise<OpsPrincipal> {
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, new TextEncoder().encode(jwtSecret), {
      issuer: 'guild',
      algorithms: ['HS256'],
    }));
  } catch (error) {
    throw new OpsAuthError(401, error instanceof errors.JWTExpired ? 'the ops token has expired' : 'the ops token is invalid');
  }
  const { sub, role, exp } = claims;
  if (typeof sub !== 'string' || sub === '') throw new OpsAuthError(401, 'the ops token names no subject');
  if (role !== 'ops') throw new OpsAuthError(403, 'only the ops role may use the codec endpoint');
  return { subject: sub, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : undefined };
}
