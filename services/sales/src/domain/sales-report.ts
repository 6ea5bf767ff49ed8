import type { PrismaClient, SalesLeadStage } from '@guild/db';

const stages: SalesLeadStage[] = ['new', 'meeting_booked', 'offer_presented', 'draft_sent', 'won', 'lost'];

/** Ops' view: the pipeline by stage, the win rate of closed leads, the median days to win, commissions per expert. */
export async function salesReport(prisma: PrismaClient) {
  const [byStage, won, commissions, releases] = await Promise.all([
    prisma.salesLead.groupBy({ by: ['stage'], _count: { _all: true } }),
    prisma.salesLead.findMany({ where: { stage: 'won', closedAt: { not: null } }, select: { createdAt: true, closedAt: true } }),
    prisma.$queryRaw<{ expert_id: string; pending: bigint; clawed: bigint }[]>`
      SELECT expert_id,
             SUM(CASE WHEN amount_cents > 0 AND available_at > now() THEN amount_cents ELSE 0 END) AS pending,
             SUM(CASE WHEN amount_cents < 0 THEN -amount_cents ELSE 0 END) AS clawed
      FROM sales.commission_line GROUP BY expert_id ORDER BY expert_id`,
    prisma.salesCommissionRelease.groupBy({ by: ['expertId'], _sum: { amountCents: true } }),
  ]);
  const pipeline = Object.fromEntries(stages.map((s) => [s, byStage.find((r) => r.stage === s)?._count._all ?? 0])) as Record<SalesLeadStage, number>;
  const closed = pipeline.won + pipeline.lost;
  const days = won.map((l) => (l.closedAt!.getTime() - l.createdAt.getTime()) / 86_400_000).sort((a, b) => a - b);
  const median = days.length === 0 ? null : days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2;
  return {
    pipeline,
    winRate: closed === 0 ? null : pipeline.won / closed,
    medianDaysToWin: median,
    commissions: commissions.map((c) => ({
      expertId: c.expert_id,
      pendingCents: Number(c.pending),
      releasedCents: releases.find((r) => r.expertId === c.expert_id)?._sum.amountCents ?? 0,
      clawedBackCents: Number(c.clawed),
    })),
  };
}
