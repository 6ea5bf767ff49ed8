import type { PrismaClient, Project } from '@guild/db';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { weeklySummaryMail } from '../mail/templates.js';
import { ensureSprint } from './sprint.js';
import { weekSummary } from './week-summary.js';

/**
 * Mails the week's summary to the customer's people with a copy to ops, and marks it sent, in one
 * transaction: a retry finds the mail queued and the mark set, and sends nothing twice.
 */
export async function sendWeekSummary(prisma: PrismaClient, project: Project, weekStart: string) {
  const summary = await weekSummary(prisma, project, weekStart);
  const sprint = await ensureSprint(prisma, project, weekStart);
  await prisma.$transaction(async (tx) => {
    await queueProjectsMail(tx, {
      idempotencyKey: `weekly-summary:${project.id}:${weekStart}`,
      template: weeklySummaryMail,
      to: [{ kind: 'company', companyId: project.customerId }, { kind: 'ops' }],
      data: {
        projectId: project.id,
        projectTitle: project.title,
        weekStart,
        weekEnd: summary.weekEnd,
        tasksDone: summary.tasksDone.map((t) => t.title),
        hoursPerTask: summary.minutesPerTask.map((t) => ({ title: t.title, minutes: t.minutes })),
        totalMinutes: summary.totalMinutes,
        budget: summary.budget,
        nextWeekPlan: summary.nextWeekPlan.map((t) => ({ title: t.title, estimateMinutes: t.estimateMinutes })),
        openDisputes: summary.openDisputes.map((e) => ({ day: e.day, minutes: e.minutes, reason: e.reason })),
      },
    });
    await tx.sprint.updateMany({ where: { id: sprint.id, summarySentAt: null }, data: { summarySentAt: new Date() } });
  });
}
