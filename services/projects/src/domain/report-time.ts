import { randomUUID } from 'node:crypto';
import type { ReportTimeBody } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';
import { weekApproved } from './projects-errors.js';
import { ensureSprint } from './sprint.js';
import { dateOfDay, weekStartOf } from './weeks.js';

/**
 * The project's expert reports time on a task. Once the customer approved a week, only ops may
 * add to it (an entry found later, say), so approved hours do not change behind the customer's back.
 */
export async function reportTime(prisma: PrismaClient, project: Project, principal: Principal, body: ReportTimeBody) {
  const weekStart = weekStartOf(body.day, project.weekStartDay);
  return prisma.$transaction(async (tx) => {
    const task = await tx.task.findFirst({ where: { id: body.taskId, projectId: project.id } });
    if (!task) throw notFound('task');
    const sprint = await ensureSprint(tx, project, weekStart);
    if (sprint.approvedAt && principal.role !== 'ops') throw weekApproved(weekStart);
    return tx.timeEntry.create({
      data: {
        id: randomUUID(),
        projectId: project.id,
        taskId: task.id,
        expertId: project.expertId,
        minutes: body.minutes,
        day: dateOfDay(body.day),
        weekStart: dateOfDay(weekStart),
        note: body.note ?? null,
        createdBy: principal.subject,
      },
    });
  });
}
