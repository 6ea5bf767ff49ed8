import type { Principal, TokenVerifier } from '@guild/platform';
import { decodeJwt } from 'jose';

/** An ops member allowed to read decrypted payloads, and until when their token holds. */
export interface OpsPrincipal {
  subject: string;
  expiresAt: Date | undefined;
}

/** Why a caller may not use the codec; the server turns it into a 401 or 403 JSON answer. */
export class OpsAuthError extends Error {
  override readonly name = 'OpsAuthError';
  readonly status: 400 | 401 | 403;
  readonly code: 'token_in_url' | 'unauthorized' | 'forbidden';

  constructor(status: 400 | 401 | 403, message: string) {
    super(message);
    this.status = status;
    this.code = status === 400 ? 'token_in_url' : status === 401 ? 'unauthorized' : 'forbidden';
  }
}

/**
 * The only place the codec server trusts a token, through the platform's verifier (the identity
 * service's JWKS; HS256 dev tokens only where a dev secret is set). Decrypted payloads hold
 * personal data, so only the ops role passes.
 */
export async function verifyOpsToken(token: string, verify: TokenVerifier): Promise<OpsPrincipal> {
  let principal: Principal;
  try {
    principal = await verify(token);
  } catch (error) {
    throw new OpsAuthError(401, error instanceof Error && /expired/.test(error.message) ? 'the ops token has expired' : 'the ops token is invalid');
  }
  if (principal.role !== 'ops') throw new OpsAuthError(403, 'only the ops role may use the codec endpoint');
  const { exp } = decodeJwt(token);
  return { subject: principal.subject, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : undefined };
}
