import { randomUUID } from 'node:crypto';
import { taskCreated, type CreateTaskBody } from '@guild/contracts';
import type { Prisma, Project } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { PROJECTS_SOURCE } from './source.js';

/**
 * Puts a task on the to-do list, with its estimate (the API's schema demands one), inside the
 * caller's transaction so a meeting summary and its follow-up tasks commit together. A task
 * support asked for may come without one: the sprint's missing-estimate reminder chases it.
 */
export async function createTask(
  tx: Prisma.TransactionClient,
  project: Project,
  body: Omit<CreateTaskBody, 'estimateMinutes'> & { estimateMinutes: number | null; meetingId?: string },
  createdBy: string,
) {
  if (body.milestoneId) {
    const milestone = await tx.milestone.findFirst({ where: { id: body.milestoneId, projectId: project.id } });
    if (!milestone) throw notFound('milestone');
  }
  const task = await tx.task.create({
    data: {
      id: randomUUID(),
      projectId: project.id,
      title: body.title,
      estimateMinutes: body.estimateMinutes,
      milestoneId: body.milestoneId ?? null,
      meetingId: body.meetingId ?? null,
      taskRequestId: body.taskRequestId ?? null,
      createdBy,
    },
  });
  await recordEvent(tx, PROJECTS_SOURCE, taskCreated, {
    taskId: task.id,
    taskRequestId: task.taskRequestId,
    customerId: project.customerId,
    title: task.title,
    createdAt: task.createdAt.toISOString(),
  });
  return task;
}
