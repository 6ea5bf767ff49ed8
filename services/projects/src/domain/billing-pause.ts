import type { Prisma, PrismaClient } from '@guild/db';
import { moveProject } from './change-project-status.js';

/** Why billing paused a project, as ops read it. */
export const UNPAID_INVOICE = 'unpaid invoice';

/** Serialises billing's pauses and resumptions of one customer's projects. */
async function lockCustomerProjects(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`projects billing ${customerId}`}))) AS l`;
}

/**
 * An invoice stayed unpaid past dunning: the customer's active projects pause (their sprints stop
 * on projects.project.paused) and are held for this invoice. A project billing already holds for
 * another unpaid invoice is held for this one too; one ops paused for another reason is left alone.
 * Answers the projects this call paused.
 */
export async function pauseForUnpaidInvoice(prisma: PrismaClient, customerId: string, invoiceId: string): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    await lockCustomerProjects(tx, customerId);
    const projects = await tx.project.findMany({
      where: { customerId, OR: [{ status: 'active' }, { status: 'paused', billingPauses: { some: { releasedAt: null } } }] },
    });
    const paused: string[] = [];
    for (const project of projects) {
      await tx.projectBillingPause.createMany({ data: [{ projectId: project.id, invoiceId, customerId, reason: UNPAID_INVOICE }], skipDuplicates: true });
      if (project.status === 'active' && (await moveProject(tx, project, 'pause'))) paused.push(project.id);
    }
    return paused;
  });
}

/**
 * The invoice is paid: the projects held for it resume, unless another unpaid invoice still holds
 * them or they are no longer paused (ops ended one meanwhile). Answers the projects this call resumed.
 */
export async function resumeAfterPayment(prisma: PrismaClient, customerId: string, invoiceId: string): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    await lockCustomerProjects(tx, customerId);
    const held = await tx.projectBillingPause.findMany({ where: { customerId, invoiceId, releasedAt: null }, include: { project: true } });
    await tx.projectBillingPause.updateMany({ where: { customerId, invoiceId, releasedAt: null }, data: { releasedAt: new Date() } });
    const resumed: string[] = [];
    for (const { project } of held) {
      const stillHeld = await tx.projectBillingPause.count({ where: { projectId: project.id, releasedAt: null } });
      if (stillHeld === 0 && (await moveProject(tx, project, 'resume'))) resumed.push(project.id);
    }
    return resumed;
  });
}
