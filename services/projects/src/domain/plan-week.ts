import type { PrismaClient, Project } from '@guild/db';
import { notFound } from '@guild/platform';
import { ensureSprint } from './sprint.js';

/** The tasks planned for a week; each must be a task of the project. */
export async function planWeek(prisma: PrismaClient, project: Project, weekStart: string, taskIds: string[]) {
  const unique = [...new Set(taskIds)];
  const found = await prisma.task.count({ where: { id: { in: unique }, projectId: project.id } });
  if (found !== unique.length) throw notFound('task');
  const sprint = await ensureSprint(prisma, project, weekStart);
  await prisma.sprint.update({ where: { id: sprint.id }, data: { plannedTaskIds: unique } });
}
