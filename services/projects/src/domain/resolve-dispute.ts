import type { ResolveDisputeBody } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { notFound } from '@guild/platform';
import { approveEntry } from './approve-entry.js';
import { entryNotDisputed } from './projects-errors.js';

/** Ops settle a disputed entry: approve it as reported, approve it with other minutes, or reject it. */
export async function resolveDispute(prisma: PrismaClient, project: Project, entryId: string, body: ResolveDisputeBody, by: string) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.timeEntry.findFirst({ where: { id: entryId, projectId: project.id } });
    if (!entry) throw notFound('time entry');
    if (entry.status !== 'disputed') throw entryNotDisputed(entry.status);
    const resolvedAt = new Date();
    const record = { resolvedBy: by, resolvedAt, resolutionNote: body.note ?? null };
    let settled: boolean;
    if (body.outcome === 'reject') {
      const moved = await tx.timeEntry.updateMany({
        where: { id: entry.id, status: 'disputed' },
        data: { ...record, status: 'rejected', resolution: 'rejected' },
      });
      settled = moved.count === 1;
    } else if (body.outcome === 'change') {
      settled = await approveEntry(tx, project, entry, {
        from: 'disputed',
        by,
        minutes: body.minutes,
        changes: { ...record, resolution: 'changed', reportedMinutes: entry.minutes },
      });
    } else {
      settled = await approveEntry(tx, project, entry, { from: 'disputed', by, changes: { ...record, resolution: 'approved' } });
    }
    const current = await tx.timeEntry.findUniqueOrThrow({ where: { id: entry.id } });
    if (!settled) throw entryNotDisputed(current.status);
    return current;
  });
}
