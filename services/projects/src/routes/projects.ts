import { createProjectBodySchema, idParamsSchema, pageOf, projectListQuerySchema, projectViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { changeProjectStatus, type ProjectMove } from '../domain/change-project-status.js';
import { createProject } from '../domain/create-project.js';
import { findVisibleProject } from '../domain/find-project.js';
import { listVisibleProjects } from '../domain/list-projects.js';
import { toProjectView } from '../domain/project-view.js';

export interface ProjectRouteDeps {
  prisma: PrismaClient;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded: () => void;
}

const statusRoutes: { move: ProjectMove; path: string; summary: string }[] = [
  { move: 'activate', path: '/projects/:id/activation', summary: 'Activate a launching project: its weekly sprint starts' },
  { move: 'pause', path: '/projects/:id/pause', summary: 'Pause an active project: its sprint stops' },
  { move: 'resume', path: '/projects/:id/resumption', summary: 'Resume a paused project: its sprint restarts' },
  { move: 'end', path: '/projects/:id/end', summary: 'End a project' },
];

export function registerProjectRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: ProjectRouteDeps) {
  r.route({
    method: 'post',
    path: '/projects',
    summary: 'Create a project: who works for whom at what rates (ops, or hiring and sales as a service)',
    description: 'Both hourly rates are integer USD cents above zero. The project starts in `launching`.',
    tags: ['projects'],
    roles: ['ops', 'service'],
    body: createProjectBodySchema,
    response: projectViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ body }) => {
      const project = await createProject(prisma, body);
      eventsRecorded();
      return toProjectView(project);
    },
  });

  r.route({
    method: 'get',
    path: '/projects',
    summary: 'List the projects the caller may see, newest first',
    tags: ['projects'],
    roles: ['customer', 'expert', 'ops', 'service'],
    query: projectListQuerySchema,
    response: pageOf(projectViewSchema),
    handler: async ({ query, principal }) => {
      const page = await listVisibleProjects(prisma, principal, query);
      return { items: page.items.map(toProjectView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id',
    summary: 'Read a project',
    description: "Visible to the members of the customer's company, the project's expert, ops and services.",
    tags: ['projects'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: projectViewSchema,
    handler: async ({ params, principal }) => toProjectView(await findVisibleProject(prisma, principal, params.id)),
  });

  for (const { move, path, summary } of statusRoutes) {
    r.route({
      method: 'post',
      path,
      summary,
      description: 'launching → active ⇄ paused → ended; any other move is 409.',
      tags: ['projects'],
      roles: ['ops', 'service'],
      params: idParamsSchema,
      response: projectViewSchema,
      handler: async ({ params, principal }) => {
        const project = await findVisibleProject(prisma, principal, params.id);
        const moved = await changeProjectStatus(prisma, project, move);
        eventsRecorded();
        return toProjectView(moved);
      },
    });
  }
}
