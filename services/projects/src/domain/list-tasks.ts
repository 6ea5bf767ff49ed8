import type { PrismaClient, Project, TaskStatus } from '@guild/db';
import { cursorArgs, pageOf } from './page.js';

export async function listTasks(
  prisma: PrismaClient,
  project: Project,
  query: { limit: number; cursor?: string | undefined; status?: TaskStatus | undefined },
) {
  const rows = await prisma.task.findMany({
    where: { projectId: project.id, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    ...cursorArgs(query.cursor),
  });
  return pageOf(rows, query.limit);
}
