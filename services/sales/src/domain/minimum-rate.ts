import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, SalesTalentRegion } from '@guild/db';
import { notFound } from '@guild/platform';
import { belowMinimumRate } from './sales-errors.js';

const regionName: Record<SalesTalentRegion, string> = { eu_asia: 'EU/Asia', us_western_europe: 'US/Western Europe' };

/** Refuses an offer below the region's minimum rate as the table stands now (422 naming it). */
export async function assertAtLeastMinimumRate(tx: Prisma.TransactionClient, region: SalesTalentRegion, rateCents: number) {
  const minimum = await tx.salesMinimumRate.findUnique({ where: { region } });
  if (!minimum) throw notFound('minimum rate');
  if (rateCents < minimum.rateCents) throw belowMinimumRate(regionName[region], minimum.rateCents);
}

/** Ops change a region's minimum for offers presented from now on; the change and its reason are kept. */
export async function setMinimumRate(prisma: PrismaClient, region: SalesTalentRegion, body: { rateCents: number; reason: string }, by: string) {
  return prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ rate_cents: number }[]>`SELECT rate_cents FROM sales.minimum_rate WHERE region = ${region}::sales."SalesTalentRegion" FOR UPDATE`;
    if (!current) throw notFound('minimum rate');
    await tx.salesMinimumRateChange.create({ data: { id: randomUUID(), region, fromRateCents: current.rate_cents, toRateCents: body.rateCents, reason: body.reason, changedBy: by } });
    return tx.salesMinimumRate.update({ where: { region }, data: { rateCents: body.rateCents, changedBy: by, changedAt: new Date() } });
  });
}
