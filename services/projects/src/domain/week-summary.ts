import type { PrismaClient, Project } from '@guild/db';
import { weekTotals } from './week-totals.js';
import { addDays, dayOf, localDayOf } from './weeks.js';

/**
 * What the customer's weekly summary says: tasks done this week, hours per task and in total,
 * hours against the budget, next week's plan (the to-do list) and the disputes still open.
 */
export async function weekSummary(prisma: PrismaClient, project: Project, weekStart: string) {
  const weekEnd = addDays(weekStart, 6);
  const done = await prisma.task.findMany({
    where: { projectId: project.id, status: 'done', doneAt: { not: null } },
    orderBy: { doneAt: 'asc' },
  });
  const tasksDone = done
    .filter((t) => {
      const day = localDayOf(t.doneAt!, project.timeZone);
      return day >= weekStart && day <= weekEnd;
    })
    .map((t) => ({ taskId: t.id, title: t.title }));
  const todo = await prisma.task.findMany({ where: { projectId: project.id, status: 'todo' }, orderBy: { createdAt: 'asc' } });
  const disputes = await prisma.timeEntry.findMany({ where: { projectId: project.id, status: 'disputed' }, orderBy: { day: 'asc' } });
  return {
    projectId: project.id,
    projectTitle: project.title,
    weekStart,
    weekEnd,
    tasksDone,
    ...(await weekTotals(prisma, project, weekStart)),
    nextWeekPlan: todo.map((t) => ({ taskId: t.id, title: t.title, estimateMinutes: t.estimateMinutes })),
    openDisputes: disputes.map((e) => ({ timeEntryId: e.id, day: dayOf(e.day), minutes: e.minutes, reason: e.disputeReason })),
  };
}
