import { createTaskBodySchema, idParamsSchema, pageOf, projectTaskParamsSchema, taskListQuerySchema, taskViewSchema, updateTaskBodySchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { createTask } from '../domain/create-task.js';
import { findVisibleProject } from '../domain/find-project.js';
import { listTasks } from '../domain/list-tasks.js';
import { reportedMinutesOf, toTaskView, toTaskViews } from '../domain/task-view.js';
import { updateTask } from '../domain/update-task.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerTaskRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: ProjectRouteDeps) {
  r.route({
    method: 'post',
    path: '/projects/:id/tasks',
    summary: 'Put a task on the to-do list, with its estimate',
    description: 'Nothing is on the to-do list without an estimate: `estimateMinutes` above zero is required.',
    tags: ['tasks'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    body: createTaskBodySchema,
    response: taskViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const task = await prisma.$transaction((tx) => createTask(tx, project, body, principal.subject));
      eventsRecorded();
      return toTaskView(task, 0);
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/tasks',
    summary: "The project board: tasks with their estimates and reported minutes",
    tags: ['tasks'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    query: taskListQuerySchema,
    response: pageOf(taskViewSchema),
    handler: async ({ params, query, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const page = await listTasks(prisma, project, query);
      return { items: await toTaskViews(prisma, page.items), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'patch',
    path: '/projects/:id/tasks/:taskId',
    summary: 'Move a task on the board, or change its estimate or milestone',
    description: 'In progress or done needs reported time on the task (409 `time_not_reported` otherwise).',
    tags: ['tasks'],
    roles: ['customer', 'expert', 'ops'],
    params: projectTaskParamsSchema,
    body: updateTaskBodySchema,
    response: taskViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const task = await updateTask(prisma, project, params.taskId, body);
      return toTaskView(task, (await reportedMinutesOf(prisma, [task.id])).get(task.id) ?? 0);
    },
  });
}
