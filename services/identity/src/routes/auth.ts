import { enforceRateLimits } from '@guild/platform';
import {
  jwksSchema,
  refreshBodySchema,
  serviceTokenBodySchema,
  serviceTokenSchema,
  signInBodySchema,
  tokenPairSchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { authenticateServiceClient } from '../domain/service-clients.js';
import { endSession, rotateRefreshToken } from '../domain/sessions.js';
import { signIn } from '../domain/sign-in.js';
import { clientIpOf } from '../http/client-ip.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerAuthRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  const { prisma, tokens, rateLimits } = deps;

  r.route({
    method: 'post',
    path: '/auth/sign-in',
    summary: 'Sign in with email and password',
    description:
      'Answers an access token (15 min) and a refresh token. A wrong password and an unknown email get the same 401 ' +
      '`invalid_credentials`; after 5 failures in a row for one email from one client address, that address may not try ' +
      'that email for 15 minutes (423 `account_locked`, the same for unknown emails); other addresses still sign in. ' +
      'Limited per client IP and per email (429 with `retry-after`).',
    tags: ['auth'],
    roles: 'public',
    body: signInBodySchema,
    response: tokenPairSchema,
    handler: async ({ body, req, res }) => {
      await enforceRateLimits(res, [
        [rateLimits.signInPerIp, clientIpOf(req)],
        [rateLimits.signInPerAccount, body.email],
      ]);
      return signIn(deps, body, { address: clientIpOf(req), failures: deps.signInFailures });
    },
  });

  r.route({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Trade a refresh token for a new token pair',
    description:
      'The presented refresh token is spent. Presenting a spent token again revokes its whole family ' +
      '(401 `refresh_token_reused`): whoever holds a copy, thief or owner, must sign in again.',
    tags: ['auth'],
    roles: 'public',
    body: refreshBodySchema,
    response: tokenPairSchema,
    handler: async ({ body }) => rotateRefreshToken(deps, body.refreshToken),
  });

  r.route({
    method: 'post',
    path: '/auth/sign-out',
    summary: 'Sign out: revoke the refresh token and its whole family',
    description: 'Always 204, also for a token that is unknown or already revoked.',
    tags: ['auth'],
    roles: 'public',
    body: refreshBodySchema,
    response: z.void(),
    status: 204,
    handler: async ({ body }) => endSession(prisma, body.refreshToken),
  });

  r.route({
    method: 'post',
    path: '/auth/service-token',
    summary: 'Trade a service client id and secret for a service access token (the worker)',
    description: 'A 15-minute access token with the `service` role and no refresh token: the client asks again. Limited per client IP.',
    tags: ['auth'],
    roles: 'public',
    body: serviceTokenBodySchema,
    response: serviceTokenSchema,
    handler: async ({ body, req, res }) => {
      await enforceRateLimits(res, [[rateLimits.signInPerIp, clientIpOf(req)]]);
      const principal = await authenticateServiceClient(prisma, body.clientId, body.clientSecret);
      const { accessToken, expiresIn } = await tokens.issueAccessToken(principal);
      return { accessToken, tokenType: 'Bearer' as const, expiresIn };
    },
  });

  r.route({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'The public keys that verify access tokens (JWKS)',
    description:
      'Every service verifies access tokens against these keys (EdDSA/ES256, issuer `guild`). ' +
      'During a key rotation the previous public keys stay listed until their tokens expire.',
    tags: ['auth'],
    roles: 'public',
    response: jwksSchema,
    handler: async ({ res }) => {
      res.setHeader('cache-control', 'public, max-age=300');
      return tokens.jwks();
    },
  });
}
