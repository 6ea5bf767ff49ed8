import { meSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { userNotFound } from '../domain/identity-errors.js';
import { userOfPrincipal } from '../domain/user-of-principal.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerMeRoutes(r: RouteRegistrar, { prisma }: IdentityRouteDeps) {
  r.route({
    method: 'get',
    path: '/me',
    summary: 'Who the access token belongs to',
    tags: ['people'],
    roles: ['customer', 'expert', 'ops'],
    response: meSchema,
    handler: async ({ principal }) => {
      const user = await userOfPrincipal(prisma, principal);
      if (!user) throw userNotFound();
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        kind: user.kind,
        customerId: user.companyId,
        companyRole: user.companyRole,
        expertId: user.expertId,
      };
    },
  });
}
