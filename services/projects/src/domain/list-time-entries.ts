import type { PrismaClient, Project, TimeEntryStatus } from '@guild/db';
import { cursorArgs, pageOf } from './page.js';
import { dateOfDay } from './weeks.js';

export async function listTimeEntries(
  prisma: PrismaClient,
  project: Project,
  query: { limit: number; cursor?: string | undefined; weekStart?: string | undefined; status?: TimeEntryStatus | undefined },
) {
  const rows = await prisma.timeEntry.findMany({
    where: {
      projectId: project.id,
      ...(query.weekStart ? { weekStart: dateOfDay(query.weekStart) } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    orderBy: [{ day: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    ...cursorArgs(query.cursor),
  });
  return pageOf(rows, query.limit);
}
