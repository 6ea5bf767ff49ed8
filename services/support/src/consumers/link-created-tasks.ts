import { taskCreated, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';

/** Links a task the project board created back to the action reply that asked for it. */
export function linkCreatedTask(prisma: PrismaClient) {
  return async (event: EventEnvelope) => {
    const task = taskCreated.payload.parse(event.payload);
    if (!task.taskRequestId) return;
    await prisma.queryReply.updateMany({ where: { taskRequestId: task.taskRequestId }, data: { taskId: task.taskId } });
  };
}

export function startTaskLinkConsumer(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'support-task-links',
    subjects: [taskCreated.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: linkCreatedTask(opts.prisma),
  });
}
