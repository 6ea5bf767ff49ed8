import type { PrismaClient, Project } from '@guild/db';
import { npsDueFor } from './nps-cadence.js';
import { ensureSprint } from './sprint.js';
import { weekTotals } from './week-totals.js';
import { addDays } from './weeks.js';

export async function sprintView(prisma: PrismaClient, project: Project, weekStart: string) {
  const sprint = await ensureSprint(prisma, project, weekStart);
  return {
    projectId: project.id,
    weekStart,
    weekEnd: addDays(weekStart, 6),
    plannedTaskIds: sprint.plannedTaskIds,
    ...(await weekTotals(prisma, project, weekStart)),
    approvedAt: sprint.approvedAt?.toISOString() ?? null,
    summarySentAt: sprint.summarySentAt?.toISOString() ?? null,
    npsDue: npsDueFor(project, weekStart),
  };
}
