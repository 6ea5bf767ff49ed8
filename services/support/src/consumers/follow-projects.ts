import {
  projectActivated,
  projectCreated,
  projectEnded,
  projectPaused,
  projectResumed,
  type EventEnvelope,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';

/** What each lifecycle event makes of the project, and whether its expert now answers the customer. */
const lifecycle: Record<string, { status: 'launching' | 'active' | 'paused' | 'ended'; assigns: boolean }> = {
  [projectCreated.subject]: { status: 'launching', assigns: false },
  [projectActivated.subject]: { status: 'active', assigns: true },
  [projectResumed.subject]: { status: 'active', assigns: true },
  [projectPaused.subject]: { status: 'paused', assigns: false },
  [projectEnded.subject]: { status: 'ended', assigns: false },
};

const changeOf = (event: EventEnvelope) => {
  if (event.subject === projectCreated.subject) {
    const p = projectCreated.payload.parse(event.payload);
    return { projectId: p.projectId, customerId: p.customerId, expertId: p.expertId, at: new Date(p.createdAt) };
  }
  const p = projectActivated.payload.parse(event.payload);
  return { projectId: p.projectId, customerId: p.customerId, expertId: p.expertId, at: new Date(p.at) };
};

/**
 * Keeps support's picture of the customers' projects. While a project is active its expert is the
 * customer's assigned expert; ops still choose the backup, which a new project leaves as it was.
 * An event older than what support already knows of the project (a redelivery after a later one)
 * changes nothing.
 */
export function followProject(prisma: PrismaClient) {
  return async (event: EventEnvelope) => {
    const effect = lifecycle[event.subject];
    if (!effect) return;
    const change = changeOf(event);
    await prisma.$transaction(async (tx) => {
      const known = await tx.customerProject.findUnique({ where: { projectId: change.projectId } });
      if (known && known.changedAt > change.at) return;
      const row = { customerId: change.customerId, expertId: change.expertId, status: effect.status, changedAt: change.at };
      await tx.customerProject.upsert({ where: { projectId: change.projectId }, create: { projectId: change.projectId, ...row }, update: row });
      if (!effect.assigns) return;
      await tx.expertAssignment.upsert({
        where: { customerId: change.customerId },
        create: { customerId: change.customerId, expertId: change.expertId },
        update: { expertId: change.expertId },
      });
    });
  };
}

export function startProjectFollower(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'support-customer-projects',
    subjects: Object.keys(lifecycle),
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: followProject(opts.prisma),
  });
}
