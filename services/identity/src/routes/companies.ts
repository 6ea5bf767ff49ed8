import {
  companyParamsSchema,
  createCompanyBodySchema,
  createdCompanySchema,
  invitationViewSchema,
  inviteMemberBodySchema,
  memberViewSchema,
  pageOf,
  pageQuerySchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { createCompany } from '../domain/companies.js';
import { inviteUser, toInvitationView } from '../domain/invitations.js';
import { assertMayInvite, findVisibleCompany, listMembers, toMemberView } from '../domain/members.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerCompanyRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  const { prisma, policy, eventsRecorded, mailQueued } = deps;

  r.route({
    method: 'post',
    path: '/companies',
    idempotent: true,
    summary: "Open a customer company and invite its owner by mail (ops, or a won lead's process)",
    tags: ['companies'],
    roles: ['ops', 'service'],
    body: createCompanyBodySchema,
    response: createdCompanySchema,
    status: 201,
    handler: async ({ body, principal }) => {
      const { company, owner } = await createCompany(prisma, body, { actor: principal.subject, policy });
      eventsRecorded();
      mailQueued();
      return {
        company: { id: company.id, name: company.name, createdAt: company.createdAt.toISOString() },
        invitation: toInvitationView(owner.invitation),
      };
    },
  });

  r.route({
    method: 'post',
    path: '/companies/:companyId/invitations',
    idempotent: true,
    summary: "Invite a team member by mail (the company's owner, ops)",
    description: 'Mails a one-time link. Another company gets 404, a member who is not the owner 403.',
    tags: ['companies'],
    roles: ['customer', 'ops'],
    params: companyParamsSchema,
    body: inviteMemberBodySchema,
    response: invitationViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const company = await findVisibleCompany(prisma, principal, params.companyId);
      await assertMayInvite(prisma, principal, company.id);
      const issued = await prisma.$transaction((tx) =>
        inviteUser(
          tx,
          { kind: 'customer', email: body.email, companyId: company.id, companyRole: body.role },
          { invitedBy: principal.subject, policy },
        ),
      );
      mailQueued();
      return toInvitationView(issued.invitation);
    },
  });

  r.route({
    method: 'get',
    path: '/companies/:companyId/members',
    summary: "List a company's members, oldest first (its members, ops)",
    tags: ['companies'],
    roles: ['customer', 'ops'],
    params: companyParamsSchema,
    query: pageQuerySchema,
    response: pageOf(memberViewSchema),
    handler: async ({ params, query, principal }) => {
      const company = await findVisibleCompany(prisma, principal, params.companyId);
      const page = await listMembers(prisma, company.id, query);
      return { items: page.items.map(toMemberView), nextCursor: page.nextCursor };
    },
  });
}
