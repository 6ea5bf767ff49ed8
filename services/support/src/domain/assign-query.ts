import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import type { MailDirectory } from '@guild/platform';
import { queryAssignedMail } from '../mail/templates.js';
import { queueSupportMail } from './mail-outbox.js';
import { queryThread, type QueryWithThread } from './query-view.js';
import { unknownExpert } from './support-errors.js';

/**
 * Ops hand a query to an expert (a first assignment or a reassignment), with a reason kept in the
 * ops audit trail beside the previous expert. The expert must exist: identity knows every expert;
 * without identity, the experts of support's own assignments are the list it trusts.
 */
export async function assignQuery(
  prisma: PrismaClient,
  directory: MailDirectory | undefined,
  query: QueryWithThread,
  assignment: { expertId: string; reason: string; by: string },
  now = new Date(),
) {
  if (!(await expertExists(prisma, directory, assignment.expertId))) throw unknownExpert(assignment.expertId);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.query.update({ where: { id: query.id }, data: { assignedExpertId: assignment.expertId }, include: queryThread });
    await tx.opsAuditEntry.create({
      data: {
        id: randomUUID(),
        actor: assignment.by,
        action: 'assign query',
        target: JSON.stringify({ queryId: query.id }),
        details: { from: query.assignedExpertId, to: assignment.expertId, reason: assignment.reason },
        createdAt: now,
      },
    });
    await queueSupportMail(tx, {
      idempotencyKey: `assigned:${query.id}:${assignment.expertId}:${now.toISOString()}`,
      template: queryAssignedMail,
      data: { queryId: query.id, querySubject: query.subject, number: query.number, reason: assignment.reason },
      to: [{ kind: 'expert', expertId: assignment.expertId }],
    });
    return updated;
  });
}

async function expertExists(prisma: PrismaClient, directory: MailDirectory | undefined, expertId: string) {
  if (directory) return (await directory([{ kind: 'expert', expertId }])).unresolved.length === 0;
  const known = await prisma.expertAssignment.count({ where: { OR: [{ expertId }, { backupExpertId: expertId }] } });
  return known > 0;
}
