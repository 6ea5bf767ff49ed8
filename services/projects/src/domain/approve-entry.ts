import { timeEntryApproved } from '@guild/contracts';
import type { Prisma, Project, TimeEntry, TimeEntryStatus } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { PROJECTS_SOURCE } from './source.js';
import { dayOf } from './weeks.js';

/** Who approved when nobody acted before the review window closed. */
export const REVIEW_WINDOW = 'review-window';

/**
 * Approves one entry and records `projects.timeentry.approved` — exactly once per entry: the
 * status guard in the update lets only one transaction move it, so a retried or concurrent
 * approval finds nothing to do and publishes nothing. Returns whether this call approved it.
 */
export async function approveEntry(
  tx: Prisma.TransactionClient,
  project: Project,
  entry: TimeEntry,
  approval: { from: TimeEntryStatus; by: string; changes?: Prisma.TimeEntryUpdateManyMutationInput; minutes?: number },
): Promise<boolean> {
  const approvedAt = new Date();
  const minutes = approval.minutes ?? entry.minutes;
  const moved = await tx.timeEntry.updateMany({
    where: { id: entry.id, status: approval.from },
    data: { ...approval.changes, minutes, status: 'approved', approvedAt, approvedBy: approval.by },
  });
  if (moved.count === 0) return false;
  await recordEvent(tx, PROJECTS_SOURCE, timeEntryApproved, {
    timeEntryId: entry.id,
    projectId: project.id,
    customerId: project.customerId,
    expertId: entry.expertId,
    minutes,
    customerRateCents: project.customerRateCents,
    expertRateCents: project.expertRateCents,
    currency: 'USD',
    day: dayOf(entry.day),
    approvedAt: approvedAt.toISOString(),
  });
  return true;
}
