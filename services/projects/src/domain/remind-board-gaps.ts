import type { PrismaClient, Project } from '@guild/db';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { missingEstimatesMail, missingHoursMail } from '../mail/templates.js';
import { dateOfDay } from './weeks.js';

export type BoardGap = 'missing_estimates' | 'missing_hours';

/** The tasks a gap is about: to-do tasks without an estimate, or in-progress tasks without hours this week. */
async function tasksWith(prisma: PrismaClient, project: Project, weekStart: string, gap: BoardGap) {
  if (gap === 'missing_estimates') {
    return prisma.task.findMany({ where: { projectId: project.id, status: 'todo', estimateMinutes: null }, orderBy: { createdAt: 'asc' } });
  }
  return prisma.task.findMany({
    where: { projectId: project.id, status: 'in_progress', timeEntries: { none: { weekStart: dateOfDay(weekStart), status: { not: 'rejected' } } } },
    orderBy: { createdAt: 'asc' },
  });
}

/** Reminds the expert of a gap on the board, once per gap and week; nothing to say, no mail. */
export async function remindBoardGaps(prisma: PrismaClient, project: Project, weekStart: string, gap: BoardGap) {
  const tasks = await tasksWith(prisma, project, weekStart, gap);
  if (tasks.length === 0) return { queued: false, taskIds: [] };
  const data = { projectId: project.id, projectTitle: project.title, weekStart, tasks: tasks.map((t) => t.title) };
  const mail = { idempotencyKey: `${gap}:${project.id}:${weekStart}`, to: [{ kind: 'expert' as const, expertId: project.expertId }] };
  await prisma.$transaction((tx) =>
    gap === 'missing_estimates'
      ? queueProjectsMail(tx, { ...mail, template: missingEstimatesMail, data })
      : queueProjectsMail(tx, { ...mail, template: missingHoursMail, data }),
  );
  return { queued: true, taskIds: tasks.map((t) => t.id) };
}
