import type { Request } from 'express';
import { verifyToken, type Principal } from '../auth.js';
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
 * Public routes still read a token when one is sent, so they can personalise their answer.
 */
export async function authenticate(req: Request, roles: RouteRoles, jwtSecret: string): Promise<Principal | undefined> {
  if (roles === 'public') {
    return req.headers.authorization ? verifyToken(jwtSecret, bearerTokenOf(req)) : undefined;
  }
  const principal = await verifyToken(jwtSecret, bearerTokenOf(req));
  if (!roles.includes(principal.role)) throw forbidden(`this route is not open to the ${principal.role} role`);
  return principal;
}
