import type { Job, Prisma, PrismaClient } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';

/**
 * A job as the caller may see it: the customer's own company, ops and services; experts see open
 * jobs (to send offers) and the jobs they were selected for. Anyone else: 404, not 403.
 */
export async function findVisibleJob(db: PrismaClient | Prisma.TransactionClient, principal: Principal, jobId: string): Promise<Job> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job || !canSee(principal, job, await selectedExpertOf(db, job))) throw notFound('job');
  return job;
}

export async function selectedExpertOf(db: PrismaClient | Prisma.TransactionClient, job: Job): Promise<string | null> {
  if (!job.selectedOfferId) return null;
  return (await db.offer.findUnique({ where: { id: job.selectedOfferId } }))?.expertId ?? null;
}

function canSee(principal: Principal, job: Job, selectedExpert: string | null): boolean {
  if (principal.role === 'ops' || principal.role === 'service') return true;
  if (principal.role === 'customer') return principal.customerId === job.customerId;
  if (principal.role === 'expert') return job.status === 'open' || principal.expertId === selectedExpert;
  return false;
}

export const isJobCustomer = (principal: Principal, job: Job) => principal.role === 'customer' && principal.customerId === job.customerId;
