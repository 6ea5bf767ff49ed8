import { idParamsSchema, matchViewSchema, timeToLaunchReportSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { contactPatterns } from '../domain/contact-filter.js';
import { findVisibleJob } from '../domain/find-job.js';
import { rankForJob } from '../domain/invite-wave.js';
import { scoreWeights } from '../domain/matching.js';
import { timeToLaunchReport } from '../domain/time-to-launch.js';
import type { MarketplaceRouteDeps } from './deps.js';

export function registerOpsRoutes(r: RouteRegistrar, { prisma }: MarketplaceRouteDeps) {
  r.route({
    method: 'get',
    path: '/jobs/:id/matches',
    summary: 'Every eligible expert for the job, best first, with the score and its parts (weights included)',
    tags: ['ops'],
    roles: ['ops'],
    params: idParamsSchema,
    response: z.object({ weights: z.record(z.string(), z.number()), items: z.array(matchViewSchema), invitations: z.array(matchViewSchema.extend({ wave: z.number().int(), invitedAt: z.iso.datetime(), respondedAt: z.iso.datetime().nullable() })) }),
    handler: async ({ params, principal }) => {
      const job = await findVisibleJob(prisma, principal, params.id);
      const invitations = await prisma.jobInvitation.findMany({ where: { jobId: job.id }, orderBy: [{ wave: 'asc' }, { score: 'desc' }] });
      return {
        weights: { ...scoreWeights },
        items: await rankForJob(prisma, job),
        invitations: invitations.map((i) => ({ expertId: i.expertId, score: i.score, parts: i.scoreParts as unknown as z.infer<typeof matchViewSchema>['parts'], wave: i.wave, invitedAt: i.invitedAt.toISOString(), respondedAt: i.respondedAt?.toISOString() ?? null })),
      };
    },
  });

  r.route({
    method: 'get',
    path: '/contact-filter/patterns',
    summary: 'What counts as a contact detail in an offer: every pattern, with an example',
    tags: ['ops'],
    roles: ['ops'],
    response: z.object({ items: z.array(z.object({ name: z.string(), kind: z.string(), description: z.string(), example: z.string(), regex: z.string() })) }),
    handler: async () => ({ items: contactPatterns.map((p) => ({ name: p.name, kind: p.kind, description: p.description, example: p.example, regex: p.regex.source })) }),
  });

  r.route({
    method: 'get',
    path: '/reports/time-to-launch',
    summary: 'Time from posting to launch per job (newest 200) and its p50/p90 in minutes',
    tags: ['ops'],
    roles: ['ops'],
    response: timeToLaunchReportSchema,
    handler: async () => timeToLaunchReport(prisma),
  });
}
