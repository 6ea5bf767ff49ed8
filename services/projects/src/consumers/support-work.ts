import { randomUUID } from 'node:crypto';
import { queryTimeLogged, taskCreated, taskRequested, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { consumeEvents, recordEvent, type ConsumeEventsOptions, type Logger } from '@guild/platform';
import { createTask } from '../domain/create-task.js';
import { PROJECTS_SOURCE } from '../domain/source.js';
import { ensureSprint } from '../domain/sprint.js';
import { dateOfDay, localDayOf, weekStartOf } from '../domain/weeks.js';

/** The project a query's work goes to: the one it named (if the customer's), else the customer's active one. */
async function projectFor(prisma: PrismaClient, customerId: string, projectId: string | null): Promise<Project | null> {
  if (projectId) return prisma.project.findFirst({ where: { id: projectId, customerId } });
  return prisma.project.findFirst({ where: { customerId, status: 'active' }, orderBy: { updatedAt: 'desc' } });
}

/** An action reply asked for a task: it goes on the project's board once, and the board announces it with the request id. */
async function putRequestedTaskOnBoard(prisma: PrismaClient, logger: Logger, event: EventEnvelope) {
  const request = taskRequested.payload.parse(event.payload);
  const project = await projectFor(prisma, request.customerId, request.projectId);
  if (!project) {
    logger.warn({ eventId: event.id, queryId: request.queryId, customerId: request.customerId }, 'support asked for a task, but the customer has no such project');
    return;
  }
  await prisma.$transaction(async (tx) => {
    if (await tx.task.findUnique({ where: { taskRequestId: request.taskRequestId } })) return;
    await createTask(tx, project, { title: request.title, estimateMinutes: request.estimateMinutes, taskRequestId: request.taskRequestId }, `support:${request.expertId}`);
  });
}

/**
 * Minutes logged on a query become a submitted time entry of the project's expert, on the day they
 * were logged in the project's time zone, under the query's support task (made on first use). The
 * customer approves them with the week's other hours.
 */
async function recordSupportTime(prisma: PrismaClient, logger: Logger, event: EventEnvelope) {
  const logged = queryTimeLogged.payload.parse(event.payload);
  const project = await projectFor(prisma, logged.customerId, logged.projectId);
  if (!project) {
    logger.warn({ eventId: event.id, queryId: logged.queryId, customerId: logged.customerId }, 'minutes were logged on a query, but the customer has no such project');
    return;
  }
  const day = localDayOf(new Date(logged.loggedAt), project.timeZone);
  const weekStart = weekStartOf(day, project.weekStartDay);
  await prisma.$transaction(async (tx) => {
    if (await tx.timeEntry.findUnique({ where: { supportTimeEntryId: logged.timeEntryId } })) return;
    let task = await tx.task.findUnique({ where: { supportQueryId: logged.queryId } });
    if (!task) {
      task = await tx.task.create({
        data: {
          id: randomUUID(),
          projectId: project.id,
          title: `Support query ${logged.queryId.slice(0, 8)}`,
          // Worked on already: in progress, with the time entry below as its reported time.
          status: 'in_progress',
          supportQueryId: logged.queryId,
          createdBy: 'support',
        },
      });
      await recordEvent(tx, PROJECTS_SOURCE, taskCreated, {
        taskId: task.id,
        taskRequestId: null,
        customerId: project.customerId,
        title: task.title,
        createdAt: task.createdAt.toISOString(),
      });
    }
    await ensureSprint(tx, project, weekStart);
    await tx.timeEntry.create({
      data: {
        id: randomUUID(),
        projectId: project.id,
        taskId: task.id,
        expertId: project.expertId,
        minutes: logged.minutes,
        day: dateOfDay(day),
        weekStart: dateOfDay(weekStart),
        note: `Support query ${logged.queryId}`,
        createdBy: `support:${logged.expertId}`,
        supportTimeEntryId: logged.timeEntryId,
      },
    });
  });
}

/** Support's work on a customer's queries, carried onto their project: requested tasks and logged minutes. */
export function handleSupportWork(prisma: PrismaClient, logger: Logger) {
  return async (event: EventEnvelope) => {
    if (event.subject === taskRequested.subject) await putRequestedTaskOnBoard(prisma, logger, event);
    else if (event.subject === queryTimeLogged.subject) await recordSupportTime(prisma, logger, event);
  };
}

export function startSupportWorkConsumer(opts: Pick<ConsumeEventsOptions, 'nc' | 'namespace' | 'logger'> & { prisma: PrismaClient }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'projects-support-work',
    subjects: [taskRequested.subject, queryTimeLogged.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: handleSupportWork(opts.prisma, opts.logger),
  });
}
