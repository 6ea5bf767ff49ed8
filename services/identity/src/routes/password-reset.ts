import { enforceRateLimits } from '@guild/platform';
import { acceptedSchema, oneTimeTokenBodySchema, passwordResetRequestBodySchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { confirmPasswordReset, requestPasswordReset } from '../domain/password-reset.js';
import { clientIpOf } from '../http/client-ip.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerPasswordResetRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  const { prisma, policy, rateLimits, mailQueued } = deps;

  r.route({
    method: 'post',
    path: '/auth/password-reset',
    summary: 'Ask for a password reset link by mail',
    description:
      'Always 202, whether or not the email has an account, so the answer reveals nothing. When it has one, a ' +
      'one-time link valid 30 minutes is mailed. Limited per client IP and per email (429 with `retry-after`).',
    tags: ['auth'],
    roles: 'public',
    body: passwordResetRequestBodySchema,
    response: acceptedSchema,
    status: 202,
    handler: async ({ body, req, res }) => {
      await enforceRateLimits(res, [
        [rateLimits.passwordResetPerIp, clientIpOf(req)],
        [rateLimits.passwordResetPerAccount, body.email],
      ]);
      // The mail is queued, never sent here: waiting for SMTP only for existing accounts would let timing tell them apart.
      if (await requestPasswordReset(prisma, body.email, policy)) mailQueued();
      return { status: 'accepted' as const };
    },
  });

  r.route({
    method: 'post',
    path: '/auth/password-reset/confirm',
    summary: 'Set a new password with the token of a reset link',
    description:
      'The link works once and until it expires (400 `invalid_link_token` otherwise). Every session of the account ' +
      'is revoked and a lock is lifted. Passwords need at least 12 characters.',
    tags: ['auth'],
    roles: 'public',
    body: oneTimeTokenBodySchema,
    response: z.void(),
    status: 204,
    handler: async ({ body }) => {
      const { email } = await confirmPasswordReset(prisma, body);
      await deps.signInFailures.forgetEmail(email);
    },
  });
}
