import type { Prisma, PrismaClient, Task } from '@guild/db';

/** Reported time counts every entry but the rejected ones. */
export const countedEntries: Prisma.TimeEntryWhereInput = { status: { not: 'rejected' } };

export async function reportedMinutesOf(prisma: Prisma.TransactionClient | PrismaClient, taskIds: string[]): Promise<Map<string, number>> {
  const sums = await prisma.timeEntry.groupBy({
    by: ['taskId'],
    where: { taskId: { in: taskIds }, ...countedEntries },
    _sum: { minutes: true },
  });
  return new Map(sums.map((s) => [s.taskId, s._sum.minutes ?? 0]));
}

export function toTaskView(task: Task, reportedMinutes: number) {
  return {
    id: task.id,
    projectId: task.projectId,
    title: task.title,
    status: task.status,
    estimateMinutes: task.estimateMinutes,
    reportedMinutes,
    milestoneId: task.milestoneId,
    meetingId: task.meetingId,
    createdAt: task.createdAt.toISOString(),
    doneAt: task.doneAt?.toISOString() ?? null,
  };
}

export async function toTaskViews(prisma: PrismaClient, tasks: Task[]) {
  const reported = await reportedMinutesOf(prisma, tasks.map((t) => t.id));
  return tasks.map((t) => toTaskView(t, reported.get(t.id) ?? 0));
}
