import { oneTimeTokenBodySchema, tokenPairSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { acceptInvitation } from '../domain/invitations.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerInvitationRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  r.route({
    method: 'post',
    path: '/invitations/accept',
    summary: 'Accept an invitation: set a password and sign in',
    description:
      'Takes the token of the invitation link (it works once, until it expires: 400 `invalid_link_token` otherwise) ' +
      'and a password of at least 12 characters. Answers a token pair, as sign-in does.',
    tags: ['invitations'],
    roles: 'public',
    body: oneTimeTokenBodySchema,
    response: tokenPairSchema,
    handler: async ({ body }) => {
      const pair = await acceptInvitation(deps, body);
      deps.eventsRecorded();
      return pair;
    },
  });
}
