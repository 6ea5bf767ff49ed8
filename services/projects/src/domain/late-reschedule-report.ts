import type { PrismaClient } from '@guild/db';

/** Meetings each expert declined with less notice than the policy asks, most recent first. */
export async function lateRescheduleReport(prisma: PrismaClient, expertId?: string) {
  const meetings = await prisma.meeting.findMany({
    where: { lateReschedule: true, ...(expertId ? { expertId } : {}) },
    orderBy: [{ declinedAt: 'desc' }, { id: 'asc' }],
    take: 1_000,
  });
  const byExpert = new Map<string, typeof meetings>();
  for (const m of meetings) byExpert.set(m.expertId, [...(byExpert.get(m.expertId) ?? []), m]);
  return {
    experts: [...byExpert.entries()]
      .map(([id, list]) => ({
        expertId: id,
        lateReschedules: list.length,
        meetings: list.map((m) => ({
          meetingId: m.id,
          projectId: m.projectId,
          startsAt: m.startsAt.toISOString(),
          declinedAt: (m.declinedAt ?? m.createdAt).toISOString(),
        })),
      }))
      .sort((a, b) => b.lateReschedules - a.lateReschedules || a.expertId.localeCompare(b.expertId)),
  };
}
