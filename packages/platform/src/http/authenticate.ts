import type { Request } from 'express';
import type { Principal } from '../auth.js';
import type { TokenVerifier } from '../token-verifier.js';
import { forbidden, unauthorized } from '../errors.js';
import type { RouteRoles } from './route.js';

function bearerTokenOf(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw unauthorized('a bearer token is required');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('the authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Who may call this route: 401 without a valid token, 403 for a role the route does not serve.
 * Public routes read a token when one is sent; a stale one makes the caller anonymous rather than
 * refused, so a client that sends its expired access token can still refresh or sign in.
 */
export async function authenticate(req: Request, roles: RouteRoles, verifyToken: TokenVerifier): Promise<Principal | undefined> {
  if (roles === 'public') {
    if (!req.headers.authorization) return undefined;
    return verifyToken(bearerTokenOf(req)).catch(() => undefined);
  }
  const principal = await verifyToken(bearerTokenOf(req));
  if (!roles.includes(principal.role)) throw forbidden(`this route is not open to the ${principal.role} role`);
  return principal;
}
