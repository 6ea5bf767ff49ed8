import { timeEntryDisputed } from '@guild/contracts';
import type { Prisma, Project, TimeEntry } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { entryNotDisputable } from './projects-errors.js';
import { PROJECTS_SOURCE } from './source.js';
import { dayOf } from './weeks.js';

/**
 * Freezes one submitted entry until ops resolve it; the rest of the week is untouched. Disputing
 * an entry that is already disputed changes nothing, so a retried call succeeds.
 */
export async function disputeEntry(tx: Prisma.TransactionClient, project: Project, entry: TimeEntry, dispute: { reason: string; by: string }) {
  if (entry.status === 'disputed') return;
  const disputedAt = new Date();
  const moved = await tx.timeEntry.updateMany({
    where: { id: entry.id, status: 'submitted' },
    data: { status: 'disputed', disputeReason: dispute.reason, disputedBy: dispute.by, disputedAt },
  });
  if (moved.count === 0) throw entryNotDisputable(entry.id, entry.status);
  await recordEvent(tx, PROJECTS_SOURCE, timeEntryDisputed, {
    timeEntryId: entry.id,
    projectId: project.id,
    customerId: project.customerId,
    expertId: entry.expertId,
    day: dayOf(entry.day),
    disputedAt: disputedAt.toISOString(),
  });
}
