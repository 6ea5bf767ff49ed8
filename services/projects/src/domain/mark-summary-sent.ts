import type { PrismaClient, Project } from '@guild/db';
import { ensureSprint } from './sprint.js';

/** Marks the week's summary sent; the first mark stays, so a retry changes nothing. */
export async function markSummarySent(prisma: PrismaClient, project: Project, weekStart: string) {
  const sprint = await ensureSprint(prisma, project, weekStart);
  await prisma.sprint.updateMany({ where: { id: sprint.id, summarySentAt: null }, data: { summarySentAt: new Date() } });
}
