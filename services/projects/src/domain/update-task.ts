import type { UpdateTaskBody } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { notFound } from '@guild/platform';
import { timeNotReported } from './projects-errors.js';
import { reportedMinutesOf } from './task-view.js';

/**
 * The board rules: nothing is in progress or done without its hours. (Nothing is on the to-do
 * list without an estimate: tasks are created with one and it can only be replaced by another.)
 */
export async function updateTask(prisma: PrismaClient, project: Project, taskId: string, body: UpdateTaskBody) {
  return prisma.$transaction(async (tx) => {
    const task = await tx.task.findFirst({ where: { id: taskId, projectId: project.id } });
    if (!task) throw notFound('task');
    if (body.status === 'in_progress' || body.status === 'done') {
      const reported = (await reportedMinutesOf(tx, [task.id])).get(task.id) ?? 0;
      if (reported === 0) throw timeNotReported(body.status);
    }
    if (body.milestoneId) {
      const milestone = await tx.milestone.findFirst({ where: { id: body.milestoneId, projectId: project.id } });
      if (!milestone) throw notFound('milestone');
    }
    const doneAt = body.status === undefined ? undefined : body.status === 'done' ? (task.doneAt ?? new Date()) : null;
    return tx.task.update({
      where: { id: task.id },
      data: {
        ...(body.status !== undefined ? { status: body.status, doneAt } : {}),
        ...(body.estimateMinutes !== undefined ? { estimateMinutes: body.estimateMinutes } : {}),
        ...(body.milestoneId !== undefined ? { milestoneId: body.milestoneId } : {}),
      },
    });
  });
}
