import { idParamsSchema, milestoneBodySchema, milestoneViewSchema, stakeholderBodySchema, stakeholderViewSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleProject } from '../domain/find-project.js';
import { addMilestone, toMilestoneView } from '../domain/milestones.js';
import { addStakeholder, toStakeholderView } from '../domain/stakeholders.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerMilestoneAndStakeholderRoutes(r: RouteRegistrar, { prisma }: Pick<ProjectRouteDeps, 'prisma'>) {
  r.route({
    method: 'post',
    path: '/projects/:id/milestones',
    summary: 'Add a milestone',
    tags: ['milestones'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    body: milestoneBodySchema,
    response: milestoneViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => toMilestoneView(await addMilestone(prisma, await findVisibleProject(prisma, principal, params.id), body)),
  });

  r.route({
    method: 'get',
    path: '/projects/:id/milestones',
    summary: "The project's milestones",
    tags: ['milestones'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: z.object({ items: z.array(milestoneViewSchema) }),
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const rows = await prisma.milestone.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 });
      return { items: rows.map(toMilestoneView) };
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/stakeholders',
    summary: "Add a stakeholder on the customer's side (customer, ops)",
    tags: ['stakeholders'],
    roles: ['customer', 'ops'],
    params: idParamsSchema,
    body: stakeholderBodySchema,
    response: stakeholderViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      return toStakeholderView(await addStakeholder(prisma, project, body, principal.subject));
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/stakeholders',
    summary: "The project's stakeholders",
    tags: ['stakeholders'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: z.object({ items: z.array(stakeholderViewSchema) }),
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const rows = await prisma.stakeholder.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 });
      return { items: rows.map(toStakeholderView) };
    },
  });
}
