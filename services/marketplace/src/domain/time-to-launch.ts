import type { PrismaClient } from '@guild/db';

/** The value below which `p` of the sorted values lie (nearest rank). Pure. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/** Time from posting to launch per job (newest first) and its p50/p90 over launched jobs, for ops. */
export async function timeToLaunchReport(prisma: PrismaClient, limit = 200) {
  const jobs = await prisma.job.findMany({ orderBy: [{ postedAt: 'desc' }, { id: 'desc' }], take: limit });
  const rows = jobs.map((j) => ({
    jobId: j.id,
    customerId: j.customerId,
    postedAt: j.postedAt.toISOString(),
    launchedAt: j.launchedAt?.toISOString() ?? null,
    minutesToLaunch: j.launchedAt ? minutesBetween(j.postedAt, j.launchedAt) : null,
    breached: j.slaBreachedAt !== null,
  }));
  const launched = rows.flatMap((r) => (r.minutesToLaunch === null ? [] : [r.minutesToLaunch])).sort((a, b) => a - b);
  return { launched: launched.length, p50Minutes: percentile(launched, 0.5), p90Minutes: percentile(launched, 0.9), jobs: rows };
}
