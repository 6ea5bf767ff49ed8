import type { PrismaClient, Project } from '@guild/db';
import { approveEntry } from './approve-entry.js';
import { disputeEntry } from './dispute-entry.js';
import { entryNotDisputable, entryNotInWeek } from './projects-errors.js';
import { ensureSprint } from './sprint.js';
import { dateOfDay } from './weeks.js';

export interface Dispute {
  timeEntryId: string;
  reason: string;
}

/**
 * The customer's review of a week: the chosen entries are disputed, and — unless `disputeOnly` —
 * every other submitted entry of the week is approved and the week marked approved. The review
 * window's automatic approval is the same step with nobody's disputes.
 */
export async function reviewWeek(
  prisma: PrismaClient,
  project: Project,
  weekStart: string,
  review: { by: string; disputes: Dispute[]; disputeOnly?: boolean },
) {
  return prisma.$transaction(async (tx) => {
    const entries = await tx.timeEntry.findMany({ where: { projectId: project.id, weekStart: dateOfDay(weekStart) }, orderBy: { createdAt: 'asc' } });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const disputedIds = new Set(review.disputes.map((d) => d.timeEntryId));
    for (const dispute of review.disputes) {
      const entry = byId.get(dispute.timeEntryId);
      if (!entry) throw entryNotInWeek(dispute.timeEntryId, weekStart);
      if (entry.status !== 'submitted' && entry.status !== 'disputed') throw entryNotDisputable(entry.id, entry.status);
      await disputeEntry(tx, project, entry, { reason: dispute.reason, by: review.by });
    }
    const approvedEntryIds: string[] = [];
    if (!review.disputeOnly) {
      for (const entry of entries) {
        if (entry.status !== 'submitted' || disputedIds.has(entry.id)) continue;
        if (await approveEntry(tx, project, entry, { from: 'submitted', by: review.by })) approvedEntryIds.push(entry.id);
      }
      const sprint = await ensureSprint(tx, project, weekStart);
      if (!sprint.approvedAt) await tx.sprint.update({ where: { id: sprint.id }, data: { approvedAt: new Date(), approvedBy: review.by } });
    }
    const disputed = await tx.timeEntry.findMany({
      where: { projectId: project.id, weekStart: dateOfDay(weekStart), status: 'disputed' },
      select: { id: true },
    });
    return { projectId: project.id, weekStart, approvedEntryIds, disputedEntryIds: disputed.map((e) => e.id) };
  });
}
