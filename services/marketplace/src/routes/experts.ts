import { expertProfileBodySchema, expertProfileParamsSchema, expertProfileViewSchema } from '@guild/contracts';
import { notFound, type Principal, type RouteRegistrar } from '@guild/platform';
import { medianResponseMinutes, saveProfile } from '../domain/profiles.js';
import { toProfileView } from '../domain/views.js';
import type { MarketplaceRouteDeps } from './deps.js';

const assertOwnProfile = (principal: Principal, expertId: string) => {
  if (principal.role === 'expert' && principal.expertId !== expertId) throw notFound('expert profile');
};

export function registerExpertRoutes(r: RouteRegistrar, { prisma }: MarketplaceRouteDeps) {
  r.route({
    method: 'put',
    path: '/experts/:id/profile',
    summary: "Set the expert's listing: skills with levels, technologies, talent region, hourly rate, weekly hours, listing status",
    tags: ['experts'],
    roles: ['expert', 'ops'],
    params: expertProfileParamsSchema,
    body: expertProfileBodySchema,
    response: expertProfileViewSchema,
    handler: async ({ params, body, principal }) => {
      assertOwnProfile(principal, params.id);
      const profile = await saveProfile(prisma, params.id, body);
      return toProfileView(profile, (await medianResponseMinutes(prisma, [params.id])).get(params.id) ?? null);
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:id/profile',
    summary: "The expert's profile with quality from past projects and median response time to invitations",
    tags: ['experts'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: expertProfileParamsSchema,
    response: expertProfileViewSchema,
    handler: async ({ params, principal }) => {
      assertOwnProfile(principal, params.id);
      const profile = await prisma.expertProfile.findUnique({ where: { expertId: params.id } });
      if (!profile || (principal.role === 'customer' && profile.listingStatus !== 'listed')) throw notFound('expert profile');
      return toProfileView(profile, (await medianResponseMinutes(prisma, [params.id])).get(params.id) ?? null);
    },
  });
}
