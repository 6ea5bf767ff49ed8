import { projectActivated, projectCreated, projectEnded, projectPaused, projectResumed, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient, VaultProjectStatus } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';

const statusAfter: Record<string, VaultProjectStatus> = {
  [projectCreated.subject]: 'launching',
  [projectActivated.subject]: 'active',
  [projectResumed.subject]: 'active',
  [projectPaused.subject]: 'paused',
  [projectEnded.subject]: 'ended',
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
 * Keeps the vault's copy of who works for whom. A project's company and expert never change, so
 * the copy cannot go stale, and reveals keep working while the projects service is down. An event
 * older than what the vault already knows (a redelivery after a later one) changes nothing.
 */
export function followProject(prisma: PrismaClient) {
  return async (event: EventEnvelope) => {
    const status = statusAfter[event.subject];
    if (!status) return;
    const change = changeOf(event);
    await prisma.$transaction(async (tx) => {
      const known = await tx.vaultProject.findUnique({ where: { projectId: change.projectId } });
      if (known && known.changedAt > change.at) return;
      const row = { customerId: change.customerId, expertId: change.expertId, status, changedAt: change.at };
      await tx.vaultProject.upsert({ where: { projectId: change.projectId }, create: { projectId: change.projectId, ...row }, update: row });
    });
  };
}

export function startProjectFollower(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'vault-projects',
    subjects: Object.keys(statusAfter),
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: followProject(opts.prisma),
  });
}
