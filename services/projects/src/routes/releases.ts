import { createReleaseBodySchema, idParamsSchema, releaseStepBodySchema, releaseViewSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleProject } from '../domain/find-project.js';
import { createRelease, findVisibleRelease, recordReleaseStep, toReleaseView } from '../domain/releases.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerReleaseRoutes(r: RouteRegistrar, { prisma }: Pick<ProjectRouteDeps, 'prisma'>) {
  r.route({
    method: 'post',
    path: '/projects/:id/releases',
    summary: 'Start a release of dev work (the expert, ops)',
    tags: ['releases'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    body: createReleaseBodySchema,
    response: releaseViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      return toReleaseView(await createRelease(prisma, project, body.title, principal.subject));
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/releases',
    summary: "The project's releases and their steps",
    tags: ['releases'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: z.object({ items: z.array(releaseViewSchema) }),
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const rows = await prisma.release.findMany({
        where: { projectId: project.id },
        include: { steps: { orderBy: { recordedAt: 'asc' } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 500,
      });
      return { items: rows.map(toReleaseView) };
    },
  });

  r.route({
    method: 'post',
    path: '/releases/:id/steps',
    summary: 'Record a release step: staging, tested, production — who and the evidence',
    description: 'Each step needs the one before (409 `release_step_missing` names it) and a note or a link.',
    tags: ['releases'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    body: releaseStepBodySchema,
    response: releaseViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const release = await findVisibleRelease(prisma, principal, params.id);
      return toReleaseView(await recordReleaseStep(prisma, release, body, principal.subject));
    },
  });
}
