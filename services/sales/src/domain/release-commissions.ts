import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@guild/db';
import { notFound } from '@guild/platform';
import { commissionSums } from './commission-rules.js';

async function sumsOf(tx: Prisma.TransactionClient, expertId: string, now: Date) {
  const [lines, released] = await Promise.all([
    tx.salesCommissionLine.findMany({ where: { expertId }, orderBy: { createdAt: 'asc' } }),
    tx.salesCommissionRelease.aggregate({ where: { expertId }, _sum: { amountCents: true } }),
  ]);
  const releasedCents = released._sum.amountCents ?? 0;
  return { lines, releasedCents, ...commissionSums(lines, releasedCents, now) };
}

/** The expert's commission lines and sums as they stand now. */
export function commissionsOf(prisma: PrismaClient, expertId: string) {
  return prisma.$transaction((tx) => sumsOf(tx, expertId, new Date()));
}

/**
 * Hands matured commissions, net of clawbacks, to the payout balance: one release at a time per
 * expert. A release payouts has not confirmed yet is answered again (the caller credits it under
 * its id); otherwise a positive net becomes a new release, and a negative one carries forward.
 */
export async function releaseCommissions(prisma: PrismaClient, expertId: string) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sales-release:${expertId}`}))`;
    const unconfirmed = await tx.salesCommissionRelease.findFirst({ where: { expertId, creditedAt: null } });
    if (unconfirmed) return unconfirmed;
    const { releasableCents } = await sumsOf(tx, expertId, new Date());
    if (releasableCents <= 0) return null;
    return tx.salesCommissionRelease.create({ data: { id: randomUUID(), expertId, amountCents: releasableCents } });
  });
}

/** Payouts credited the release (reference `sales-release:<id>`). */
export async function confirmRelease(prisma: PrismaClient, id: string) {
  const release = await prisma.salesCommissionRelease.findUnique({ where: { id } });
  if (!release) throw notFound('commission release');
  if (release.creditedAt) return release;
  return prisma.salesCommissionRelease.update({ where: { id }, data: { creditedAt: new Date() } });
}
