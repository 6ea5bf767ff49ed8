import type { PrismaClient, Project } from '@guild/db';
import { countedEntries } from './task-view.js';
import { dateOfDay } from './weeks.js';

/** Minutes per task and in total for a week, and how much of the budget they use. */
export async function weekTotals(prisma: PrismaClient, project: Project, weekStart: string) {
  const week = dateOfDay(weekStart);
  const perTask = await prisma.timeEntry.groupBy({
    by: ['taskId'],
    where: { projectId: project.id, weekStart: week, ...countedEntries },
    _sum: { minutes: true },
  });
  const tasks = await prisma.task.findMany({ where: { id: { in: perTask.map((t) => t.taskId) } }, select: { id: true, title: true } });
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const minutesPerTask = perTask
    .map((t) => ({ taskId: t.taskId, title: titles.get(t.taskId) ?? '', minutes: t._sum.minutes ?? 0 }))
    .sort((a, b) => b.minutes - a.minutes || a.title.localeCompare(b.title));
  const totalMinutes = minutesPerTask.reduce((sum, t) => sum + t.minutes, 0);
  // A weekly budget is measured against this week; a cap against everything up to this week.
  const usedMinutes =
    project.budgetKind === 'per_week'
      ? totalMinutes
      : ((await prisma.timeEntry.aggregate({ where: { projectId: project.id, weekStart: { lte: week }, ...countedEntries }, _sum: { minutes: true } }))
          ._sum.minutes ?? 0);
  return {
    minutesPerTask,
    totalMinutes,
    budget: {
      kind: project.budgetKind,
      budgetMinutes: project.budgetMinutes,
      usedMinutes,
      remainingMinutes: project.budgetMinutes - usedMinutes,
    },
  };
}
