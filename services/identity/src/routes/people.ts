import { invitedPersonSchema, inviteOpsUserBodySchema, registerExpertBodySchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { toInvitationView } from '../domain/invitations.js';
import { inviteOpsUser, registerExpert } from '../domain/people.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerPeopleRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  const { prisma, policy, eventsRecorded, mailQueued } = deps;

  r.route({
    method: 'post',
    path: '/experts',
    idempotent: true,
    summary: 'Register an expert and invite them by mail (ops)',
    description: 'The answer carries the `expertId` every other service knows the expert by; it exists before they accept.',
    tags: ['people'],
    roles: ['ops'],
    body: registerExpertBodySchema,
    response: invitedPersonSchema,
    status: 201,
    handler: async ({ body, principal }) => {
      const issued = await registerExpert(prisma, body, { actor: principal.subject, policy });
      eventsRecorded();
      mailQueued();
      return { userId: issued.user.id, expertId: issued.user.expertId, invitation: toInvitationView(issued.invitation) };
    },
  });

  r.route({
    method: 'post',
    path: '/ops-users',
    idempotent: true,
    summary: 'Invite a member of the ops team by mail (ops)',
    tags: ['people'],
    roles: ['ops'],
    body: inviteOpsUserBodySchema,
    response: invitedPersonSchema,
    status: 201,
    handler: async ({ body, principal }) => {
      const issued = await inviteOpsUser(prisma, body, { actor: principal.subject, policy });
      mailQueued();
      return { userId: issued.user.id, expertId: null, invitation: toInvitationView(issued.invitation) };
    },
  });
}
